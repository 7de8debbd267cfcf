"""The narrow API the compute manager hands to virt drivers."""


class VirtAPI(object):
    """Callbacks a driver may make into the compute service."""

    def exit_wait_early(self, events):
        """Stop waiting for external events early.

        :param events: ``(name, tag)`` pairs no longer worth waiting for.
        :raises: NotImplementedError in the base class.
        """
        raise NotImplementedError()

    def wait_for_instance_event(self, instance, event_names, deadline=300,
                                error_callback=None):
        """Return a context manager that waits for external events.

        :param instance: the instance the events are about.
        :param event_names: ``(name, tag)`` pairs to wait for.
        :param deadline: seconds to wait before giving up.
        :param error_callback: called with ``(event_name, instance)`` on a
            failed event; may raise to abort.
        :returns: a context manager.
        :raises: NotImplementedError in the base class.
        """
        raise NotImplementedError()

    def update_compute_provider_status(self, context, rp_uuid, enabled):
        """Add or remove the disabled trait on a compute node provider.

        :param context: the request context.
        :param rp_uuid: the compute node's resource provider uuid.
        :param enabled: whether the service is enabled.
        :raises: NotImplementedError in the base class.
        """
        raise NotImplementedError()


class _NoopWait(object):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class FakeVirtAPI(VirtAPI):
    """A VirtAPI for tests and tools: waits are no-ops."""

    def exit_wait_early(self, events):
        pass

    def wait_for_instance_event(self, instance, event_names, deadline=300,
                                error_callback=None):
        return _NoopWait()

    def update_compute_provider_status(self, context, rp_uuid, enabled):
        pass
