"""The config drive: an ISO 9660 volume labelled ``config-2``.

It carries the metadata cloud-init and similar agents read when there is
no metadata service: ``openstack/latest/meta_data.json``, ``user_data``,
``network_data.json`` and ``vendor_data.json``, plus injected files under
``openstack/content``.
"""

import base64
import json
import os
import shutil
import tempfile

from oslo_concurrency import processutils
from oslo_log import log as logging

from nova_clone import conf as nova_conf
from nova_clone import exception

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)

VOLUME_LABEL = 'config-2'
# Tools that can write the ISO, in order of preference; both take
# genisoimage's options.
ISO_TOOLS = ('genisoimage', 'mkisofs', 'xorrisofs')
# The metadata versions agents may ask for; all carry the same content.
VERSIONS = ('2012-08-10', '2013-04-04', '2013-10-17', '2015-10-15',
            '2016-06-30', '2017-02-22', '2018-08-27', 'latest')


def required(instance, image_props=None, force=False):
    """:returns: whether ``instance`` should get a config drive.

    :param image_props: the boot image's properties; ``img_config_drive
        = mandatory`` forces one.
    :param force: ``[DEFAULT] force_config_drive``.
    """
    if force or instance.config_drive:
        return True
    return (image_props or {}).get('img_config_drive') == 'mandatory'


def meta_data(instance, injected_files=(), admin_password=None):
    """:returns: the ``meta_data.json`` dict of ``instance``."""
    keys = {}
    if instance.key_name and instance.key_data:
        keys[instance.key_name] = instance.key_data
    data = {
        'uuid': instance.uuid,
        'name': instance.display_name,
        'hostname': instance.hostname or instance.display_name,
        'launch_index': instance.launch_index or 0,
        'availability_zone': instance.availability_zone,
        'project_id': instance.project_id,
        'meta': dict(instance.metadata or {}),
        'public_keys': keys,
        'devices': [],
        'files': [{'path': path, 'content_path': '/content/%04d' % i}
                  for i, (path, _c) in enumerate(injected_files)],
    }
    if admin_password:
        data['admin_pass'] = admin_password
    return data


def _write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as out:
        out.write(data if isinstance(data, bytes) else data.encode('utf-8'))


def _tree(root, instance, injected_files, admin_password):
    meta = json.dumps(meta_data(instance, injected_files, admin_password))
    user_data = instance.user_data
    for version in VERSIONS:
        base = os.path.join(root, 'openstack', version)
        _write(os.path.join(base, 'meta_data.json'), meta)
        _write(os.path.join(base, 'network_data.json'),
               json.dumps({'links': [], 'networks': [], 'services': []}))
        _write(os.path.join(base, 'vendor_data.json'), '{}')
        _write(os.path.join(base, 'vendor_data2.json'), '{}')
        if user_data:
            _write(os.path.join(base, 'user_data'),
                   base64.b64decode(user_data))
    for i, (_path, contents) in enumerate(injected_files):
        _write(os.path.join(root, 'openstack', 'content', '%04d' % i),
               contents)


def _iso_tool():
    for tool in (CONF.mkisofs_cmd,) + ISO_TOOLS:
        if shutil.which(tool):
            return tool
    raise exception.NovaException(
        'No ISO tool found to build the config drive (install '
        'genisoimage or xorriso)')


def make_drive(path, instance, injected_files=(), admin_password=None):
    """Write the config drive ISO of ``instance`` to ``path``.

    :raises: NovaException when no ISO tool is installed or it fails.
    """
    tool = _iso_tool()
    with tempfile.TemporaryDirectory() as root:
        _tree(root, instance, injected_files or (), admin_password)
        try:
            processutils.execute(
                tool, '-o', path, '-ldots', '-allow-lowercase',
                '-allow-multidot', '-l', '-publisher', 'nova_clone',
                '-quiet', '-J', '-r', '-V', VOLUME_LABEL, root)
        except processutils.ProcessExecutionError as e:
            raise exception.NovaException(
                'Building the config drive failed: %s' % e.stderr)
    LOG.debug('Config drive of %s written to %s', instance.uuid, path)
