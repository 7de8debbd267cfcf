"""Key pair bodies for list, show and create."""

from nova_clone.api.openstack import common

# NOTE: the fields every form has; show adds the row's metadata.
_BASIC = ('name', 'public_key', 'fingerprint')
_SHOW_EXTRA = ('created_at', 'deleted', 'deleted_at', 'id', 'updated_at',
               'user_id')


class ViewBuilder(common.ViewBuilder):

    _collection_name = 'os-keypairs'

    @staticmethod
    def _basic(keypair, with_type):
        body = {key: getattr(keypair, key) for key in _BASIC}
        if with_type:
            body['type'] = keypair.type
        return body

    def create(self, keypair, private_key=None, with_type=False):
        body = self._basic(keypair, with_type)
        body['user_id'] = keypair.user_id
        if private_key is not None:
            body['private_key'] = private_key
        return {'keypair': body}

    def show(self, keypair, with_type=False):
        body = self._basic(keypair, with_type)
        for key in _SHOW_EXTRA:
            value = getattr(keypair, key)
            if key in ('created_at', 'updated_at', 'deleted_at'):
                value = common.db_time(value)
            body[key] = value
        return {'keypair': body}

    def index(self, req, keypairs, with_type=False, links=False):
        items = [self._basic(kp, with_type) for kp in keypairs]
        body = {'keypairs': [{'keypair': item} for item in items]}
        if links:
            next_links = self._get_collection_links(req, items,
                                                    self._collection_name,
                                                    id_key='name')
            if next_links:
                body['keypairs_links'] = next_links
        return body
