"""Registration, listing and generator tests for nova_clone.conf."""

import json
import os
import pkgutil
import subprocess
import sys

import fixtures
from keystoneauth1 import loading as ks_loading
from oslo_config import cfg, generator

from nova_clone import conf as nova_conf
from nova_clone.conf import opts as conf_opts
from nova_clone.tests import base

# NOTE: helpers, not option groups, so they are not in _MODULES.
_NOT_GROUP_MODULES = {'opts', 'utils'}

# nova's group names; a typo here would silently create a new section.
NOVA_GROUPS = {
    'DEFAULT', 'api', 'api_database', 'cinder', 'compute', 'conductor',
    'console', 'consoleauth', 'database', 'filter_scheduler', 'glance',
    'image_cache', 'keystone', 'libvirt', 'metrics', 'neutron',
    'notifications', 'placement', 'quota', 'scheduler', 'serial_console',
    'service_user', 'spice', 'upgrade_levels', 'vnc', 'workarounds',
    'wsgi',
}

# Groups and options other libraries own: they must never be defined here.
_FOREIGN = {
    ('DEFAULT', 'transport_url'), ('DEFAULT', 'rpc_response_timeout'),
    ('DEFAULT', 'control_exchange'), ('DEFAULT', 'debug'),
}
_FOREIGN_GROUPS = {'keystone_authtoken', 'oslo_messaging_rabbit',
                   'oslo_messaging_notifications', 'oslo_concurrency',
                   'oslo_policy'}

_GENERATOR_CONF = os.path.join(
    os.path.dirname(__file__), '..', '..', '..', '..', 'etc', 'nova',
    'nova-config-generator.conf')


def _group_name(group):
    return getattr(group, 'name', group) or 'DEFAULT'


def _listed():
    """:returns: {(group, dest): count} over nova.conf's list_opts()."""
    counts = {}
    for group, opts in conf_opts.list_opts():
        for opt in opts:
            key = (_group_name(group), opt.dest)
            counts[key] = counts.get(key, 0) + 1
    return counts


def _namespaces():
    """:returns: the namespaces named in the generator config file."""
    # NOTE: the file repeats 'namespace', which configparser refuses.
    names = []
    with open(_GENERATOR_CONF) as f:
        for line in f:
            key, _, value = line.partition('=')
            if key.strip() == 'namespace':
                names.append(value.strip())
    return names


def _in_subprocess(code, *args):
    """Run generator code in a child interpreter and return its stdout.

    oslo.messaging's and oslo.service's listings import eventlet; running
    them in a child keeps eventlet out of the test process.
    """
    result = subprocess.run(
        [sys.executable, '-W', 'ignore', '-c', code] + list(args),
        capture_output=True, text=True, check=False, timeout=120)
    if result.returncode:
        raise AssertionError(result.stderr)
    return result.stdout


_LIST_LIBRARY_OPTS = """
import json, sys
from oslo_config import generator
found = []
for _ns, groups in generator._list_opts(sys.argv[1:]):
    for group, opts in groups:
        name = getattr(group, 'name', group) or 'DEFAULT'
        found.extend([name, opt.dest] for opt in opts)
print(json.dumps(found))
"""

_GENERATE = """
import sys
from oslo_config import cfg, generator
conf = cfg.ConfigOpts()
generator.register_cli_opts(conf)
conf(sys.argv[1:])
generator.generate(conf)
"""


def _registered(conf):
    """:returns: the set of (group, dest) registered on ``conf``."""
    found = set()
    for opt in conf._opts.values():
        found.add(('DEFAULT', opt['opt'].dest))
    for name, group in conf._groups.items():
        for opt in group._opts.values():
            found.add((name, opt['opt'].dest))
    return found


class TestModules(base.NoDBTestCase):
    """Every option module is wired in, and only once."""

    def test_every_module_is_listed(self):
        package_dir = os.path.dirname(nova_conf.__file__)
        names = {m.name for m in pkgutil.iter_modules([package_dir])}
        listed = {m.__name__.rsplit('.', 1)[1] for m in nova_conf._MODULES}
        self.assertEqual(names - _NOT_GROUP_MODULES, listed)

    def test_modules_are_alphabetical_and_unique(self):
        names = [m.__name__ for m in nova_conf._MODULES]
        self.assertEqual(sorted(set(names)), names)

    def test_every_module_has_the_interface(self):
        for module in nova_conf._MODULES:
            self.assertTrue(callable(module.register_opts), module)
            self.assertIsInstance(module.list_opts(), dict, module)


