"""Domain XML as small objects: each device builds its own element.

The driver fills these from the instance, flavor and image and serializes
the whole tree once; nothing is built by string templating, so values are
always escaped and tests can compare parsed elements instead of text.
"""

from xml.etree import ElementTree as etree

# NOTE: nova tags its guests with this metadata namespace; tools that read
# nova's guest XML (and operators' scripts) look for it, so keep it.
NOVA_NS = 'http://openstack.org/xmlns/libvirt/nova/1.1'
NOVA_PREFIX = 'nova'
etree.register_namespace(NOVA_PREFIX, NOVA_NS)


def _sub(parent, tag, text=None, **attrs):
    """Append ``<tag attrs>text</tag>`` to ``parent``; None attrs skipped."""
    elem = etree.SubElement(parent, tag, {k: str(v) for k, v in attrs.items()
                                          if v is not None})
    if text is not None:
        elem.text = str(text)
    return elem


def _nova(tag):
    return '{%s}%s' % (NOVA_NS, tag)


class GuestDevice(object):
    """One child of ``<devices>``."""

    def format_dom(self):
        """:returns: the device's Element."""
        raise NotImplementedError()


class GuestDisk(GuestDevice):
    """A file-backed disk or CD-ROM."""

    def __init__(self, source_path, target_dev, target_bus='virtio',
                 driver_format='qcow2', driver_cache='none', device='disk',
                 readonly=False):
        self.source_path = source_path
        self.target_dev = target_dev
        self.target_bus = target_bus
        self.driver_format = driver_format
        self.driver_cache = driver_cache
        self.device = device
        self.readonly = readonly

    def format_dom(self):
        disk = etree.Element('disk', type='file', device=self.device)
        _sub(disk, 'driver', name='qemu', type=self.driver_format,
             cache=self.driver_cache)
        _sub(disk, 'source', file=self.source_path)
        _sub(disk, 'target', dev=self.target_dev, bus=self.target_bus)
        if self.readonly:
            _sub(disk, 'readonly')
        return disk


class GuestSerial(GuestDevice):
    """A serial port: a pty whose output is also logged, or a TCP socket.

    The log file is what ``os-getConsoleOutput`` serves; a TCP port is what
    ``nova-serialproxy`` connects to.
    """

    def __init__(self, port=0, log_path=None, tcp_host=None, tcp_port=None):
        self.port = port
        self.log_path = log_path
        self.tcp_host = tcp_host
        self.tcp_port = tcp_port

    def format_dom(self):
        if self.tcp_port is not None:
            serial = etree.Element('serial', type='tcp')
            _sub(serial, 'source', mode='bind', host=self.tcp_host,
                 service=self.tcp_port)
            _sub(serial, 'protocol', type='raw')
        else:
            serial = etree.Element('serial', type='pty')
        if self.log_path:
            # append='off': a reboot starts a fresh log, as a real console.
            _sub(serial, 'log', file=self.log_path, append='off')
        _sub(serial, 'target', port=self.port)
        return serial


class GuestConsole(GuestDevice):
    """The guest console, mapped onto serial port 0."""

    def format_dom(self):
        console = etree.Element('console', type='pty')
        _sub(console, 'target', type='serial', port=0)
        return console


class GuestGraphics(GuestDevice):
    """A VNC or SPICE framebuffer with a port libvirt picks."""

    def __init__(self, kind='vnc', listen='127.0.0.1'):
        self.kind = kind
        self.listen = listen

    def format_dom(self):
        graphics = etree.Element('graphics', type=self.kind, autoport='yes',
                                 listen=self.listen)
        _sub(graphics, 'listen', type='address', address=self.listen)
        return graphics


class GuestVideo(GuestDevice):
    """The emulated video card."""

    def __init__(self, model='cirrus'):
        self.model = model

    def format_dom(self):
        video = etree.Element('video')
        _sub(video, 'model', type=self.model)
        return video


class GuestInterface(GuestDevice):
    """A network interface: ``user`` (slirp), ``bridge`` or ``network``."""

    def __init__(self, mac, kind='user', model='virtio', source=None,
                 target_dev=None):
        self.mac = mac
        self.kind = kind
        self.model = model
        self.source = source
        self.target_dev = target_dev

    def format_dom(self):
        iface = etree.Element('interface', type=self.kind)
        _sub(iface, 'mac', address=self.mac)
        if self.kind == 'bridge' and self.source:
            _sub(iface, 'source', bridge=self.source)
        elif self.kind == 'network' and self.source:
            _sub(iface, 'source', network=self.source)
        if self.target_dev:
            _sub(iface, 'target', dev=self.target_dev)
        _sub(iface, 'model', type=self.model)
        return iface


class GuestMetadata(object):
    """nova's ``<nova:instance>`` block: who owns the guest, its flavor."""

    def __init__(self, name, creation_time, flavor=None, owner=None,
                 image_id=None, package=None):
        """:param flavor: dict with name, memory, disk, swap, ephemeral,
            vcpus.
        :param owner: dict with user_id, user_name, project_id,
            project_name.
        """
        self.name = name
        self.creation_time = creation_time
        self.flavor = flavor or {}
        self.owner = owner or {}
        self.image_id = image_id
        self.package = package

    def format_dom(self):
        meta = etree.Element('metadata')
        inst = etree.SubElement(meta, _nova('instance'))
        if self.package:
            etree.SubElement(inst, _nova('package'), version=self.package)
        etree.SubElement(inst, _nova('name')).text = self.name
        etree.SubElement(inst, _nova('creationTime')).text = \
            self.creation_time
        if self.flavor:
            flavor = etree.SubElement(inst, _nova('flavor'),
                                      name=str(self.flavor.get('name', '')))
            for key in ('memory', 'disk', 'swap', 'ephemeral', 'vcpus'):
                etree.SubElement(flavor, _nova(key)).text = str(
                    self.flavor.get(key, 0))
        if self.owner:
            owner = etree.SubElement(inst, _nova('owner'))
            for kind in ('user', 'project'):
                etree.SubElement(
                    owner, _nova(kind),
                    uuid=str(self.owner.get('%s_id' % kind) or '')).text = \
                    str(self.owner.get('%s_name' % kind) or '')
        if self.image_id:
            etree.SubElement(inst, _nova('root'), type='image',
                             uuid=self.image_id)
        return meta


