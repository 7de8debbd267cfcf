"""What the host offers: capacity, CPU description and traits.

Pure functions over libvirt's answers (``getInfo``, ``<capabilities>``),
so the resource tracker's view of a libvirt host can be tested against
any capabilities document.
"""

import json
import os
import re
import time
from xml.etree import ElementTree as etree

import libvirt
from oslo_log import log as logging
import os_traits

LOG = logging.getLogger(__name__)

GiB = 1024 ** 3

# libvirt CPU feature names whose os-traits name is not simply the
# upper-cased name without punctuation.
_CPU_FEATURE_ALIASES = {
    'pclmuldq': ['HW_CPU_X86_CLMUL'],
    'fma': ['HW_CPU_X86_FMA3'],
    'aes': ['HW_CPU_X86_AESNI'],
    'sha-ni': ['HW_CPU_X86_SHA'],
    'bmi1': ['HW_CPU_X86_BMI'],
    'rtm': ['HW_CPU_X86_TSX'],
    'hle': ['HW_CPU_X86_TSX'],
    'vaes': ['HW_CPU_X86_AVX512VAES'],
    'gfni': ['HW_CPU_X86_AVX512GFNI'],
    'vpclmulqdq': ['HW_CPU_X86_AVX512VPCLMULQDQ'],
    'svm': ['HW_CPU_X86_SVM', 'HW_CPU_X86_AMD_SVM'],
    'vmx': ['HW_CPU_X86_VMX', 'HW_CPU_X86_INTEL_VMX'],
    'ibpb': ['HW_CPU_X86_AMD_IBPB'],
    'amd-no-ssb': ['HW_CPU_X86_AMD_NO_SSB'],
    'amd-ssbd': ['HW_CPU_X86_AMD_SSBD'],
    'virt-ssbd': ['HW_CPU_X86_AMD_VIRT_SSBD'],
    'md-clear': ['HW_CPU_X86_INTEL_MD_CLEAR'],
    'pcid': ['HW_CPU_X86_INTEL_PCID'],
    'spec-ctrl': ['HW_CPU_X86_INTEL_SPEC_CTRL'],
    'ssbd': ['HW_CPU_X86_INTEL_SSBD'],
}

# Device models the domain XML this driver writes can use; each is a
# trait so flavors and images can ask for them.
STATIC_TRAITS = (
    os_traits.COMPUTE_STORAGE_BUS_VIRTIO,
    os_traits.COMPUTE_STORAGE_BUS_IDE,
    os_traits.COMPUTE_NET_VIF_MODEL_VIRTIO,
    os_traits.COMPUTE_NET_VIF_MODEL_E1000,
    os_traits.COMPUTE_NET_VIF_MODEL_RTL8139,
    os_traits.COMPUTE_GRAPHICS_MODEL_CIRRUS,
    os_traits.COMPUTE_GRAPHICS_MODEL_VGA,
    os_traits.COMPUTE_GRAPHICS_MODEL_VIRTIO,
)

_ARCH_TRAITS = {
    'x86_64': os_traits.COMPUTE_ARCH_X86_64,
    'aarch64': os_traits.COMPUTE_ARCH_AARCH64,
    'ppc64le': os_traits.COMPUTE_ARCH_PPC64LE,
    's390x': os_traits.COMPUTE_ARCH_S390X,
}


def _squash(name):
    return re.sub(r'[^A-Z0-9]', '', name.upper())


_X86_TRAITS = {_squash(t[len('HW_CPU_X86_'):]): t
               for t in os_traits.get_traits('HW_CPU_X86_')}


def cpu_feature_traits(features):
    """:param features: libvirt CPU feature names (``sse4.2``, ``avx``).
    :returns: the set of ``HW_CPU_X86_*`` traits they stand for.
    """
    traits = set()
    for feature in features:
        feature = feature.lower()
        if feature in _CPU_FEATURE_ALIASES:
            traits.update(_CPU_FEATURE_ALIASES[feature])
        elif _squash(feature) in _X86_TRAITS:
            traits.add(_X86_TRAITS[_squash(feature)])
    return traits