class TestListing(base.NoDBTestCase):
    """What is registered is listed, documented and defined once."""

    def setUp(self):
        super().setUp()
        self.fresh = cfg.ConfigOpts()
        for module in nova_conf._MODULES:
            module.register_opts(self.fresh)
        self.listed = _listed()

    def _library_opts(self):
        namespaces = [n for n in _namespaces() if n != 'nova.conf']
        found = json.loads(_in_subprocess(_LIST_LIBRARY_OPTS, *namespaces))
        return {tuple(pair) for pair in found}

    def test_group_names_are_novas(self):
        groups = {g for g, _ in self.listed}
        self.assertEqual(NOVA_GROUPS, groups)

    def test_every_registered_option_is_listed(self):
        # NOTE: some modules register library options too (oslo.service's
        # graceful_shutdown_timeout, whose default nova raises); those are
        # listed by the library's own generator namespace.
        # oslo.config's own CLI options come with every ConfigOpts.
        builtin = _registered(cfg.ConfigOpts())
        missing = (_registered(self.fresh) - set(self.listed) -
                   self._library_opts() - builtin)
        self.assertEqual(set(), missing)

    def test_every_listed_option_is_registered(self):
        # keystoneauth registers a plugin's options only when the plugin is
        # loaded, so those are listed ahead of registration on purpose.
        plugin_opts = set()
        for plugin in ('password', 'v2password', 'v3password'):
            plugin_opts |= {o.dest for o in
                            ks_loading.get_auth_plugin_conf_options(plugin)}
        unregistered = {(g, d) for g, d in self.listed
                        if d not in plugin_opts} - _registered(self.fresh)
        self.assertEqual(set(), unregistered)

    def test_no_option_listed_twice(self):
        twice = {k: n for k, n in self.listed.items() if n > 1}
        self.assertEqual({}, twice)

    def test_library_options_are_not_redefined(self):
        self.assertEqual(set(), set(self.listed) & _FOREIGN)
        self.assertEqual(set(), {g for g, _ in self.listed} & _FOREIGN_GROUPS)
        library = self._library_opts()
        self.assertTrue(_FOREIGN <= library, 'namespaces missing')
        self.assertEqual(set(), set(self.listed) & library)

    def test_every_option_has_help(self):
        for group, opts in conf_opts.list_opts():
            for opt in opts:
                self.assertTrue((opt.help or '').strip(),
                                f'{_group_name(group)}.{opt.dest}')

    def test_every_group_has_help(self):
        for group, _opts in conf_opts.list_opts():
            if isinstance(group, cfg.OptGroup):
                self.assertTrue((group.help or '').strip(), group.name)


class TestDefaults(base.NoDBTestCase):
    """Spot checks of nova's defaults that other code relies on."""

    def _opt(self, group, name):
        return nova_conf.CONF._get_opt_info(name, group)['opt']

    def test_scheduler_max_attempts(self):
        self.assertEqual(3, nova_conf.CONF.scheduler.max_attempts)
        self.assertEqual(1, self._opt('scheduler', 'max_attempts').type.min)

    def test_virt_type_choices(self):
        choices = self._opt('libvirt', 'virt_type').type.choices
        self.assertEqual(['kvm', 'lxc', 'qemu', 'parallels'], list(choices))
        self.assertEqual('kvm', nova_conf.CONF.libvirt.virt_type)

    def test_api_ports(self):
        self.assertEqual(8774, nova_conf.CONF.osapi_compute_listen_port)
        self.assertEqual(8775, nova_conf.CONF.metadata_listen_port)

    def test_concurrency_backend(self):
        self.assertEqual('auto', nova_conf.CONF.concurrency_backend)
        choices = self._opt(None, 'concurrency_backend').type.choices
        self.assertEqual(['auto', 'threading', 'eventlet'], list(choices))
        self.assertEqual(10, nova_conf.CONF.default_thread_pool_size)
        self.assertEqual(5, nova_conf.CONF.cell_worker_thread_pool_size)

    def test_flags_override_and_validate(self):
        self.flags(virt_type='qemu', group='libvirt')
        self.assertEqual('qemu', nova_conf.CONF.libvirt.virt_type)
        self.assertRaises(ValueError, self.flags, virt_type='xen',
                          group='libvirt')

    def test_filter_scheduler_defaults(self):
        fs = nova_conf.CONF.filter_scheduler
        self.assertEqual(1, fs.host_subset_size)
        self.assertIn('ComputeFilter', fs.enabled_filters)
        self.assertEqual(-1.0, fs.io_ops_weight_multiplier)

    def test_ksa_service_types(self):
        conf = nova_conf.CONF
        self.assertEqual('placement', conf.placement.service_type)
        self.assertEqual('image', conf.glance.service_type)
        self.assertEqual('network', conf.neutron.service_type)
        self.assertEqual('identity', conf.keystone.service_type)
        self.assertEqual(['internal', 'public'],
                         conf.placement.valid_interfaces)

    def test_quota_and_allocation_ratios(self):
        conf = nova_conf.CONF
        self.assertEqual(10, conf.quota.instances)
        self.assertEqual(51200, conf.quota.ram)
        self.assertIsNone(conf.cpu_allocation_ratio)
        self.assertEqual(4.0, conf.initial_cpu_allocation_ratio)
        self.assertEqual(512, conf.reserved_host_memory_mb)

    def test_graceful_shutdown_timeout_raised(self):
        self.assertEqual(180, nova_conf.CONF.graceful_shutdown_timeout)


class TestGenerator(base.NoDBTestCase):
    """The sample config can be generated from the code."""

    def test_generate_sample(self):
        out = self.useFixture(fixtures.TempDir()).join('nova.conf.sample')
        args = ['--output-file', out, '--wrap-width', '79']
        for namespace in _namespaces():
            args += ['--namespace', namespace]
        _in_subprocess(_GENERATE, *args)
        with open(out) as f:
            text = f.read()
        for section in ('[DEFAULT]', '[filter_scheduler]', '[scheduler]',
                        '[libvirt]', '[placement]', '[keystone_authtoken]',
                        '[oslo_messaging_rabbit]'):
            self.assertIn(section, text)
        self.assertIn('#transport_url = rabbit://', text)
        self.assertIn('#osapi_compute_listen_port = 8774', text)
        self.assertIn('#graceful_shutdown_timeout = 180', text)

    def test_in_process_listing_has_filter_scheduler(self):
        # The nova.conf namespace alone imports nothing heavy, so the
        # generator's own API can run here.
        groups = dict(generator._list_opts(['nova.conf'])[0][1])
        self.assertIn('filter_scheduler', {_group_name(g) for g in groups})

    def test_eventlet_not_imported_by_conf(self):
        # monkey_patch.py must be able to choose the backend after the
        # configuration is importable, so importing it must stay light.
        out = _in_subprocess('import sys, nova_clone.conf; '
                             'print("eventlet" in sys.modules)')
        self.assertEqual('False', out.strip())
