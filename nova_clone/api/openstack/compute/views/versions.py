"""Version documents: the list at ``/`` and one version at ``/v2.1``."""

import copy

from nova_clone.api.openstack import common


def get_view_builder(req):
    base_url = req.application_url
    return ViewBuilder(base_url)


class ViewBuilder(common.ViewBuilder):

    def __init__(self, base_url):
        self.base_url = base_url

    def build_choices(self, versions, req):
        """:returns: the 300 Multiple Choices body for an unknown path."""
        choices = []
        for version in sorted(versions):
            doc = versions[version]
            choices.append({
                'id': doc['id'],
                'status': doc['status'],
                'links': [{'rel': 'self',
                           'href': self.generate_href(doc['id'],
                                                      req.path)}],
                'media-types': doc['media-types'],
            })
        return {'choices': choices}

    def build_versions(self, versions):
        """:returns: the ``GET /`` body."""
        docs = []
        for key in sorted(versions):
            doc = versions[key]
            docs.append({
                'id': doc['id'],
                'status': doc['status'],
                'version': doc['version'],
                'min_version': doc['min_version'],
                'updated': doc['updated'],
                'links': self._build_links(doc),
            })
        return {'versions': docs}

    def build_version(self, version):
        """:returns: the ``GET /v2.1`` body."""
        doc = copy.deepcopy(version)
        doc['links'].insert(0, {'rel': 'self', 'href': self.base_url
                                .rstrip('/') + '/'})
        return {'version': doc}

    def _build_links(self, version_data):
        return [{'rel': 'self',
                 'href': self.generate_href(version_data['id'])}]

    def generate_href(self, version, path=None):
        """:returns: the URL of ``version`` (``v2.0`` lives at ``/v2``)."""
        prefix = self._update_compute_link_prefix(self.base_url)
        version_number = 'v2' if version.startswith('v2.0') else 'v2.1'
        if path:
            path = path.strip('/')
            return '%s/%s/%s' % (prefix.rstrip('/'), version_number, path)
        return '%s/%s/' % (prefix.rstrip('/'), version_number)
