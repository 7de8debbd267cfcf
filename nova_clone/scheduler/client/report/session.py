"""The HTTP door to Placement: a lazily built keystoneauth adapter.

Every request names its microversion and carries the caller's global
request id; connection problems become :class:`PlacementAPIConnectFailure`
(with the endpoint in the message) instead of raw keystoneauth errors.
"""

import random

from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import loading as ks_loading
from oslo_log import log as logging

from nova_clone import concurrency
from nova_clone.exception import scheduler as sched_exc

LOG = logging.getLogger(__name__)

GROUP = 'placement'
# NOTE: used when the [placement] option is unset, so that no call can hang
# forever and a dead Placement is reported within about a second.
DEFAULT_TIMEOUT = 30.0
DEFAULT_CONNECT_RETRIES = 2
DEFAULT_CONNECT_RETRY_DELAY = 0.2

_CONNECT_ERRORS = (ks_exc.ConnectFailure, ks_exc.ConnectionError,
                   ks_exc.RequestTimeout, ks_exc.EndpointNotFound,
                   ks_exc.DiscoveryFailure, ks_exc.MissingAuthPlugin,
                   ks_exc.Unauthorized)


def error_code(resp):
    """:returns: the ``code`` of the first error in a Placement error body,
    or None when the body is not a structured error.
    """
    try:
        errors = resp.json().get('errors') or []
    except ValueError:
        return None
    return errors[0].get('code') if errors else None


def error_text(resp):
    """:returns: the error detail of a Placement response, for messages."""
    try:
        errors = resp.json().get('errors') or []
    except ValueError:
        return resp.text
    if errors:
        return '; '.join(e.get('detail') or e.get('title') or ''
                         for e in errors)
    return resp.text


def global_request_id(context):
    """:returns: the id to send as ``X-OpenStack-Request-ID`` or None."""
    if context is None:
        return None
    return getattr(context, 'global_id', None)


class PlacementSession(object):
    """A keystoneauth adapter for the ``[placement]`` group, built on use.

    :param conf: the ConfigOpts holding the ``[placement]`` options.
    :param adapter: a ready adapter (tests, or callers with their own
        session); when given it is never rebuilt.
    """

    def __init__(self, conf, adapter=None):
        self._conf = conf
        self._adapter = adapter
        self._own_adapter = adapter is None

    @property
    def endpoint(self):
        """:returns: a human readable description of where Placement is."""
        grp = self._conf[GROUP]
        if grp.endpoint_override:
            return grp.endpoint_override
        if self._adapter is not None:
            try:
                return self._adapter.get_endpoint() or 'unknown'
            except Exception:  # noqa: BLE001 - only for messages
                pass
        return ('the service catalog (service type %s, interfaces %s)'
                % (grp.service_type, ','.join(grp.valid_interfaces or [])))

    def _build_adapter(self):
        grp = self._conf[GROUP]
        auth = ks_loading.load_auth_from_conf_options(self._conf, GROUP)
        timeout = grp.timeout if grp.timeout is not None else DEFAULT_TIMEOUT
        sess = ks_loading.load_session_from_conf_options(
            self._conf, GROUP, auth=auth, timeout=timeout)
        retries = grp.connect_retries
        delay = grp.connect_retry_delay
        return ks_loading.load_adapter_from_conf_options(
            self._conf, GROUP, session=sess, auth=auth,
            connect_retries=(DEFAULT_CONNECT_RETRIES if retries is None
                             else retries),
            connect_retry_delay=(DEFAULT_CONNECT_RETRY_DELAY if delay is None
                                 else delay),
            raise_exc=False)

    @property
    def adapter(self):
        """:returns: the adapter, building it on first use."""
        if self._adapter is None:
            try:
                self._adapter = self._build_adapter()
            except _CONNECT_ERRORS as exc:
                raise sched_exc.PlacementAPIConnectFailure(
                    endpoint=self.endpoint, reason=exc)
        return self._adapter

    def request(self, method, url, version, context=None, json=None):
        """Send one request; non-2xx responses are returned, not raised.

        :param method: ``GET``, ``PUT``, ``POST`` or ``DELETE``.
        :param url: path relative to the Placement endpoint.
        :param version: the Placement microversion, e.g. ``'1.28'``.
        :param context: the RequestContext whose global id is sent along.
        :param json: the body, serialized as JSON.
        :returns: the keystoneauth (requests) response.
        :raises: PlacementAPIConnectFailure when Placement cannot be reached.
        """
        headers = {'OpenStack-API-Version': 'placement %s' % version,
                   'Accept': 'application/json'}
        kwargs = {'headers': headers}
        if json is not None:
            kwargs['json'] = json
        req_id = global_request_id(context)
        if req_id:
            kwargs['global_request_id'] = req_id
        try:
            resp = self.adapter.request(url, method, **kwargs)
        except _CONNECT_ERRORS as exc:
            endpoint = self.endpoint
            if self._own_adapter:
                # NOTE: rebuilt on the next call, so a catalog or token
                # change after an outage is picked up.
                self._adapter = None
            LOG.warning('Placement at %s is unreachable (%s %s): %s',
                        endpoint, method, url, exc)
            raise sched_exc.PlacementAPIConnectFailure(
                endpoint=endpoint,
                reason=str(exc))
        if resp.status_code >= 500:
            raise sched_exc.PlacementAPIError(
                method=method, url=url, status=resp.status_code,
                error=error_text(resp))
        return resp

    def get(self, url, version, context=None):
        return self.request('GET', url, version, context)

    def put(self, url, data, version, context=None):
        return self.request('PUT', url, version, context, json=data)

    def post(self, url, data, version, context=None):
        return self.request('POST', url, version, context, json=data)

    def delete(self, url, version, context=None):
        return self.request('DELETE', url, version, context)


# NOTE: how often a generation conflict (409 placement.concurrent_update) is
# retried after refreshing; bounded so a hot provider cannot spin us forever.
CONFLICT_RETRIES = 4


def conflict_backoff(attempt):
    """Sleep a little (with jitter) before retry number ``attempt``."""
    concurrency.sleep(random.uniform(0, 0.02 * (2 ** attempt)))


def is_conflict(resp):
    """:returns: whether ``resp`` is a 409 generation conflict."""
    return (resp.status_code == 409 and
            error_code(resp) == 'placement.concurrent_update')
