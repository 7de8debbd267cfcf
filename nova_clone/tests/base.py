"""Base test classes: NoDBTestCase for pure logic, TestCase with databases."""

import fixtures
import testtools

from nova_clone import conf as nova_conf
from nova_clone.tests.fixtures import conf as conf_fixture

CONF = nova_conf.CONF


class NoDBTestCase(testtools.TestCase):
    """A test with a clean CONF and no database."""

    def setUp(self):
        super().setUp()
        self.useFixture(fixtures.NestedTempfile())
        self.useFixture(fixtures.EnvironmentVariable('OS_CLOUD'))
        self.conf_fixture = self.useFixture(conf_fixture.ConfFixture(CONF))

    def flags(self, **kw):
        """Override options for this test: ``flags(group='x', name=value)``."""
        group = kw.pop('group', None)
        for name, value in kw.items():
            self.conf_fixture.config(**{name: value, 'group': group}
                                     if group else {name: value})
