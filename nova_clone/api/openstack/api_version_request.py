"""Compute API microversions: the history, the range, and request parsing.

A client asks for a microversion with ``OpenStack-API-Version: compute X.Y``
(from 2.27) or the legacy ``X-OpenStack-Nova-API-Version: X.Y``; no header
means the minimum, ``latest`` the maximum. Every change to the API adds a
line below and bumps ``_MAX_API_VERSION`` (the test pins both).
"""

import re

import microversion_parse

from nova_clone import exception

SERVICE_TYPE = 'compute'
LEGACY_HEADER = 'X-OpenStack-Nova-API-Version'
HEADER = 'OpenStack-API-Version'

# One line per microversion: what changed for the client.
REST_API_VERSION_HISTORY = """REST API Version History:

* 2.1 - The v2.1 API: v2.0 semantics with strict input validation.
* 2.2 - Key pair type (ssh/x509); keypair create 201, delete 204.
* 2.3 - More os-extended-server-attributes and delete_on_termination.
* 2.4 - os-fixed-ips shows the reserved flag.
* 2.5 - ip6 server list filter for non-admins.
* 2.6 - The remote-consoles API replaces the get*Console actions.
* 2.7 - 409 when adding tenant access to a public flavor.
* 2.8 - The mks remote console protocol.
* 2.9 - Servers show their locked flag.
* 2.10 - Admins manage key pairs of any user (user_id).
* 2.11 - os-services forced_down.
* 2.12 - VIF net_id in os-virtual-interfaces.
* 2.13 - Server groups show project_id and user_id.
* 2.14 - Evacuate loses onSharedStorage and the adminPass response.
* 2.15 - soft-affinity and soft-anti-affinity server group policies.
* 2.16 - Servers show host_status.
* 2.17 - The trigger_crash_dump server action.
* 2.18 - project_id becomes optional in URLs.
* 2.19 - Server description.
* 2.20 - Volume attach/detach for shelved(-offloaded) servers.
* 2.21 - Instance actions of deleted servers.
* 2.22 - Force a live migration to complete.
* 2.23 - Server migrations index/show; migration_type in os-migrations.
* 2.24 - Abort a running live migration.
* 2.25 - block_migration 'auto'; disk_over_commit removed.
* 2.26 - Server tags.
* 2.27 - The OpenStack-API-Version header.
* 2.28 - Hypervisor cpu_info is an object.
* 2.29 - Evacuate force flag; host goes through the scheduler.
* 2.30 - Live-migrate force flag; host goes through the scheduler.
* 2.31 - os-console-auth-tokens for every console type.
* 2.32 - Device tags on networks and block devices at boot.
* 2.33 - Hypervisor list paging.
* 2.34 - Live-migration pre-checks run asynchronously.
* 2.35 - Key pair list paging.
* 2.36 - Proxy APIs (network, image, baremetal) and fping deprecated.
* 2.37 - Auto-allocated networks ('auto'/'none'); network uuids checked.
* 2.38 - 400 on an invalid server list status filter.
* 2.39 - Image-metadata proxy API deprecated.
* 2.40 - Simple tenant usage paging.
* 2.41 - Aggregates show their uuid.
* 2.42 - Device tags at boot restored.
* 2.43 - os-hosts deprecated.
* 2.44 - Fixed/floating IP actions and os-virtual-interfaces deprecated.
* 2.45 - createImage/createBackup return image_id in the body.
* 2.46 - X-OpenStack-Request-ID on responses.
* 2.47 - Servers embed their flavor (with extra specs when allowed).
* 2.48 - Standardized server diagnostics.
* 2.49 - Tagged interface and volume attachments.
* 2.50 - Quota classes show server group quotas, hide network ones.
* 2.51 - volume-extended event; non-admins see action event details.
* 2.52 - Tags at server create.
* 2.53 - Services and hypervisors identified by uuid.
* 2.54 - Rebuild can reset the key pair.
* 2.55 - Flavor description (GET/POST/PUT /flavors).
* 2.56 - Cold migrate to a requested host.
* 2.57 - Personality files deprecated; rebuild takes user_data.
* 2.58 - Instance action paging and changes-since.
* 2.59 - Migration paging and changes-since; migrations show uuid.
* 2.60 - Multiattach volumes.
* 2.61 - Flavors show their extra_specs.
* 2.62 - Instance action events show host and hostId.
* 2.63 - Trusted image certificates at create and rebuild.
* 2.64 - Server group policy/rules replace policies/metadata.
* 2.65 - Abort live migrations that are queued or preparing.
* 2.66 - changes-before filter.
* 2.67 - volume_type in block_device_mapping_v2.
* 2.68 - Forced live migration and evacuate removed.
* 2.69 - Minimal server/service records while a cell is down.
* 2.70 - Device tags in volume attachment and interface responses.
* 2.71 - Servers show server_groups.
* 2.72 - Neutron ports with resource requests at create.
* 2.73 - Lock reason; locked filter and sort.
* 2.74 - host/hypervisor_hostname at server create.
* 2.75 - 400 on unknown parameters; flavor swap 0 instead of ''.
* 2.76 - power-update external event.
* 2.77 - Unshelve to an availability zone.
* 2.78 - Server NUMA topology.
* 2.79 - delete_on_termination at volume attach.
* 2.80 - user_id/project_id filters and fields in migrations.
* 2.81 - Image pre-caching on aggregates.
* 2.82 - accelerator-request-bound external event.
* 2.83 - More server list filters for non-admins.
* 2.84 - Instance action events show details.
* 2.85 - Update delete_on_termination of a volume attachment.
* 2.86 - Flavor extra specs are validated.
* 2.87 - Rescue volume-backed servers.
* 2.88 - Hypervisor statistics and usage fields removed.
* 2.89 - Volume attachments show attachment_id and bdm_uuid.
* 2.90 - Server hostname at create, update and rebuild.
* 2.91 - Unshelve to a host; unpin the availability zone.
* 2.92 - Key pairs are imported only; public_key required.
* 2.93 - Rebuild volume-backed servers.
* 2.94 - FQDN server hostnames.
* 2.95 - Evacuated servers end up stopped.
* 2.96 - Servers show pinned_availability_zone.
* 2.97 - Server shares (Manila).
* 2.98 - Embedded image properties in server show.
* 2.99 - spice-direct remote console.
* 2.100 - Servers show their scheduler_hints.
* 2.101 - Compute API changes of the 2025.2 release.
* 2.102 - Compute API changes of the 2025.2 release.
* 2.103 - Compute API changes of the 2026.1 release.
* 2.104 - Compute API changes of the 2026.1 release.
"""

