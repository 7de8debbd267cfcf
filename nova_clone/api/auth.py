"""Keystone authentication glue: the context middleware and pipelines.

keystonemiddleware's ``authtoken`` validates the token and sets the
``X-User-Id``/``X-Project-Id``/``X-Roles``... headers; NovaKeystoneContext
turns them into a RequestContext at ``environ['nova.context']``.
"""

from oslo_log import log as logging
from oslo_serialization import jsonutils
import webob.dec
import webob.exc

from nova_clone.api import wsgi as base_wsgi
from nova_clone import conf as nova_conf
from nova_clone import context
from nova_clone.i18n import _
from nova_clone import policy

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)


def _load_pipeline(loader, pipeline):
    filters = [loader.get_filter(name) for name in pipeline[:-1]]
    app = loader.get_app(pipeline[-1])
    filters.reverse()
    for filt in filters:
        app = filt(app)
    return app


def pipeline_factory_v21(loader, global_conf, **local_conf):
    """Pick the pipeline named by ``[api] auth_strategy``."""
    return _load_pipeline(loader,
                          local_conf[CONF.api.auth_strategy].split())


class NovaKeystoneContext(base_wsgi.Middleware):
    """Build a RequestContext from the headers keystonemiddleware set."""

    @webob.dec.wsgify
    def __call__(self, req):
        ctx = build_context(req)
        if ctx is None:
            LOG.debug('Neither X_USER_ID nor X_USER found in request')
            return webob.exc.HTTPUnauthorized()
        req.environ['nova.context'] = ctx
        return req.get_response(self.application)


def build_context(req):
    """:returns: the RequestContext of ``req``, None without a user."""
    user_id = req.headers.get('X_USER_ID') or req.headers.get('X_USER')
    if not user_id:
        return None
    remote_address = req.remote_addr
    if CONF.api.use_forwarded_for:
        remote_address = req.headers.get('X-Forwarded-For', remote_address)
    catalog = []
    if req.headers.get('X_SERVICE_CATALOG'):
        try:
            catalog = jsonutils.loads(req.headers['X_SERVICE_CATALOG'])
        except ValueError:
            raise webob.exc.HTTPInternalServerError(
                explanation=_('Invalid service catalog json.'))
    ctx = context.RequestContext.from_environ(
        req.environ,
        user_id=user_id,
        remote_address=remote_address,
        service_catalog=catalog,
        user_auth_plugin=req.environ.get('keystone.token_auth'),
        request_id=req.environ.get('openstack.request_id'))
    # NOTE: admin-ness is a policy decision (the context_is_admin rule).
    ctx.is_admin = policy.check_is_admin(ctx)
    return ctx
