"""The systemd units in etc/systemd are valid and start our own programs.

With ``systemd-analyze`` on the machine the units go through
``systemd-analyze verify`` (the Debian package installs it even where
systemd is not PID 1). Everywhere, they are parsed and every ``ExecStart``
must name a console script of setup.cfg.
"""

import configparser
import os
import shutil
import subprocess

import fixtures

from nova_clone.tests import base

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
UNIT_DIR = os.path.join(TOP, 'etc', 'systemd')
# The directory the units expect the package in (README: /opt/nova).
INSTALL_BIN = '/opt/nova/bin/'


def unit_files():
    return sorted(os.path.join(UNIT_DIR, name)
                  for name in os.listdir(UNIT_DIR)
                  if name.endswith('.service'))


def parse_unit(path):
    """:returns: a ConfigParser of a unit (keys keep their case)."""
    # NOTE: systemd allows a key twice (ExecStartPre=...); strict=False
    # keeps the last one instead of failing, which is enough here.
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    with open(path) as f:
        parser.read_file(f)
    return parser


def console_scripts():
    """:returns: the names of setup.cfg's console scripts."""
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(os.path.join(TOP, 'setup.cfg'))
    lines = cfg.get('entry_points', 'console_scripts').splitlines()
    return {line.split('=', 1)[0].strip() for line in lines if '=' in line}


class SystemdUnitsTestCase(base.NoDBTestCase):

    def test_units_exist(self):
        names = {os.path.basename(p) for p in unit_files()}
        for daemon in ('nova-api', 'nova-conductor', 'nova-scheduler',
                       'nova-compute'):
            self.assertIn(daemon + '.service', names)

    def test_units_parse_and_run_console_scripts(self):
        scripts = console_scripts()
        for path in unit_files():
            unit = parse_unit(path)
            name = os.path.basename(path)
            self.assertTrue(unit.has_section('Unit'), name)
            service = unit['Service']
            program = service['ExecStart'].split()[0]
            self.assertTrue(program.startswith(INSTALL_BIN), name)
            self.assertIn(os.path.basename(program), scripts, name)
            self.assertIn('/etc/nova/nova.conf', service['ExecStart'])
            self.assertIn(service.get('Restart'), ('on-failure', 'always'),
                          name)
            self.assertEqual('nova', service.get('User'), name)
            self.assertEqual('multi-user.target',
                             unit['Install']['WantedBy'], name)

    def test_systemd_analyze_verify(self):
        analyze = shutil.which('systemd-analyze')
        if not analyze:
            self.skipTest('systemd-analyze is not installed')
        # NOTE: verify refuses an ExecStart that is not executable, and
        # the units point at an install in /opt/nova; check copies that
        # point at stub programs instead.
        tmp = self.useFixture(fixtures.TempDir()).path
        bin_dir = os.path.join(tmp, 'bin')
        os.mkdir(bin_dir)
        for program in console_scripts():
            stub = os.path.join(bin_dir, program)
            with open(stub, 'w') as f:
                f.write('#!/bin/sh\n')
            os.chmod(stub, 0o755)
        copies = []
        for path in unit_files():
            with open(path) as f:
                text = f.read()
            copy = os.path.join(tmp, os.path.basename(path))
            with open(copy, 'w') as f:
                f.write(text.replace(INSTALL_BIN, bin_dir + '/'))
            copies.append(copy)
        proc = subprocess.run([analyze, 'verify', '--man=no'] + copies,
                              capture_output=True, text=True, timeout=120)
        # Unknown keys and bad values are only warnings (exit 0): any
        # line about one of our files fails the test.
        ours = [line for line in (proc.stdout + proc.stderr).splitlines()
                if tmp in line or '.service' in line]
        self.assertEqual(0, proc.returncode, proc.stdout + proc.stderr)
        self.assertEqual([], ours)
