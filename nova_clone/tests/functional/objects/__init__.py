"""Functional tests of the objects against migrated SQLite databases."""

from nova_clone.tests.fixtures import database

# NOTE: Database caches its migrated template per process in a mkdtemp()
# directory; built inside a test, that lands in NestedTempfile's per-test
# dir and vanishes with it. Build the templates at import time instead.
for _name in ('api', 'main'):
    database._template(_name)
