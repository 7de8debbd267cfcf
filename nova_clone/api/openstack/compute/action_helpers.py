"""What every ``POST /servers/{id}/action`` handler does around its call.

The server is looked up (404 for another project's), the action's
policy rule is checked against its project, and the compute API's
state errors become the 409s nova answers: wrong vm_state or task_state,
a locked server, a task another request started first.
"""

import contextlib

import webob.exc

from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute import server_lookup
from nova_clone.api.openstack import wsgi
from nova_clone.compute import api as compute_api
from nova_clone import exception

_CONFLICTS = (exception.InstanceInvalidState, exception.InstanceIsLocked,
              exception.UnexpectedTaskStateError,
              exception.UnexpectedVMStateError, exception.InstanceNotReady)


def target(req, server_id, rule, expected_attrs=None):
    """:returns: ``(context, instance)`` once ``rule`` allows the caller.
    """
    instance = server_lookup.get_server(req, server_id, rule,
                                        expected_attrs=expected_attrs)
    return common.get_context(req), instance


@contextlib.contextmanager
def translate_errors(server_id):
    """Turn the compute API's state errors into HTTP answers."""
    try:
        yield
    except _CONFLICTS as exc:
        raise webob.exc.HTTPConflict(explanation=exc.format_message())
    except exception.InstanceNotFound:
        raise server_lookup.not_found(server_id)


class ActionController(wsgi.Controller):
    """Base of the action controllers: one compute API each."""

    compute_api = common.lazy_client(compute_api.API)

    def run(self, req, server_id, rule, method, *args, **kwargs):
        """Check ``rule``, then ``compute_api.<method>(ctx, inst, ...)``.

        :returns: what the compute API returned.
        """
        context, instance = target(req, server_id, rule)
        with translate_errors(server_id):
            return getattr(self.compute_api, method)(context, instance,
                                                     *args, **kwargs)
