"""Rebuild, snapshot/backup and soft-delete restore, as nova-api does them.

These are the server actions that involve Glance or the instance's own
record beyond its state: a rebuild replaces the image (and optionally
name, metadata, key, user data) before the host re-creates the guest; a
snapshot creates the Glance image record here, so the API can answer
with its id at once, and the host uploads the data into it.
"""

from oslo_log import log as logging
from oslo_serialization import jsonutils

from nova_clone.compute import api_actions
from nova_clone.compute import instance_actions
from nova_clone.compute import task_states
from nova_clone.compute import vm_states
from nova_clone import conf as nova_conf
from nova_clone import exception
from nova_clone import objects

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

REBUILD_STATES = (vm_states.ACTIVE, vm_states.STOPPED, vm_states.ERROR)
SNAPSHOT_STATES = (vm_states.ACTIVE, vm_states.STOPPED, vm_states.PAUSED,
                   vm_states.SUSPENDED)

# NOTE: image properties that describe the original upload, not the
# guest; a snapshot must not inherit them.
_NOT_INHERITED = ('id', 'name', 'size', 'status', 'checksum',
                  'created_at', 'updated_at', 'deleted', 'deleted_at',
                  'owner', 'visibility', 'protected', 'file', 'schema',
                  'self', 'direct_url', 'locations', 'stores', 'os_hash_algo',
                  'os_hash_value', 'os_hidden', 'virtual_size', 'tags',
                  'base_image_ref', 'image_location', 'image_state',
                  'image_type', 'instance_uuid', 'user_id', 'backup_type',
                  'cache_in_nova', 'bittorrent', 'block_device_mapping',
                  'bdm_v2', 'root_device_name')
_TOP_LEVEL = ('min_ram', 'min_disk', 'disk_format', 'container_format')


def image_sysmeta(image):
    """:returns: the ``image_*`` system metadata of a Glance image dict."""
    sysmeta = {}
    for key, value in image.items():
        if key in ('properties', 'id') or value is None:
            continue
        sysmeta['image_%s' % key] = str(value)
    for key, value in (image.get('properties') or {}).items():
        sysmeta['image_%s' % key] = str(value)
    return sysmeta


# NOTE: the trusted certificate ids of 2.63 ride in system_metadata (as
# JSON), which every server view already loads; nova keeps them in
# instance_extra, which answers the same.
TRUSTED_CERTS_KEY = 'trusted_image_certificates'


def trusted_certs(requested):
    """:returns: the certificate ids a boot or rebuild records: the
    requested ones, else the configured defaults when Glance signature
    verification with certificate validation is on, else None.
    """
    if requested:
        return list(requested)
    glance_conf = CONF.glance
    if glance_conf.verify_glance_signatures and \
            glance_conf.enable_certificate_validation and \
            glance_conf.default_trusted_certificate_ids:
        return list(glance_conf.default_trusted_certificate_ids)
    return None


def set_trusted_certs(sysmeta, certs):
    """Record ``certs`` (or their absence) in a system_metadata dict."""
    sysmeta.pop(TRUSTED_CERTS_KEY, None)
    if certs:
        sysmeta[TRUSTED_CERTS_KEY] = jsonutils.dumps(certs)
    return sysmeta


def get_trusted_certs(instance):
    """:returns: the instance's trusted certificate ids, or None."""
    value = (instance.system_metadata or {}).get(TRUSTED_CERTS_KEY)
    return jsonutils.loads(value) if value else None


def snapshot_image_meta(instance, name, image_type, extra_properties=None):
    """:returns: the Glance record of a new snapshot of ``instance``.

    It inherits the guest-describing properties of the image the server
    was booted from (kept in its system metadata), as nova's snapshots do.
    """
    properties = {}
    meta = {'name': name, 'visibility': 'private'}
    for key, value in (instance.system_metadata or {}).items():
        if not key.startswith('image_'):
            continue
        prop = key[len('image_'):]
        if prop in _NOT_INHERITED or value in (None, '', 'None'):
            continue
        if prop in _TOP_LEVEL:
            meta[prop] = int(value) if prop.startswith('min_') else value
        else:
            properties[prop] = value
    properties.update(instance_uuid=instance.uuid,
                      user_id=str(instance.user_id),
                      image_type=image_type)
    if instance.image_ref:
        properties['base_image_ref'] = instance.image_ref
    properties.update(extra_properties or {})
    meta['properties'] = properties
    return meta


