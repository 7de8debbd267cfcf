"""ImagePropertiesFilter: hosts that can run the image's architecture,
hypervisor type, VM mode and hypervisor version.

The image's ``hw_architecture`` (or ``[filter_scheduler]
image_properties_default_architecture``), ``img_hv_type`` and
``hw_vm_mode`` must together appear in one entry of the host's
``supported_instances`` (``[arch, hv_type, vm_mode]``), and the host's
hypervisor version must satisfy ``img_hv_requested_version`` (e.g.
``>=6.0,<7.0``).
"""

import operator

from oslo_log import log as logging
from oslo_utils import versionutils

from nova_clone import conf as nova_conf
from nova_clone.scheduler import filters
from nova_clone.scheduler import utils

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

# NOTE: older or foreign spellings, canonicalised as nova does.
_ARCH_ALIASES = {'i386': 'i686', 'i486': 'i686', 'i586': 'i686',
                 'x86_32': 'i686', 'x86_32p': 'i686', 'amd64': 'x86_64'}
_HV_TYPE_ALIASES = {'xapi': 'xen'}
_VM_MODE_ALIASES = {'pv': 'xen', 'hv': 'hvm', 'baremetal': 'hvm'}

_VERSION_OPS = (('>=', operator.ge), ('<=', operator.le),
                ('==', operator.eq), ('!=', operator.ne),
                ('>', operator.gt), ('<', operator.lt))


def _canonical(value, aliases):
    if not value:
        return None
    value = str(value).lower()
    return aliases.get(value, value)


def _version_tuple(text):
    return tuple(int(p) for p in text.strip().split('.') if p != '')


def version_satisfies(version, requirement):
    """:returns: whether dotted ``version`` meets every comparison of
    ``requirement`` (comma separated, e.g. ``>=6.0,<7``); a malformed
    requirement is not met.
    """
    try:
        have = _version_tuple(version)
        for clause in requirement.split(','):
            clause = clause.strip()
            for sym, compare in _VERSION_OPS:
                if clause.startswith(sym):
                    want = _version_tuple(clause[len(sym):])
                    break
            else:
                sym, compare, want = '==', operator.eq, _version_tuple(clause)
            width = max(len(have), len(want))
            if not compare(have + (0,) * (width - len(have)),
                           want + (0,) * (width - len(want))):
                return False
    except ValueError:
        return False
    return True


class ImagePropertiesFilter(filters.BaseHostFilter):

    RUN_ON_REBUILD = True
    # NOTE: the image and the host capabilities do not change within a
    # request.
    run_filter_once_per_request = True

    @staticmethod
    def _version_ok(hypervisor_version, required):
        if not (hypervisor_version and required):
            return True
        return version_satisfies(
            versionutils.convert_version_to_str(hypervisor_version),
            required)

    def request_values(self, spec_obj):
        image = utils.spec_field(spec_obj, 'image')
        props = {}
        if image is not None and image.obj_attr_is_set('properties'):
            props = image.properties
        default_arch = \
            CONF.filter_scheduler.image_properties_default_architecture
        wanted = (
            _canonical(props.get('hw_architecture', default_arch),
                       _ARCH_ALIASES),
            _canonical(props.get('img_hv_type'), _HV_TYPE_ALIASES),
            _canonical(props.get('hw_vm_mode'), _VM_MODE_ALIASES))
        if not any(wanted):
            return filters.ALL_PASS
        return wanted, props.get('img_hv_requested_version')

    def _instance_supported(self, host_state, wanted, required):
        supported = host_state.supported_instances
        if not supported:
            LOG.debug('Instance contains properties %(props)s, but no '
                      'corresponding supported_instances are advertised '
                      'by the compute node', {'props': wanted})
            return False
        for entry in supported:
            if all(w is None or w in entry for w in wanted) and \
                    self._version_ok(host_state.hypervisor_version,
                                     required):
                return True
        LOG.debug('Instance contains properties %(props)s that are not '
                  'provided by the compute node supported_instances '
                  '%(supported)s or hypervisor version %(version)s do not '
                  'match', {'props': wanted, 'supported': supported,
                            'version': host_state.hypervisor_version})
        return False

    def passes(self, host_state, values):
        wanted, required = values
        if self._instance_supported(host_state, wanted, required):
            return True
        LOG.debug('%(host_state)s does not support requested '
                  'instance_properties', {'host_state': host_state})
        return False
