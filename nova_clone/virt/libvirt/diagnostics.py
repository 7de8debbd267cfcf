"""Guest statistics for ``/servers/{id}/diagnostics``.

Two shapes, as nova has them: the free-form dict of microversions before
2.48 (``cpu0_time``, ``vda_read``...) and the standard dict of 2.48.
"""

from xml.etree import ElementTree as etree

import libvirt
from oslo_log import log as logging

from nova_clone.compute import power_state

LOG = logging.getLogger(__name__)


def _devices(xml):
    """:returns: ``(disk targets, [(nic target, mac)])`` of a domain."""
    dom = etree.fromstring(xml)
    disks = [d.find('target').get('dev')
             for d in dom.iterfind('./devices/disk')
             if d.find('target') is not None]
    nics = []
    for iface in dom.iterfind('./devices/interface'):
        target = iface.find('target')
        mac = iface.find('mac')
        nics.append((target.get('dev') if target is not None else None,
                     mac.get('address') if mac is not None else None))
    return disks, nics


def _call(func, *args):
    # A statistic the hypervisor cannot give (a stopped guest, an
    # interface libvirt does not know) is left out, not an error.
    try:
        return func(*args)
    except libvirt.libvirtError as e:
        LOG.debug('Diagnostics: %s%s failed: %s', func.__name__, args, e)
        return None


def legacy(domain):
    """:returns: the pre-2.48 diagnostics dict of a ``virDomain``."""
    diags = {}
    vcpus = _call(domain.vcpus)
    for vcpu in (vcpus[0] if vcpus else ()):
        diags['cpu%d_time' % vcpu[0]] = vcpu[2]
    disks, nics = _devices(domain.XMLDesc(0))
    for dev in disks:
        stats = _call(domain.blockStats, dev)
        if stats:
            rd_req, rd_bytes, wr_req, wr_bytes, errs = stats
            diags.update({'%s_read_req' % dev: rd_req,
                          '%s_read' % dev: rd_bytes,
                          '%s_write_req' % dev: wr_req,
                          '%s_write' % dev: wr_bytes,
                          '%s_errors' % dev: errs})
    diags['memory'] = domain.maxMemory()
    for key, value in (_call(domain.memoryStats) or {}).items():
        diags['memory-' + key] = value
    for dev, _mac in nics:
        stats = _call(domain.interfaceStats, dev) if dev else None
        if stats:
            for i, name in enumerate(('rx', 'rx_packets', 'rx_errors',
                                      'rx_drop', 'tx', 'tx_packets',
                                      'tx_errors', 'tx_drop')):
                diags['%s_%s' % (dev, name)] = stats[i]
    return diags


def standard(domain, guest_state, virt_type, config_drive):
    """:returns: the 2.48 diagnostics dict of a ``virDomain``.

    :param guest_state: the guest's nova power state.
    :param virt_type: ``[libvirt] virt_type``.
    :param config_drive: whether the guest has a config drive.
    """
    disks, nics = _devices(domain.XMLDesc(0))
    vcpus = _call(domain.vcpus)
    cpu_details = [{'id': v[0], 'time': v[2], 'utilisation': None}
                   for v in (vcpus[0] if vcpus else ())]
    memory = _call(domain.memoryStats) or {}
    disk_details = []
    for dev in disks:
        stats = _call(domain.blockStats, dev)
        if stats:
            disk_details.append({'read_requests': stats[0],
                                 'read_bytes': stats[1],
                                 'write_requests': stats[2],
                                 'write_bytes': stats[3],
                                 'errors_count': stats[4]})
    nic_details = []
    for dev, mac in nics:
        stats = _call(domain.interfaceStats, dev) if dev else None
        nic = {'mac_address': mac}
        if stats:
            nic.update({'rx_octets': stats[0], 'rx_packets': stats[1],
                        'rx_errors': stats[2], 'rx_drop': stats[3],
                        'tx_octets': stats[4], 'tx_packets': stats[5],
                        'tx_errors': stats[6], 'tx_drop': stats[7]})
        nic_details.append(nic)
    return {
        'state': power_state.name(guest_state),
        'driver': 'libvirt',
        'hypervisor': virt_type,
        'hypervisor_os': 'linux',
        'uptime': None,
        'config_drive': config_drive,
        'num_cpus': len(cpu_details),
        'num_nics': len(nic_details),
        'num_disks': len(disk_details),
        'memory_details': {
            'maximum': domain.maxMemory() // 1024,
            'used': memory.get('rss', 0) // 1024,
        },
        'cpu_details': cpu_details,
        'nic_details': nic_details,
        'disk_details': disk_details,
    }
