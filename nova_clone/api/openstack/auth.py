"""noauth2: trust the token ``user:project`` (test pipelines only).

Selected with ``[api] auth_strategy = noauth2``. The user ``admin`` gets
the admin role; everybody gets member and reader.
"""

import webob.dec
import webob.exc

from nova_clone.api import wsgi as base_wsgi
from nova_clone import context


class NoAuthMiddleware(base_wsgi.Middleware):
    """Make a RequestContext from ``X-Auth-Token: user[:project]``."""

    @webob.dec.wsgify
    def __call__(self, req):
        if 'X-Auth-Token' not in req.headers:
            user_id = req.headers.get('X-Auth-User', 'admin')
            project_id = req.headers.get('X-Auth-Project-Id', 'admin')
            res = webob.Response(status=204)
            res.headers['X-Auth-Token'] = '%s:%s' % (user_id, project_id)
            res.headers['X-Server-Management-Url'] = (
                req.host_url + req.script_name + '/')
            res.content_type = 'text/plain'
            return res
        token = req.headers['X-Auth-Token']
        user_id, _sep, project_id = token.partition(':')
        project_id = (req.headers.get('X-Auth-Project-Id')
                      or project_id or user_id)
        is_admin = user_id == 'admin'
        roles = ['member', 'reader'] + (['admin'] if is_admin else [])
        req.environ['nova.context'] = context.RequestContext(
            user_id=user_id, project_id=project_id, is_admin=is_admin,
            roles=roles, remote_address=req.remote_addr,
            request_id=req.environ.get('openstack.request_id'))
        return req.get_response(self.application)
