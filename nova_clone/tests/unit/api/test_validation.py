"""Schema validation messages and nova's parameter types."""

import webob

from nova_clone.api.openstack.compute.schemas import flavors
from nova_clone.api.openstack import api_version_request as avr
from nova_clone.api import validation
from nova_clone.api.validation import parameter_types
from nova_clone.api.validation import validators
from nova_clone import exception
from nova_clone.tests import base


def _detail(schema, instance, is_body=True):
    try:
        validators.SchemaValidator(schema, is_body).validate(instance)
    except exception.ValidationError as e:
        return e.format_message()
    return None


class ValidatorsTest(base.NoDBTestCase):

    def test_field_message(self):
        self.assertEqual(
            "Invalid input for field/attribute ram. Value: 0. 0 is less "
            "than the minimum of 1",
            _detail(flavors.create, {'flavor': {
                'name': 'x', 'ram': 0, 'vcpus': 1, 'disk': 0}}))

    def test_root_message_has_no_path(self):
        self.assertEqual("'flavor' is a required property",
                         _detail(flavors.create, {}))

    def test_numeric_strings_use_bounds(self):
        schema = {'type': 'object',
                  'properties': {'n': parameter_types.positive_integer}}
        self.assertIsNone(_detail(schema, {'n': '5'}))
        self.assertIn('Invalid input for field/attribute n.',
                      _detail(schema, {'n': '0'}))
        self.assertIn('does not match', _detail(schema, {'n': '-1'}))

    def test_name_format(self):
        schema = {'type': 'object',
                  'properties': {'name': parameter_types.name}}
        self.assertIsNone(_detail(schema, {'name': 'a b'}))
        for bad in (' a', 'a ', 'a\x01'):
            self.assertEqual(
                "An invalid 'name' value was provided. The name must be: "
                "printable characters. Can not start or end with "
                "whitespace.", _detail(schema, {'name': bad}))

    def test_uuid_format(self):
        schema = {'type': 'object',
                  'properties': {'id': parameter_types.uuid}}
        self.assertIsNone(_detail(schema, {
            'id': '2ad71a4e-1f54-4c6b-8e43-d8b3a1d3e8b6'}))
        self.assertIsNotNone(_detail(schema, {'id': 'nope'}))

    def test_query_message(self):
        self.assertIn(
            'Invalid input for query parameters limit.',
            _detail(flavors.index_query, {'limit': ['x']}, is_body=False))


class QuerySchemaStripTest(base.NoDBTestCase):

    def test_unknown_params_are_dropped(self):
        @validation.query_schema(flavors.index_query)
        def index(self, req):
            return dict(req.GET)
        req = webob.Request.blank('/?minRam=1&foo=2')
        req.api_version_request = avr.APIVersionRequest('2.1')
        self.assertEqual({'minRam': '1'}, index(None, req))