_MIN_API_VERSION = '2.1'
_MAX_API_VERSION = '2.104'
DEFAULT_API_VERSION = _MIN_API_VERSION

_VERSION_RE = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0)$')


class APIVersionRequest(object):
    """A microversion ``X.Y``; ``APIVersionRequest()`` is the null 0.0."""

    def __init__(self, version_string=None):
        self.ver_major = 0
        self.ver_minor = 0
        if version_string is not None:
            match = _VERSION_RE.match(version_string)
            if not match:
                raise exception.InvalidAPIVersionString(
                    version=version_string)
            self.ver_major = int(match.group(1))
            self.ver_minor = int(match.group(2))

    def _key(self):
        return (self.ver_major, self.ver_minor)

    def __repr__(self):
        return '<APIVersionRequest %s>' % self.get_string()

    def __eq__(self, other):
        return (isinstance(other, APIVersionRequest)
                and self._key() == other._key())

    def __hash__(self):
        return hash(self._key())

    def __lt__(self, other):
        return self._key() < other._key()

    def __le__(self, other):
        return self._key() <= other._key()

    def __gt__(self, other):
        return self._key() > other._key()

    def __ge__(self, other):
        return self._key() >= other._key()

    def is_null(self):
        return self._key() == (0, 0)

    def matches(self, min_version, max_version=None):
        """:returns: True if min_version <= self <= max_version.

        Either bound may be a string, an APIVersionRequest, or None/null
        (no bound on that side).
        """
        lo = _as_request(min_version)
        hi = _as_request(max_version)
        if lo is not None and not lo.is_null() and self < lo:
            return False
        if hi is not None and not hi.is_null() and self > hi:
            return False
        return True

    def get_string(self):
        """:returns: ``'X.Y'``."""
        return '%s.%s' % (self.ver_major, self.ver_minor)


def _as_request(version):
    if version is None or isinstance(version, APIVersionRequest):
        return version
    return APIVersionRequest(version)


def min_api_version():
    return APIVersionRequest(_MIN_API_VERSION)


def max_api_version():
    return APIVersionRequest(_MAX_API_VERSION)


def is_supported(req, min_version=_MIN_API_VERSION, max_version=None):
    """:returns: True if ``req``'s microversion is within the bounds."""
    return req.api_version_request.matches(min_version, max_version)


def from_headers(headers):
    """Parse the microversion a request asks for.

    :param headers: the request's headers (a case-insensitive mapping).
    :returns: an APIVersionRequest within [min, max].
    :raises InvalidAPIVersionString: the value is not ``X.Y``/``latest``.
    :raises InvalidGlobalAPIVersion: the version is out of range (406).
    """
    value = microversion_parse.get_version(
        headers, service_type=SERVICE_TYPE, legacy_headers=[LEGACY_HEADER])
    if value is None:
        return APIVersionRequest(DEFAULT_API_VERSION)
    value = value.strip()
    if value.lower() == 'latest':
        return max_api_version()
    version = APIVersionRequest(value)
    if not version.matches(min_api_version(), max_api_version()):
        raise exception.InvalidGlobalAPIVersion(
            req_ver=version.get_string(), min_ver=_MIN_API_VERSION,
            max_ver=_MAX_API_VERSION)
    return version


def response_headers(version):
    """:returns: the headers that tell the client which version answered."""
    value = version.get_string()
    return {
        HEADER: '%s %s' % (SERVICE_TYPE, value),
        LEGACY_HEADER: value,
        'Vary': '%s, %s' % (HEADER, LEGACY_HEADER),
    }
