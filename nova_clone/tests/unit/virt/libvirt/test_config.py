"""Domain XML built from config objects, checked after libvirt parsed it."""

from xml.etree import ElementTree as etree

from nova_clone.tests.unit.virt.libvirt import base
from nova_clone.virt.libvirt import config as vconfig
from nova_clone.virt.libvirt import guest_config


class ConfigObjectTestCase(base.LibvirtTestCase):

    USES_IMAGES = False

    def _defined(self, instance, **kw):
        disks = [guest_config.DiskSpec('/i/disk', 'qcow2', 'vda'),
                 guest_config.DiskSpec('/i/disk.config', 'raw', 'hdd',
                                       bus='ide', device='cdrom')]
        xml = guest_config.build(instance, {}, disks, **kw).to_xml()
        guest = self.driver._host.define_guest(xml)
        return etree.fromstring(guest.get_xml_desc())

    def test_round_trip_keeps_what_nova_needs(self):
        inst = base.make_instance()
        dom = self._defined(inst, kernel='/i/kernel', ramdisk='/i/ramdisk')
        self.assertEqual('qemu', dom.get('type'))
        self.assertEqual('instance-00000007', dom.findtext('name'))
        self.assertEqual(inst.uuid, dom.findtext('uuid'))
        self.assertEqual('262144', dom.findtext('memory'))
        self.assertEqual('1', dom.findtext('vcpu'))
        self.assertEqual('/i/kernel', dom.findtext('os/kernel'))
        self.assertEqual('/i/ramdisk', dom.findtext('os/initrd'))
        self.assertIn('console=ttyS0', dom.findtext('os/cmdline'))
        disks = dom.findall('devices/disk')
        self.assertEqual(['/i/disk', '/i/disk.config'],
                         [d.find('source').get('file') for d in disks])
        self.assertEqual('cdrom', disks[1].get('device'))
        self.assertIsNotNone(disks[1].find('readonly'))
        self.assertEqual('qcow2', disks[0].find('driver').get('type'))

    def test_serial_log_and_vnc_listen(self):
        self.flags(group='vnc', server_listen='0.0.0.0')
        inst = base.make_instance()
        dom = self._defined(inst)
        xml = etree.tostring(dom, encoding='unicode')
        self.assertEqual(
            '%s/%s/console.log' % (self.instances_path, inst.uuid),
            vconfig.read_serial_log(xml))
        graphics = dom.find('devices/graphics')
        self.assertEqual('vnc', graphics.get('type'))
        self.assertEqual('0.0.0.0', graphics.find('listen').get('address'))
        # Not started: the autoport is still unknown.
        self.assertIsNone(vconfig.read_graphics(xml, 'vnc').port)

    def test_no_graphics_when_vnc_is_off(self):
        self.flags(group='vnc', enabled=False)
        dom = self._defined(base.make_instance())
        self.assertIsNone(dom.find('devices/graphics'))
        self.assertIsNone(dom.find('devices/video'))

    def test_metadata_in_nova_namespace(self):
        inst = base.make_instance(display_name='web & db')
        dom = self._defined(inst, image_id='img-1')
        ns = {'nova': vconfig.NOVA_NS}
        meta = dom.find('metadata/nova:instance', ns)
        self.assertIsNotNone(meta)
        self.assertEqual('web & db', meta.findtext('nova:name', None, ns))
        self.assertEqual('m1.tiny',
                         meta.find('nova:flavor', ns).get('name'))
        self.assertEqual('p1', meta.find('nova:owner/nova:project',
                                         ns).get('uuid'))
        self.assertEqual('img-1', meta.find('nova:root', ns).get('uuid'))

    def test_kvm_guests_get_a_host_model_cpu(self):
        self.flags(group='libvirt', virt_type='kvm')
        dom = self._defined(base.make_instance())
        self.assertEqual('kvm', dom.get('type'))
        self.assertEqual('host-model', dom.find('cpu').get('mode'))

    def test_tcp_serial_for_the_serial_proxy(self):
        self.flags(group='serial_console', enabled=True)
        dom = self._defined(base.make_instance(), serial_port=10005)
        xml = etree.tostring(dom, encoding='unicode')
        self.assertEqual(('127.0.0.1', 10005), vconfig.read_tcp_serial(xml))
        self.assertIsNotNone(vconfig.read_serial_log(xml))

    def test_network_interfaces(self):
        vifs = [{'address': 'fa:16:3e:00:00:01', 'type': 'bridge',
                 'network': {'bridge': 'br0'}, 'devname': 'tap1'},
                {'address': 'fa:16:3e:00:00:02', 'type': 'ovs'}]
        config = guest_config.build(base.make_instance(), {}, [], vifs)
        ifaces = config.format_dom().findall('devices/interface')
        self.assertEqual(['bridge', 'user'], [i.get('type') for i in ifaces])
        self.assertEqual('br0', ifaces[0].find('source').get('bridge'))
        self.assertEqual('fa:16:3e:00:00:02',
                         ifaces[1].find('mac').get('address'))


class ReadXmlTestCase(base.LibvirtTestCase):

    USES_IMAGES = False

    LIVE = """<domain type='qemu'><devices>
      <disk type='file' device='disk'><source file='/a/disk'/></disk>
      <disk type='network' device='disk'><source name='pool/vol'/></disk>
      <serial type='tcp'><source mode='bind' host='10.1.1.1'
        service='10007'/><log file='/a/console.log'/></serial>
      <graphics type='vnc' port='5901' autoport='yes' listen='0.0.0.0'>
        <listen type='address' address='0.0.0.0'/></graphics>
      <graphics type='spice' port='5902' tlsPort='5903'
        listen='127.0.0.1'/>
    </devices></domain>"""

    def test_live_ports(self):
        vnc = vconfig.read_graphics(self.LIVE, 'vnc')
        self.assertEqual((5901, '0.0.0.0', None),
                         (vnc.port, vnc.listen, vnc.tls_port))
        spice = vconfig.read_graphics(self.LIVE, 'spice')
        self.assertEqual((5902, 5903), (spice.port, spice.tls_port))
        self.assertEqual(('10.1.1.1', 10007),
                         vconfig.read_tcp_serial(self.LIVE))
        self.assertEqual(['/a/disk'], vconfig.read_disk_paths(self.LIVE))
        self.assertEqual('/a/console.log', vconfig.read_serial_log(self.LIVE))

    def test_missing_devices(self):
        xml = '<domain><devices/></domain>'
        self.assertIsNone(vconfig.read_graphics(xml, 'vnc'))
        self.assertIsNone(vconfig.read_tcp_serial(xml))
        self.assertIsNone(vconfig.read_serial_log(xml))
        self.assertEqual([], vconfig.read_disk_paths(xml))
