"""Backend selection: environment switch, config file, per-binary default."""

import os

import fixtures

from nova_clone import concurrency
from nova_clone import monkey_patch
from nova_clone.tests import base


class SelectBackendTestCase(base.NoDBTestCase):

    def _conf(self, body):
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'nova.conf')
        with open(path, 'w') as f:
            f.write(body)
        return ['--config-file', path]

    def test_auto_uses_binary_default(self):
        argv = self._conf('[DEFAULT]\nconcurrency_backend = auto\n')
        self.assertEqual('eventlet', monkey_patch.select_backend(
            'eventlet', argv, environ={}))
        self.assertEqual('threading', monkey_patch.select_backend(
            'threading', argv, environ={}))

    def test_config_file_choice(self):
        argv = self._conf('[DEFAULT]\nconcurrency_backend = eventlet\n')
        self.assertEqual('eventlet', monkey_patch.select_backend(
            'threading', argv, environ={}))

    def test_config_file_equals_form_and_later_file_wins(self):
        first = self._conf('[DEFAULT]\nconcurrency_backend = eventlet\n')
        second = self._conf('[DEFAULT]\nconcurrency_backend = threading\n')
        argv = ['--config-file=' + first[1], '--config-file=' + second[1]]
        self.assertEqual('threading', monkey_patch.select_backend(
            'eventlet', argv, environ={}))

    def test_environment_overrides_config(self):
        argv = self._conf('[DEFAULT]\nconcurrency_backend = eventlet\n')
        env = {'OS_NOVA_DISABLE_EVENTLET_PATCHING': 'true'}
        self.assertEqual('threading', monkey_patch.select_backend(
            'eventlet', argv, environ=env))
        env = {'OS_NOVA_DISABLE_EVENTLET_PATCHING': 'False'}
        self.assertEqual('eventlet', monkey_patch.select_backend(
            'threading', [], environ=env))

    def test_invalid_value_is_a_clear_error(self):
        argv = self._conf('[DEFAULT]\nconcurrency_backend = fibers\n')
        exc = self.assertRaises(SystemExit, monkey_patch.select_backend,
                                'threading', argv, environ={})
        self.assertIn('fibers', str(exc))

    def test_missing_file_falls_back_to_default(self):
        argv = ['--config-file', '/nonexistent/nova.conf']
        self.assertEqual('threading', monkey_patch.select_backend(
            'threading', argv, environ={}))


class SpawnTestCase(base.NoDBTestCase):

    def test_spawn_returns_result_and_exception(self):
        self.addCleanup(concurrency.shutdown_pools)
        self.assertEqual(42, concurrency.spawn(lambda x: x * 2, 21).result())
        fut = concurrency.spawn(lambda: 1 / 0)
        self.assertRaises(ZeroDivisionError, fut.result)
