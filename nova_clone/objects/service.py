"""Service(+List): the nova-* processes registered in a cell."""

from oslo_utils import uuidutils

from nova_clone import conf as nova_conf
from nova_clone.db.main.api import services as db
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields

CONF = nova_conf.CONF

# The version of this code's services, compared across a deployment to
# decide which RPC features are safe. Bump it with a note when behaviour
# that peers depend on changes.
# 1: initial nova_clone services
SERVICE_VERSION = 1

# What each SERVICE_VERSION supports over RPC; index = version.
SERVICE_VERSION_HISTORY = (
    {'compute_rpc': '0.0'},
    {'compute_rpc': '1.0'},
)


def _set_zones(context, services):
    """Fill ``availability_zone`` from aggregate metadata.

    Compute services take their host's aggregate zone (or the default
    zone); every other service is in the internal zone.
    """
    from nova_clone.objects import aggregate
    zones = aggregate.get_host_availability_zones(context)
    for service in services:
        if service.binary == 'nova-compute':
            zone = zones.get(service.host) or CONF.default_availability_zone
        else:
            zone = CONF.internal_service_availability_zone
        service.availability_zone = zone
        service.obj_reset_changes(['availability_zone'])


@base.NovaObjectRegistry.register
class Service(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'uuid': fields.UUIDField(),
        'host': fields.StringField(nullable=True),
        'binary': fields.StringField(nullable=True),
        'topic': fields.StringField(nullable=True),
        'report_count': fields.IntegerField(),
        'disabled': fields.BooleanField(),
        'disabled_reason': fields.StringField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
        'compute_node': fields.ObjectField('ComputeNode'),
        'last_seen_up': fields.DateTimeField(nullable=True),
        'forced_down': fields.BooleanField(),
        'version': fields.IntegerField(),
    }

    _LAZY = ('availability_zone', 'compute_node')

    def __init__(self, *args, **kwargs):
        # A new service reports this code's version unless told otherwise.
        super().__init__(*args, **kwargs)
        if 'version' not in kwargs:
            self.version = SERVICE_VERSION

    @staticmethod
    def _from_db_object(context, service, db_service):
        for key in service.fields:
            if key in Service._LAZY:
                continue
            value = db_service[key]
            if key in ('disabled', 'forced_down', 'deleted'):
                value = bool(value)
            elif key == 'report_count':
                value = value or 0
            elif key == 'version':
                value = value or 0
            setattr(service, key, value)
        service._context = context
        service.obj_reset_changes()
        return service

    def obj_load_attr(self, attrname):
        """Lazy-load ``compute_node`` or ``availability_zone``."""
        if not self._context:
            raise exception.OrphanedObjectError(method='obj_load_attr',
                                                objtype=self.obj_name())
        if attrname == 'availability_zone':
            _set_zones(self._context, [self])
        elif attrname == 'compute_node':
            from nova_clone.objects import compute_node
            self.compute_node = compute_node.ComputeNodeList.get_all_by_host(
                self._context, self.host)[0]
            self.obj_reset_changes(['compute_node'])
        else:
            raise exception.ObjectActionError(
                action='obj_load_attr',
                reason='attribute %s not lazy-loadable' % attrname)

    @base.remotable_classmethod
    def get_by_id(cls, context, service_id):
        """:returns: service ``service_id``.  :raises: ServiceNotFound"""
        return cls._from_db_object(context, cls(),
                                   db.service_get(context, service_id))

    @base.remotable_classmethod
    def get_by_uuid(cls, context, service_uuid):
        """:returns: the service ``service_uuid``.  :raises: ServiceNotFound
        """
        return cls._from_db_object(
            context, cls(), db.service_get_by_uuid(context, service_uuid))

    @base.remotable_classmethod
    def get_by_host_and_topic(cls, context, host, topic):
        """:returns: the enabled service on ``topic`` at ``host``, or None.
        """
        db_service = db.service_get_by_host_and_topic(context, host, topic)
        if db_service is None:
            return None
        return cls._from_db_object(context, cls(), db_service)

    @base.remotable_classmethod
    def get_by_host_and_binary(cls, context, host, binary):
        """:returns: the service ``binary`` on ``host``, or None."""
        try:
            db_service = db.service_get_by_host_and_binary(context, host,
                                                           binary)
        except exception.HostBinaryNotFound:
            return None
        return cls._from_db_object(context, cls(), db_service)

    @classmethod
    def get_by_args(cls, context, host, binary):
        """:returns: the service ``binary`` on ``host``.

        :raises: HostBinaryNotFound
        """
        return cls._from_db_object(
            context, cls(),
            db.service_get_by_host_and_binary(context, host, binary))

    @base.remotable_classmethod
    def get_by_compute_host(cls, context, host, use_slave=False):
        """:returns: the nova-compute service of ``host``.

        :raises: ComputeHostNotFound
        """
        return cls._from_db_object(
            context, cls(), db.service_get_by_compute_host(context, host))

    @base.remotable
    def create(self):
        """Register this service.

        :raises: ServiceBinaryExists / ServiceTopicExists on a duplicate.
        """
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        updates = self.obj_get_changes()
        updates.pop('availability_zone', None)
        updates.pop('compute_node', None)
        updates.setdefault('uuid', uuidutils.generate_uuid())
        self._from_db_object(self._context, self,
                             db.service_create(self._context, updates))

    @base.remotable
    def save(self):
        """Write changed fields (heartbeat, disable, force-down...)."""
        updates = self.obj_get_changes()
        for key in ('id', 'availability_zone', 'compute_node'):
            updates.pop(key, None)
        if not updates:
            return
        self._from_db_object(
            self._context, self,
            db.service_update(self._context, self.id, updates))

    @base.remotable
    def destroy(self):
        """Soft-delete this service (and its compute nodes)."""
        db.service_destroy(self._context, self.id)

    @classmethod
    def get_minimum_version_multi(cls, context, binaries, use_slave=False):
        """:returns: the oldest version among all ``binaries``.

        0 when any of them has no running service.

        :raises: ObjectActionError for a name not starting with ``nova-``.
        """
        if not all(binary.startswith('nova-') for binary in binaries):
            raise exception.ObjectActionError(
                action='get_minimum_version',
                reason='Invalid binary prefix')
        versions = db.service_get_minimum_version(context, binaries)
        if not versions or None in versions.values():
            return 0
        return min(versions.values())

    @base.remotable_classmethod
    def get_minimum_version(cls, context, binary, use_slave=False):
        """:returns: the oldest version of ``binary`` (0 if none runs)."""
        return cls.get_minimum_version_multi(context, [binary])


