"""Flavor bodies: the short form (index) and the full one (detail/show)."""

from nova_clone.api.openstack import api_version_request
from nova_clone.api.openstack import common


class ViewBuilder(common.ViewBuilder):

    _collection_name = 'flavors'

    def basic(self, req, flavor, include_description=False):
        body = {
            'id': flavor.flavorid,
            'name': flavor.name,
            'links': self._get_links(req, flavor.flavorid),
        }
        if include_description:
            body['description'] = flavor.description
        return {'flavor': body}

    def show(self, req, flavor, include_description=False,
             include_extra_specs=False):
        # NOTE: swap 0 used to read as '' (an old XML habit) until 2.75.
        swap = flavor.swap
        if not api_version_request.is_supported(req, '2.75'):
            swap = swap or ''
        body = {
            'id': flavor.flavorid,
            'name': flavor.name,
            'ram': flavor.memory_mb,
            'disk': flavor.root_gb,
            'swap': swap,
            'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral_gb,
            'OS-FLV-DISABLED:disabled': flavor.disabled,
            'vcpus': flavor.vcpus,
            'os-flavor-access:is_public': flavor.is_public,
            'rxtx_factor': flavor.rxtx_factor or '',
            'links': self._get_links(req, flavor.flavorid),
        }
        if include_description:
            body['description'] = flavor.description
        if include_extra_specs:
            body['extra_specs'] = dict(flavor.extra_specs)
        return {'flavor': body}

    def index(self, req, flavors, include_description=False):
        items = [self.basic(req, f, include_description)['flavor']
                 for f in flavors]
        return self._list(req, items, 'flavors')

    def detail(self, req, flavors, include_description=False,
               include_extra_specs=False):
        items = [self.show(req, f, include_description,
                           include_extra_specs)['flavor']
                 for f in flavors]
        return self._list(req, items, 'flavors/detail')

    def _list(self, req, items, collection_name):
        body = {'flavors': items}
        links = self._get_collection_links(req, items, collection_name,
                                           id_key='id')
        if links:
            body['flavors_links'] = links
        return body
