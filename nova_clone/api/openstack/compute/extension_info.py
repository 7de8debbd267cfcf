"""/extensions[/{alias}]: the legacy extension list (deprecated).

Since v2.1 every extension is part of the API; the list is a fixed
document that old clients (and Tempest) still read to learn what the
cloud offers. Its entries are nova's v2.1 aliases and names; the
description is generated from the name.
"""

import webob.exc

from nova_clone.api.openstack import common
from nova_clone.api.openstack.compute.schemas import server_metadata as qs
from nova_clone.api.openstack import wsgi
from nova_clone.api import validation
from nova_clone.i18n import _
from nova_clone.policies import extensions as ext_policies
from nova_clone import policy

_NAMESPACE = 'http://docs.openstack.org/compute/ext/fake_xml'
_UPDATED = '2014-12-03T00:00:00Z'

# (alias, name) of nova's v2.1 extension list.
EXTENSIONS = (
    ('NMN', 'Multinic'), ('OS-DCF', 'DiskConfig'),
    ('OS-EXT-AZ', 'ExtendedAvailabilityZone'),
    ('OS-EXT-IMG-SIZE', 'ImageSize'), ('OS-EXT-IPS', 'ExtendedIps'),
    ('OS-EXT-IPS-MAC', 'ExtendedIpsMac'),
    ('OS-EXT-SRV-ATTR', 'ExtendedServerAttributes'),
    ('OS-EXT-STS', 'ExtendedStatus'), ('OS-FLV-DISABLED', 'FlavorDisabled'),
    ('OS-FLV-EXT-DATA', 'FlavorExtraData'),
    ('OS-SCH-HNT', 'SchedulerHints'), ('OS-SRV-USG', 'ServerUsage'),
    ('os-access-ips', 'AccessIPs'), ('os-admin-actions', 'AdminActions'),
    ('os-admin-password', 'AdminPassword'), ('os-agents', 'Agents'),
    ('os-aggregates', 'Aggregates'),
    ('os-assisted-volume-snapshots', 'AssistedVolumeSnapshots'),
    ('os-attach-interfaces', 'AttachInterfaces'),
    ('os-availability-zone', 'AvailabilityZone'),
    ('os-baremetal-ext-status', 'BareMetalExtStatus'),
    ('os-baremetal-nodes', 'BareMetalNodes'),
    ('os-block-device-mapping', 'BlockDeviceMapping'),
    ('os-block-device-mapping-v2-boot', 'BlockDeviceMappingV2Boot'),
    ('os-cell-capacities', 'CellCapacities'), ('os-cells', 'Cells'),
    ('os-certificates', 'Certificates'), ('os-cloudpipe', 'Cloudpipe'),
    ('os-cloudpipe-update', 'CloudpipeUpdate'),
    ('os-config-drive', 'ConfigDrive'),
    ('os-console-auth-tokens', 'ConsoleAuthTokens'),
    ('os-console-output', 'ConsoleOutput'), ('os-consoles', 'Consoles'),
    ('os-create-backup', 'CreateBackup'),
    ('os-create-server-ext', 'Createserverext'),
    ('os-deferred-delete', 'DeferredDelete'), ('os-evacuate', 'Evacuate'),
    ('os-extended-evacuate-find-host', 'ExtendedEvacuateFindHost'),
    ('os-extended-floating-ips', 'ExtendedFloatingIps'),
    ('os-extended-hypervisors', 'ExtendedHypervisors'),
    ('os-extended-networks', 'ExtendedNetworks'),
    ('os-extended-quotas', 'ExtendedQuotas'),
    ('os-extended-rescue-with-image', 'ExtendedRescueWithImage'),
    ('os-extended-services', 'ExtendedServices'),
    ('os-extended-services-delete', 'ExtendedServicesDelete'),
    ('os-extended-status', 'ExtendedStatus'),
    ('os-extended-volumes', 'ExtendedVolumes'),
    ('os-fixed-ips', 'FixedIPs'), ('os-flavor-access', 'FlavorAccess'),
    ('os-flavor-extra-specs', 'FlavorExtraSpecs'),
    ('os-flavor-manage', 'FlavorManage'), ('os-flavor-rxtx', 'FlavorRxtx'),
    ('os-flavor-swap', 'FlavorSwap'),
    ('os-floating-ip-dns', 'FloatingIpDns'),
    ('os-floating-ip-pools', 'FloatingIpPools'),
    ('os-floating-ips', 'FloatingIps'),
    ('os-floating-ips-bulk', 'FloatingIpsBulk'), ('os-fping', 'Fping'),
    ('os-hide-server-addresses', 'HideServerAddresses'),
    ('os-hosts', 'Hosts'), ('os-hypervisor-status', 'HypervisorStatus'),
    ('os-hypervisors', 'Hypervisors'),
    ('os-instance-actions', 'InstanceActions'),
    ('os-instance_usage_audit_log', 'OSInstanceUsageAuditLog'),
    ('os-keypairs', 'Keypairs'), ('os-lock-server', 'LockServer'),
    ('os-migrate-server', 'MigrateServer'),
    ('os-migrations', 'Migrations'),
    ('os-multiple-create', 'MultipleCreate'), ('os-networks', 'Networks'),
    ('os-networks-associate', 'NetworkAssociationSupport'),
    ('os-pause-server', 'PauseServer'), ('os-personality', 'Personality'),
    ('os-preserve-ephemeral-rebuild', 'PreserveEphemeralOnRebuild'),
    ('os-quota-class-sets', 'QuotaClasses'), ('os-quota-sets', 'Quotas'),
    ('os-rescue', 'Rescue'),
    ('os-security-group-default-rules', 'SecurityGroupDefaultRules'),
    ('os-security-groups', 'SecurityGroups'),
    ('os-server-diagnostics', 'ServerDiagnostics'),
    ('os-server-external-events', 'ServerExternalEvents'),
    ('os-server-group-quotas', 'ServerGroupQuotas'),
    ('os-server-groups', 'ServerGroups'),
    ('os-server-list-multi-status', 'ServerListMultiStatus'),
    ('os-server-password', 'ServerPassword'),
    ('os-server-sort-keys', 'ServerSortKeys'),
    ('os-server-start-stop', 'ServerStartStop'), ('os-services', 'Services'),
    ('os-shelve', 'Shelve'), ('os-simple-tenant-usage', 'SimpleTenantUsage'),
    ('os-suspend-server', 'SuspendServer'),
    ('os-tenant-networks', 'OSTenantNetworks'),
    ('os-used-limits', 'UsedLimits'),
    ('os-used-limits-for-admin', 'UsedLimitsForAdmin'),
    ('os-user-data', 'UserData'), ('os-user-quotas', 'UserQuotas'),
    ('os-virtual-interfaces', 'VirtualInterfaces'),
    ('os-volume-attachment-update', 'VolumeAttachmentUpdate'),
    ('os-volumes', 'Volumes'),
)


def _entry(alias, name):
    return {'alias': alias, 'name': name, 'namespace': _NAMESPACE,
            'updated': _UPDATED, 'links': [],
            'description': _('The %s part of the compute API.') % name}


class ExtensionInfoController(wsgi.Controller):

    @wsgi.response(200)
    @wsgi.expected_errors(())
    @validation.query_schema(qs.index_query)
    def index(self, req):
        policy.authorize(common.get_context(req), ext_policies.BASE,
                         target={})
        return {'extensions': [_entry(a, n) for a, n in EXTENSIONS]}

    @wsgi.response(200)
    @wsgi.expected_errors(404)
    @validation.query_schema(qs.index_query)
    def show(self, req, id):
        policy.authorize(common.get_context(req), ext_policies.BASE,
                         target={})
        for alias, name in EXTENSIONS:
            if alias == id:
                return {'extension': _entry(alias, name)}
        raise webob.exc.HTTPNotFound(explanation=_(
            'Extension %s could not be found.') % id)