@base.NovaObjectRegistry.register
class ServiceList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('Service'),
    }

    def _make(self, context, db_services, set_zones=False):
        result = base.obj_make_list(context, self, Service, db_services)
        if set_zones:
            _set_zones(context, result)
        return result

    @base.remotable_classmethod
    def get_all(cls, context, disabled=None, set_zones=False):
        """:returns: every service, filtered on ``disabled`` when given.

        :param set_zones: also fill ``availability_zone``.
        """
        return cls()._make(context,
                           db.service_get_all(context, disabled=disabled),
                           set_zones=set_zones)

    @base.remotable_classmethod
    def get_by_topic(cls, context, topic):
        """:returns: the enabled services on ``topic``."""
        return cls()._make(context, db.service_get_all_by_topic(context,
                                                                topic))

    @base.remotable_classmethod
    def get_by_binary(cls, context, binary, include_disabled=False):
        """:returns: services running ``binary``."""
        return cls()._make(context, db.service_get_all_by_binary(
            context, binary, include_disabled=include_disabled))

    @base.remotable_classmethod
    def get_by_host(cls, context, host):
        """:returns: every service on ``host``."""
        return cls()._make(context, db.service_get_all_by_host(context,
                                                               host))

    @classmethod
    def get_all_computes_by_hv_type(cls, context, hv_type):
        """:returns: enabled compute services with a node of ``hv_type``."""
        from nova_clone.objects import compute_node
        hosts = {node.host for node in
                 compute_node.ComputeNodeList.get_all(context)
                 if node.hypervisor_type == hv_type}
        services = [svc for svc in cls.get_by_binary(context, 'nova-compute')
                    if svc.host in hosts]
        return cls(context, objects=services)