def host_cpu(caps):
    """:param caps: the parsed ``<capabilities>`` Element.
    :returns: a dict with arch, model, vendor, topology and features.
    """
    cpu = caps.find('./host/cpu')
    if cpu is None:
        return {'arch': None, 'model': None, 'vendor': None,
                'topology': {}, 'features': []}
    topo = cpu.find('topology')
    topology = {}
    if topo is not None:
        topology = {k: int(topo.get(k)) for k in ('sockets', 'cores',
                                                   'threads')
                    if topo.get(k)}
    # Features appear as <feature name='x'/> or, on some drivers, as
    # bare child elements of <features>.
    features = [f.get('name') for f in cpu.iterfind('feature')
                if f.get('name')]
    features += [f.tag for f in cpu.iterfind('./features/*')]
    return {'arch': cpu.findtext('arch'), 'model': cpu.findtext('model'),
            'vendor': cpu.findtext('vendor'), 'topology': topology,
            'features': sorted(set(features))}


def expanded_cpu_features(conn, caps):
    """:returns: every feature of the host CPU, the model's included.

    ``<capabilities>`` lists only what a host has beyond its named model;
    ``baselineCPU`` with EXPAND_FEATURES spells the model out. Drivers
    without it (the test driver) get the listed features.
    """
    cpu = caps.find('./host/cpu')
    listed = host_cpu(caps)['features']
    if cpu is None or cpu.findtext('model') is None:
        return listed
    try:
        expanded = conn.baselineCPU(
            [etree.tostring(cpu, encoding='unicode')],
            libvirt.VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES)
    except libvirt.libvirtError as e:
        LOG.debug('Cannot expand the host CPU model: %s', e)
        return listed
    names = [f.get('name') for f in etree.fromstring(expanded).iterfind(
        'feature') if f.get('policy', 'require') == 'require']
    return sorted(set(names) | set(listed))


def cpu_info_json(caps):
    """:returns: the compute node's ``cpu_info`` (a JSON string)."""
    cpu = host_cpu(caps)
    return json.dumps({'arch': cpu['arch'], 'model': cpu['model'],
                       'vendor': cpu['vendor'],
                       'topology': cpu['topology'],
                       'features': cpu['features']})


def supported_instances(caps):
    """:returns: ``[arch, hypervisor type, vm mode]`` triples the host
        can run, from the ``<guest>`` entries of the capabilities.
    """
    found = []
    for guest in caps.iterfind('guest'):
        os_type = guest.findtext('os_type') or 'hvm'
        arch = guest.find('arch')
        if arch is None:
            continue
        for domain in arch.iterfind('domain'):
            entry = [arch.get('name'), domain.get('type'), os_type]
            if entry not in found:
                found.append(entry)
    return found


def arch_traits(caps):
    """:returns: the ``COMPUTE_ARCH_*`` traits of the guest archs."""
    archs = {arch for arch, _t, _m in supported_instances(caps)}
    return {_ARCH_TRAITS[a] for a in archs if a in _ARCH_TRAITS}


def disk_usage_gb(path):
    """:returns: ``(total, used, free)`` GiB of the filesystem at path."""
    os.makedirs(path, exist_ok=True)
    st = os.statvfs(path)
    total = st.f_blocks * st.f_frsize
    free = st.f_bavail * st.f_frsize
    return total // GiB, (total - free) // GiB, free // GiB


def uptime_from_proc(proc='/proc'):
    """:returns: an ``uptime``-like line built from /proc, for hosts
        without the ``uptime`` command.
    """
    with open(os.path.join(proc, 'uptime')) as f:
        seconds = int(float(f.read().split()[0]))
    with open(os.path.join(proc, 'loadavg')) as f:
        loads = f.read().split()[:3]
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    return ' %s up %d days, %2d:%02d,  load average: %s' % (
        time.strftime('%H:%M:%S'), days, hours, rest // 60,
        ', '.join(loads))
