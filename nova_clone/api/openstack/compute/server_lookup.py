"""Finding the server a request names, as its owner or an admin may.

Every resource under ``/servers/{server_id}`` starts here: the server is
looked up (build request or cell), another project's server is a 404 to a
non-admin (its existence is not theirs to learn), then the policy rule is
checked against the server's project.
"""

import webob.exc

from nova_clone.api.openstack import common
from nova_clone.compute import api as compute_api
from nova_clone.compute import vm_states
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import policy



# NOTE: states in which a server's metadata and tags may change.
MUTABLE_STATES = (vm_states.ACTIVE, vm_states.PAUSED, vm_states.SUSPENDED,
                  vm_states.STOPPED, vm_states.SHELVED,
                  vm_states.SHELVED_OFFLOADED, vm_states.RESCUED,
                  vm_states.RESIZED)


def not_found(server_id):
    return webob.exc.HTTPNotFound(
        explanation=_('Instance %s could not be found.') % server_id)


def get_server(req, server_id, rule, expected_attrs=None):
    """:returns: the server, once ``rule`` allows the caller.

    :raises: HTTPNotFound, PolicyNotAuthorized
    """
    context = common.get_context(req)
    try:
        instance = compute_api.API.get(context, server_id,
                                       expected_attrs=expected_attrs)
    except exception.InstanceNotFound:
        raise not_found(server_id)
    if not context.is_admin and instance.project_id != context.project_id:
        raise not_found(server_id)
    policy.authorize(context, rule, target={'project_id': instance.project_id,
                                            'user_id': instance.user_id})
    return instance


def check_state(instance, method, states=MUTABLE_STATES):
    """:raises: HTTPConflict unless the server is in one of ``states``."""
    if not instance.obj_attr_is_set('id') or \
            instance.vm_state not in states:
        raise webob.exc.HTTPConflict(explanation=_(
            "Cannot '%(method)s' instance %(uuid)s while it is in vm_state "
            "%(state)s") % {'method': method, 'uuid': instance.uuid,
                            'state': instance.vm_state})
