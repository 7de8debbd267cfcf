"""The servicegroup API: join a group (heartbeat) and ask who is up."""

from oslo_log import log as logging

from nova_clone import conf as nova_conf
from nova_clone.servicegroup.drivers import db

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

_DRIVERS = {'db': db.DbDriver}


class API:
    """Liveness of services through the configured driver."""

    def __init__(self):
        name = CONF.servicegroup_driver
        if name not in _DRIVERS:
            raise ValueError('Unknown servicegroup_driver %r; choose one of '
                             '%s' % (name, sorted(_DRIVERS)))
        if CONF.service_down_time <= CONF.report_interval:
            # NOTE: a heartbeat slower than the down-time threshold would
            # make every service flap; nova warns and raises it too.
            new_down = int(CONF.report_interval * 2.5)
            LOG.warning('report_interval (%(r)s) >= service_down_time '
                        '(%(d)s); using service_down_time=%(n)s',
                        {'r': CONF.report_interval,
                         'd': CONF.service_down_time, 'n': new_down})
            CONF.set_override('service_down_time', new_down)
        self._driver = _DRIVERS[name]()

    def join(self, member, group, service=None):
        """Start reporting ``service``'s heartbeat (member = host)."""
        return self._driver.join(member, group, service)

    def leave(self, service=None):
        """Stop the heartbeat of ``service``."""
        return self._driver.leave(service)

    def service_is_up(self, member):
        """:returns: True when the Service object ``member`` is alive."""
        if db.field(member, 'forced_down'):
            return False
        return self._driver.is_up(member)

    def get_updated_time(self, member):
        """:returns: when ``member`` last reported (None if never)."""
        return self._driver.updated_time(member)
