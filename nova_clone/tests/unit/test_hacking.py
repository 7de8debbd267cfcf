"""The layering checks flag what they should, and only that."""

import os

import fixtures

from nova_clone.hacking import checks
from nova_clone.tests import base


def codes(source, rel):
    return [code for _line, code, _msg in checks.check_source(source, rel)]


class HackingTestCase(base.NoDBTestCase):

    def test_n307_db_in_virt(self):
        src = 'from nova_clone.db.main import api\n'
        self.assertEqual(['N307'], codes(src, 'nova_clone/virt/fake.py'))
        self.assertEqual([], codes(src, 'nova_clone/compute/manager.py'))

    def test_n311_cross_driver_import(self):
        src = 'from nova_clone.virt.libvirt import host\n'
        self.assertEqual(['N311'], codes(
            src, 'nova_clone/virt/ironic/driver.py'))
        self.assertEqual([], codes(
            src, 'nova_clone/virt/libvirt/driver.py'))
        self.assertEqual([], codes('from nova_clone.virt import driver\n',
                                   'nova_clone/virt/libvirt/driver.py'))

    def test_n312_driver_options_elsewhere(self):
        src = 'x = CONF.libvirt.virt_type\n'
        self.assertEqual(['N312'], codes(src, 'nova_clone/compute/api.py'))
        self.assertEqual([], codes(src, 'nova_clone/virt/libvirt/host.py'))

    def test_n342_options_outside_conf(self):
        src = "from oslo_config import cfg\nx = cfg.StrOpt('a')\n"
        self.assertEqual(['N342'], codes(src, 'nova_clone/compute/api.py'))
        self.assertEqual([], codes(src, 'nova_clone/conf/compute.py'))
        self.assertEqual([], codes(src, 'nova_clone/cmd/manage/__init__.py'))

    def test_n350_policies_outside_policies(self):
        src = "from oslo_policy import policy\npolicy.RuleDefault('a', '')\n"
        self.assertEqual(['N350'], codes(src, 'nova_clone/api/x.py'))
        self.assertEqual([], codes(src, 'nova_clone/policies/servers.py'))

    def test_concurrency_rules(self):
        self.assertEqual(['N340'], codes('import eventlet\n',
                                         'nova_clone/service.py'))
        self.assertEqual([], codes('import eventlet\n',
                                   'nova_clone/monkey_patch.py'))
        self.assertEqual(['N373'], codes('import time\ntime.sleep(1)\n',
                                         'nova_clone/service.py'))
        self.assertEqual(['N373'], codes(
            'import threading\nthreading.Thread(target=f)\n',
            'nova_clone/service.py'))
        self.assertEqual([], codes('import time\ntime.sleep(1)\n',
                                   'nova_clone/concurrency.py'))
        self.assertEqual([], codes('import time\ntime.sleep(1)\n',
                                   'nova_clone/tests/unit/test_x.py'))

    def test_noqa(self):
        src = 'import time\ntime.sleep(1)  # noqa: N373\n'
        self.assertEqual([], codes(src, 'nova_clone/service.py'))
        src = 'import time\ntime.sleep(1)  # noqa: E501\n'
        self.assertEqual(['N373'], codes(src, 'nova_clone/service.py'))

    def test_n399_long_file(self):
        src = 'x = 1\n' * (checks.MAX_LINES + 1)
        self.assertEqual(['N399'], codes(src, 'nova_clone/big.py'))
        src = 'x = 1\n' * checks.MAX_LINES
        self.assertEqual([], codes(src, 'nova_clone/big.py'))

    def test_main_reports_and_exits_nonzero(self):
        top = os.path.join(self.useFixture(fixtures.TempDir()).path,
                           'nova_clone')
        os.makedirs(os.path.join(top, 'virt'))
        with open(os.path.join(top, 'virt', 'bad.py'), 'w') as f:
            f.write('import nova_clone.db\n')
        stdout = self.useFixture(fixtures.StringStream('out')).stream
        self.useFixture(fixtures.MonkeyPatch('sys.stdout', stdout))
        self.assertEqual(1, checks.main([top]))
        stdout.seek(0)
        self.assertIn('N307', stdout.read())

    def test_tree_is_clean(self):
        here = os.path.dirname(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__))))
        self.assertEqual([], checks.check_tree(here))