class Guest(object):
    """A whole ``<domain>``: identity, sizing, boot and devices."""

    def __init__(self, virt_type, name, uuid, memory_kib, vcpus,
                 arch='x86_64', machine=None):
        self.virt_type = virt_type
        self.name = name
        self.uuid = uuid
        self.memory_kib = memory_kib
        self.vcpus = vcpus
        self.arch = arch
        self.machine = machine
        # Direct kernel boot when set; else the firmware boots boot_devs.
        self.kernel = None
        self.initrd = None
        self.cmdline = None
        self.boot_devs = ['hd']
        self.cpu_mode = None
        self.cpu_model = None
        self.metadata = None
        self.devices = []

    def add_device(self, device):
        """Append a :class:`GuestDevice`; :returns: the device."""
        self.devices.append(device)
        return device

    def _format_os(self, domain):
        os_elem = _sub(domain, 'os')
        _sub(os_elem, 'type', 'hvm', arch=self.arch, machine=self.machine)
        if self.kernel:
            _sub(os_elem, 'kernel', self.kernel)
            if self.initrd:
                _sub(os_elem, 'initrd', self.initrd)
            if self.cmdline:
                _sub(os_elem, 'cmdline', self.cmdline)
        else:
            for dev in self.boot_devs:
                _sub(os_elem, 'boot', dev=dev)

    def _format_cpu(self, domain):
        if self.cpu_mode in ('host-model', 'host-passthrough'):
            _sub(domain, 'cpu', mode=self.cpu_mode)
        elif self.cpu_mode == 'custom' and self.cpu_model:
            cpu = _sub(domain, 'cpu', mode='custom', match='exact')
            _sub(cpu, 'model', self.cpu_model, fallback='allow')

    def format_dom(self):
        """:returns: the ``<domain>`` Element."""
        domain = etree.Element('domain', type=self.virt_type)
        _sub(domain, 'name', self.name)
        _sub(domain, 'uuid', self.uuid)
        if self.metadata is not None:
            domain.append(self.metadata.format_dom())
        _sub(domain, 'memory', self.memory_kib, unit='KiB')
        _sub(domain, 'vcpu', self.vcpus)
        self._format_os(domain)
        features = _sub(domain, 'features')
        _sub(features, 'acpi')
        _sub(features, 'apic')
        self._format_cpu(domain)
        _sub(domain, 'clock', offset='utc')
        _sub(domain, 'on_poweroff', 'destroy')
        _sub(domain, 'on_reboot', 'restart')
        _sub(domain, 'on_crash', 'destroy')
        devices = _sub(domain, 'devices')
        for device in self.devices:
            devices.append(device.format_dom())
        return domain

    def to_xml(self):
        """:returns: the domain XML as a string."""
        return etree.tostring(self.format_dom(), encoding='unicode')


# ------------------------------------------------------------ reading XML

class GraphicsInfo(object):
    """Where a running guest's VNC or SPICE server listens."""

    def __init__(self, kind, listen, port, tls_port):
        self.kind = kind
        self.listen = listen
        self.port = port
        self.tls_port = tls_port


def _port(value):
    # libvirt writes port='-1' until an autoport guest has started.
    try:
        port = int(value)
    except (TypeError, ValueError):
        return None
    return port if port > 0 else None


def read_graphics(xml, kind):
    """:returns: a :class:`GraphicsInfo` for the first ``kind`` graphics
        device of a domain's XML, or None.
    """
    for graphics in etree.fromstring(xml).iterfind('./devices/graphics'):
        if graphics.get('type') != kind:
            continue
        listen = graphics.get('listen')
        listen_elem = graphics.find('listen')
        if listen_elem is not None and listen_elem.get('address'):
            listen = listen_elem.get('address')
        return GraphicsInfo(kind, listen, _port(graphics.get('port')),
                            _port(graphics.get('tlsPort')))
    return None


def read_tcp_serial(xml):
    """:returns: ``(host, port)`` of the first TCP serial port, or None."""
    for serial in etree.fromstring(xml).iterfind('./devices/serial'):
        if serial.get('type') != 'tcp':
            continue
        source = serial.find('source')
        if source is not None and _port(source.get('service')):
            return source.get('host'), int(source.get('service'))
    return None


def read_disk_paths(xml):
    """:returns: the source files of a domain's file-backed disks."""
    paths = []
    for disk in etree.fromstring(xml).iterfind('./devices/disk'):
        source = disk.find('source')
        if source is not None and source.get('file'):
            paths.append(source.get('file'))
    return paths


def read_serial_log(xml):
    """:returns: the log file of the first serial port, or None."""
    for serial in etree.fromstring(xml).iterfind('./devices/serial'):
        log = serial.find('log')
        if log is not None and log.get('file'):
            return log.get('file')
    return None
