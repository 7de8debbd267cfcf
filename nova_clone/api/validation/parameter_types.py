"""Reusable JSON-schema fragments for the compute API's parameters."""

import copy

# NOTE: the largest value of a signed 32-bit INT column.
DB_MAX_INT = 0x7FFFFFFF
# NOTE: the largest finite single-precision float (FLOAT columns).
SQL_SP_FLOAT_MAX = 3.40282e+38


def single_param(schema):
    """A query parameter given once: a list of one item."""
    ret = multi_params(schema)
    ret['maxItems'] = 1
    return ret


def multi_params(schema):
    """A query parameter that may repeat: a list of values."""
    return {'type': 'array', 'items': copy.deepcopy(schema)}


boolean = {
    'type': ['boolean', 'string'],
    'enum': [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on',
             'YES', 'Yes', 'yes', 'y', 't',
             False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off',
             'NO', 'No', 'no', 'n', 'f'],
}

none = {'enum': ['None', None, {}]}

non_negative_integer = {
    'type': ['integer', 'string'],
    'pattern': '^[0-9]*$',
    'minimum': 0,
    'minLength': 1,
}

positive_integer = {
    'type': ['integer', 'string'],
    'pattern': '^[0-9]*$',
    'minimum': 1,
    'minLength': 1,
}

name = {
    'type': 'string',
    'minLength': 1,
    'maxLength': 255,
    'format': 'name',
}

name_with_leading_trailing_spaces = {
    'type': 'string',
    'minLength': 1,
    'maxLength': 255,
    'format': 'name_with_leading_trailing_spaces',
}

description = {
    'type': ['string', 'null'],
    'minLength': 0,
    'maxLength': 255,
    'pattern': r'^[\s\S]*$',
}

# NOTE: flavor descriptions are TEXT; printable characters only.
flavor_description = {
    'type': ['string', 'null'],
    'minLength': 0,
    'maxLength': 65535,
    'pattern': r'^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$',
}

tenant_id = {
    'type': 'string',
    'minLength': 1,
    'maxLength': 255,
    'pattern': '^[a-zA-Z0-9-]*$',
}

project_id = {
    'type': 'string',
    'minLength': 1,
    'maxLength': 255,
    'pattern': '^[a-zA-Z0-9-]*$',
}

user_id = {
    'type': 'string',
    'minLength': 1,
    'maxLength': 255,
    'pattern': '^[a-zA-Z0-9-]*$',
}

server_id = {'type': 'string', 'format': 'uuid'}

image_id = {'type': 'string', 'format': 'uuid'}

uuid = {'type': 'string', 'format': 'uuid'}

flavor_id = {
    'type': 'string',
    'minLength': 1,
    'maxLength': 255,
    'pattern': '^(?! )[a-zA-Z0-9. _-]+(?<! )$',
}

# NOTE: the flavorRef of a server create: an id or a link to one.
flavor_ref = {
    'type': ['string', 'integer'],
    'minLength': 1,
}

flavor_param_positive = copy.deepcopy(positive_integer)
flavor_param_positive['maximum'] = DB_MAX_INT

flavor_param_non_negative = copy.deepcopy(non_negative_integer)
flavor_param_non_negative['maximum'] = DB_MAX_INT

rxtx_factor = {
    'type': ['number', 'string'],
    'pattern': r'^[0-9]+(\.[0-9]+)?$',
    'minimum': 0,
    'exclusiveMinimum': True,
    'maximum': SQL_SP_FLOAT_MAX,
}

metadata = {
    'type': 'object',
    'patternProperties': {
        '^[a-zA-Z0-9-_:. ]{1,255}$': {
            'type': 'string', 'maxLength': 255,
        },
    },
    'additionalProperties': False,
}

metadata_with_null = copy.deepcopy(metadata)
metadata_with_null['patternProperties']['^[a-zA-Z0-9-_:. ]{1,255}$'][
    'type'] = ['string', 'null']

hostname = {
    'type': 'string',
    'minLength': 1,
    'maxLength': 255,
    'pattern': r'^[a-zA-Z0-9-._]*$',
}

# NOTE: key pair names: letters, digits, '.', '_', '-' and inner spaces
# until 2.92, which also allows '@' and leading/trailing spaces.
keypair_name = {
    'type': 'string',
    'minLength': 1,
    'maxLength': 255,
    'pattern': '^(?! )[a-zA-Z0-9. _-]+(?<! )$',
}

keypair_name_special_chars = {
    'type': 'string',
    'minLength': 1,
    'maxLength': 255,
    'pattern': '^[a-zA-Z0-9 @._-]+$',
}

# Query-string versions (lists of strings).
common_query_param = multi_params({'type': 'string'})
common_query_regex_param = multi_params({'type': 'string', 'format': 'regex'})
limit_query = multi_params(non_negative_integer)
marker_query = multi_params({'type': 'string'})
