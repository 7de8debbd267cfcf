"""The database servicegroup driver: a heartbeat row per service.

Each service bumps its ``services.report_count`` every ``report_interval``
seconds (compute hosts through the conductor, since they have no database)
and a service counts as up while its last report is younger than
``service_down_time``.
"""

import threading

from oslo_db import exception as db_exc
from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_utils import timeutils

from nova_clone import concurrency
from nova_clone import conf as nova_conf

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)


class DbDriver:
    """Heartbeats in the cell database."""

    def __init__(self):
        self._stop = threading.Event()
        self._future = None

    def join(self, member, group, service=None):
        """Start the heartbeat loop of ``service`` (a Service instance)."""
        if service is None:
            raise RuntimeError('service is a mandatory argument for the DB '
                               'servicegroup driver')
        interval = service.report_interval
        if interval:
            self._stop.clear()
            self._future = concurrency.spawn(self._loop, service, interval)

    def leave(self, service=None):
        """Stop the heartbeat loop (the row stays; it simply ages out)."""
        self._stop.set()
        if self._future is not None:
            self._future.result()
            self._future = None

    def _loop(self, service, interval):
        while not self._stop.wait(interval):
            self.report_state(service)

    def report_state(self, service):
        """Bump the service's report_count; survive DB/RPC outages."""
        try:
            ref = service.service_ref
            ref.report_count += 1
            ref.save()
            if getattr(service, 'model_disconnected', False):
                service.model_disconnected = False
                LOG.info('Recovered connection to the database or conductor')
        except (db_exc.DBConnectionError, db_exc.DBError,
                messaging.MessagingTimeout,
                messaging.MessageDeliveryFailure) as e:
            if not getattr(service, 'model_disconnected', False):
                service.model_disconnected = True
                LOG.warning('Lost connection to the database or conductor '
                            'while reporting state: %s', e)
        except Exception:
            LOG.exception('Unexpected error while reporting service state')

    def is_up(self, service_ref):
        """:returns: True while the last report is within service_down_time."""
        last = self.updated_time(service_ref)
        if last is None:
            return False
        elapsed = (timeutils.utcnow(with_timezone=False)
                   - timeutils.normalize_time(last)).total_seconds()
        return abs(elapsed) <= CONF.service_down_time

    @staticmethod
    def updated_time(service_ref):
        """:returns: the newest of last_seen_up/updated_at/created_at."""
        for name in ('last_seen_up', 'updated_at', 'created_at'):
            value = field(service_ref, name)
            if value:
                return value
        return None


def field(obj, name):
    """:returns: ``obj``'s ``name`` (dict key or set object field) or None."""
    if isinstance(obj, dict):
        return obj.get(name)
    if hasattr(obj, 'obj_attr_is_set') and not obj.obj_attr_is_set(name):
        return None
    return getattr(obj, name, None)
