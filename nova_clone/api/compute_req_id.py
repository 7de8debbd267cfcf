"""Request ids: ``x-openstack-request-id`` and nova's ``x-compute-...``.

oslo.middleware's RequestId makes (or accepts) the id and puts it in
``environ['openstack.request_id']``; nova also sends it as
``x-compute-request-id`` for old clients.
"""

from oslo_middleware import request_id

HTTP_RESP_HEADER_REQUEST_ID = 'x-compute-request-id'


class ComputeReqIdMiddleware(request_id.RequestId):
    compat_headers = [HTTP_RESP_HEADER_REQUEST_ID]