class ImagesMixin(object):
    """The image half of :class:`nova_clone.compute.api.API`."""

    # ----------------------------------------------------------- rebuild

    @api_actions.guarded('rebuild', vm_state=REBUILD_STATES)
    def rebuild(self, context, instance, image, admin_password,
                files_to_inject=None, preserve_ephemeral=False,
                **updates):
        """Replace the server's image; the host re-creates the guest.

        :param image: Glance's (active, flavor-checked) image dict.
        :param updates: Instance fields to set at the same time
            (display_name, metadata, key_name/key_data, user_data...).
        """
        orig_image_ref = instance.image_ref
        orig_sys_metadata = dict(instance.system_metadata or {})
        # NOTE: the old image's properties go; the new image's come in.
        sysmeta = {k: v for k, v in orig_sys_metadata.items()
                   if not k.startswith('image_')}
        sysmeta.update(image_sysmeta(image))
        if 'trusted_certs' in updates:
            set_trusted_certs(sysmeta, updates.pop('trusted_certs'))
        instance.system_metadata = sysmeta
        instance.image_ref = image['id']
        instance.progress = 0
        for key, value in updates.items():
            setattr(instance, key, value)
        api_actions.start_task(instance, instance_actions.REBUILD,
                               task_states.REBUILDING)
        self.compute_rpcapi.rebuild_instance(
            instance._context, instance, new_pass=admin_password,
            injected_files=files_to_inject or [], image_ref=image['id'],
            orig_image_ref=orig_image_ref,
            preserve_ephemeral=preserve_ephemeral)
        return instance

    # ---------------------------------------------------------- snapshot

    def _start_image_task(self, context, instance, meta, action, task):
        """Create the Glance record, then claim the task for it.

        :returns: Glance's dict of the new (still queued) image.
        """
        image = self.image_api.create(context, meta)
        try:
            api_actions.start_task(instance, action, task)
        except Exception:
            # NOTE: nobody will upload into it; don't leave it queued.
            self._delete_image_quietly(context, image['id'])
            raise
        return image

    @api_actions.guarded('snapshot', vm_state=SNAPSHOT_STATES, lock=False)
    def snapshot(self, context, instance, name, extra_properties=None):
        """Create the image record and cast the upload to the host."""
        meta = snapshot_image_meta(instance, name, 'snapshot',
                                   extra_properties)
        image = self._start_image_task(context, instance, meta,
                                       instance_actions.CREATE_IMAGE,
                                       task_states.IMAGE_SNAPSHOT)
        self.compute_rpcapi.snapshot_instance(instance._context, instance,
                                              image['id'])
        return image

    @api_actions.guarded('createBackup', vm_state=SNAPSHOT_STATES,
                         lock=False)
    def backup(self, context, instance, name, backup_type, rotation,
               extra_properties=None):
        """A snapshot the host then rotates to ``rotation`` backups."""
        props = dict(extra_properties or {})
        props['backup_type'] = backup_type
        meta = snapshot_image_meta(instance, name, 'backup', props)
        image = self._start_image_task(context, instance, meta,
                                       instance_actions.BACKUP,
                                       task_states.IMAGE_BACKUP)
        self.compute_rpcapi.backup_instance(
            instance._context, instance, image['id'], backup_type, rotation)
        return image

    def _delete_image_quietly(self, context, image_id):
        try:
            self.image_api.delete(context, image_id)
        except Exception:
            LOG.warning('Could not delete unused snapshot image %s',
                        image_id)

    # -------------------------------------------------- deferred delete

    @api_actions.guarded('restore', vm_state=(vm_states.SOFT_DELETED,),
                         must_have_launched=False)
    def restore(self, context, instance):
        """Bring back a soft-deleted server before it is reclaimed."""
        objects.InstanceAction.action_start(
            instance._context, instance.uuid, instance_actions.RESTORE,
            want_result=False)
        instance.task_state = task_states.RESTORING
        instance.deleted_at = None
        instance.save(expected_task_state=[None])
        self.compute_rpcapi.restore_instance(instance._context, instance)

    def force_delete(self, context, instance):
        """Delete at once, soft-deleted or not (``forceDelete``)."""
        api_actions.check_lock(context, instance)
        api_actions.check_state(instance, 'force_delete',
                                task_state=(None,),
                                must_have_launched=False)
        self.delete(context, instance.uuid, force=True)

    def soft_delete_or_delete(self, context, instance_uuid, instance):
        """``DELETE /servers/{id}``: soft when reclaiming is enabled."""
        if (self.reclaim_interval() > 0 and instance.obj_attr_is_set('id')
                and instance.host and instance.vm_state not in
                (vm_states.SOFT_DELETED, vm_states.ERROR)):
            self.soft_delete(context, instance)
            return
        self.delete(context, instance_uuid)

    def soft_delete(self, context, instance):
        api_actions.check_lock(context, instance)
        if instance.task_state is not None and \
                instance.task_state != task_states.DELETING:
            raise exception.InstanceInvalidState(
                method='soft_delete', instance_uuid=instance.uuid,
                attr='task_state', state=instance.task_state)
        objects.InstanceAction.action_start(
            instance._context, instance.uuid, instance_actions.DELETE,
            want_result=False)
        instance.task_state = task_states.SOFT_DELETING
        instance.save(expected_task_state=[None])
        self.compute_rpcapi.soft_delete_instance(instance._context, instance)
