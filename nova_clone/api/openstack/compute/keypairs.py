"""/os-keypairs: import (or, before 2.92, generate), list, show, delete.

Microversions: 2.2 adds ``type`` (and 201/204 codes), 2.10 lets admins act
for another ``user_id``, 2.35 pages the list, 2.92 requires ``public_key``.
"""

import string

import webob.exc

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute import keypair_crypto
from nova_clone.api.openstack.compute.schemas import keypairs as schema
from nova_clone.api.openstack.compute.views import keypairs as views
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone.i18n import _
from nova_clone import objects
from nova_clone.objects import keypair as keypair_obj
from nova_clone.policies import keypairs as kp_policies
from nova_clone import policy
from nova_clone import quota

CONF = nova_conf.CONF

# NOTE: before 2.92 names were limited to these characters.
_SAFE_NAME_CHARS = frozenset('_- ' + string.digits + string.ascii_letters)


def check_name(req, name):
    """:raises InvalidKeypair: a name the microversion does not allow."""
    if api_version_request.is_supported(req, '2.92'):
        return
    if not set(name) <= _SAFE_NAME_CHARS:
        raise exception.InvalidKeypair(
            reason=_('Keypair name contains unsafe characters'))


def fingerprint(public_key, key_type):
    """:returns: the fingerprint; :raises InvalidKeypair: a bad key."""
    if key_type == keypair_obj.KEYPAIR_TYPE_X509:
        return keypair_crypto.generate_x509_fingerprint(public_key)
    return keypair_crypto.generate_fingerprint(public_key)


class KeypairController(wsgi.Controller):

    def __init__(self):
        self._view_builder = views.ViewBuilder()

    @staticmethod
    def _authorize(req, action):
        """:returns: (context, user_id) once ``action`` is allowed.

        From 2.10 an admin may name another user with ``?user_id=``.
        """
        context = common.get_context(req)
        user_id = context.user_id
        if api_version_request.is_supported(req, '2.10'):
            user_id = req.GET.get('user_id') or context.user_id
        policy.authorize(context, kp_policies.POLICY_ROOT % action,
                         target={'user_id': user_id})
        return context, user_id

    @wsgi.response(200, '2.1', '2.1')
    @wsgi.response(201, '2.2')
    @wsgi.expected_errors((400, 403, 409))
    @validation.schema(schema.create, '2.1', '2.1')
    @validation.schema(schema.create_v22, '2.2', '2.9')
    @validation.schema(schema.create_v210, '2.10', '2.91')
    @validation.schema(schema.create_v292, '2.92')
    def create(self, req, body):
        """Import a public key, or generate a key pair (before 2.92)."""
        context = common.get_context(req)
        params = body['keypair']
        with_type = api_version_request.is_supported(req, '2.2')
        key_type = params.get('type', keypair_obj.KEYPAIR_TYPE_SSH)
        user_id = context.user_id
        if api_version_request.is_supported(req, '2.10'):
            user_id = params.get('user_id') or context.user_id
        policy.authorize(context, kp_policies.POLICY_ROOT % 'create',
                         target={'user_id': user_id})
        name = params['name']
        private_key = None
        try:
            check_name(req, name)
            # NOTE: the quota engine honours per-project and per-user
            # limits (os-quota-sets), not only the config default.
            quota.check_key_pairs(context, user_id=user_id)
            if 'public_key' in params:
                public_key = params['public_key']
                print_ = fingerprint(public_key, key_type)
            elif key_type == keypair_obj.KEYPAIR_TYPE_X509:
                private_key, public_key, print_ = (
                    keypair_crypto.generate_winrm_x509_cert(user_id))
            else:
                private_key, public_key, print_ = (
                    keypair_crypto.generate_key_pair())
            keypair = objects.KeyPair(
                context, user_id=user_id, name=name, type=key_type,
                public_key=public_key, fingerprint=print_)
            keypair.create()
        except exception.KeypairLimitExceeded as e:
            raise webob.exc.HTTPForbidden(explanation=e.format_message())
        except exception.InvalidKeypair as e:
            raise webob.exc.HTTPBadRequest(explanation=e.format_message())
        except exception.KeyPairExists as e:
            raise webob.exc.HTTPConflict(explanation=e.format_message())
        return self._view_builder.create(keypair, private_key, with_type)

    @wsgi.response(202, '2.1', '2.1')
    @wsgi.response(204, '2.2')
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.delete_query_v20, '2.1', '2.9')
    @validation.query_schema(schema.delete_query_v210, '2.10', '2.74')
    @validation.query_schema(schema.delete_query_v275, '2.75')
    def delete(self, req, id):
        context, user_id = self._authorize(req, 'delete')
        try:
            objects.KeyPair.destroy_by_name(context, user_id, id)
        except exception.KeypairNotFound as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(schema.show_query_v20, '2.1', '2.9')
    @validation.query_schema(schema.show_query_v210, '2.10', '2.74')
    @validation.query_schema(schema.show_query_v275, '2.75')
    def show(self, req, id):
        context, user_id = self._authorize(req, 'show')
        try:
            keypair = objects.KeyPair.get_by_name(context, user_id, id)
        except exception.KeypairNotFound as e:
            raise webob.exc.HTTPNotFound(explanation=e.format_message())
        return self._view_builder.show(
            keypair, api_version_request.is_supported(req, '2.2'))

    @wsgi.response(200)
    @wsgi.expected_errors(400)
    @validation.query_schema(schema.index_query_v20, '2.1', '2.9')
    @validation.query_schema(schema.index_query_v210, '2.10', '2.34')
    @validation.query_schema(schema.index_query_v235, '2.35', '2.74')
    @validation.query_schema(schema.index_query_v275, '2.75')
    def index(self, req):
        context, user_id = self._authorize(req, 'index')
        paged = api_version_request.is_supported(req, '2.35')
        limit = marker = None
        if paged:
            limit, marker = common.get_limit_and_marker(req)
        try:
            keypairs = objects.KeyPairList.get_by_user(
                context, user_id, limit=limit, marker=marker)
        except exception.MarkerNotFound as e:
            raise webob.exc.HTTPBadRequest(explanation=e.format_message())
        return self._view_builder.index(
            req, keypairs, api_version_request.is_supported(req, '2.2'),
            links=paged)
