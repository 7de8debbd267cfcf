"""FlavorPayload: the flavor of an instance in notifications."""

from nova_clone.notifications.objects import base
from nova_clone.objects import fields


@base.register_notification
class FlavorPayload(base.NotificationPayloadBase):
    # Version 1.0 to 1.4: nova's history (flavorid as a string, description,
    #                     extra_specs and projects)
    VERSION = '1.4'

    SCHEMA = {
        'flavorid': ('flavor', 'flavorid'),
        'memory_mb': ('flavor', 'memory_mb'),
        'vcpus': ('flavor', 'vcpus'),
        'root_gb': ('flavor', 'root_gb'),
        'ephemeral_gb': ('flavor', 'ephemeral_gb'),
        'name': ('flavor', 'name'),
        'swap': ('flavor', 'swap'),
        'rxtx_factor': ('flavor', 'rxtx_factor'),
        'vcpu_weight': ('flavor', 'vcpu_weight'),
        'disabled': ('flavor', 'disabled'),
        'is_public': ('flavor', 'is_public'),
        'extra_specs': ('flavor', 'extra_specs'),
        'description': ('flavor', 'description'),
    }

    fields = {
        'flavorid': fields.StringField(nullable=True),
        'memory_mb': fields.IntegerField(nullable=True),
        'vcpus': fields.IntegerField(nullable=True),
        'root_gb': fields.IntegerField(nullable=True),
        'ephemeral_gb': fields.IntegerField(nullable=True),
        'name': fields.StringField(),
        'swap': fields.IntegerField(),
        'rxtx_factor': fields.FloatField(nullable=True),
        'vcpu_weight': fields.IntegerField(nullable=True),
        'disabled': fields.BooleanField(),
        'is_public': fields.BooleanField(),
        'extra_specs': fields.DictOfStringsField(),
        'projects': fields.ListOfStringsField(nullable=True),
        'description': fields.StringField(nullable=True),
    }

    def __init__(self, flavor):
        super().__init__()
        # NOTE: an instance's embedded flavor does not carry its access
        # list; loading it would cost an API DB query per notification.
        if flavor.obj_attr_is_set('projects') and not flavor.is_public:
            self.projects = flavor.projects
        else:
            self.projects = None
        self.populate_schema(flavor=_Defaulted(flavor))


class _Defaulted(object):
    """A read-only view of a flavor that answers None for unset fields."""

    def __init__(self, flavor):
        self._flavor = flavor

    def __getattr__(self, name):
        flavor = self._flavor
        if flavor.obj_attr_is_set(name):
            return getattr(flavor, name)
        if name == 'extra_specs':
            return {}
        field = flavor.fields.get(name)
        if field is not None and field.default != fields.UnspecifiedDefault:
            return field.default
        return None
