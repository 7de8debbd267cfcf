"""IsolatedHostsFilter: keep ``[filter_scheduler] isolated_images`` on
``isolated_hosts``.

With ``restrict_isolated_hosts_to_isolated_images`` (the default) an
isolated host takes only isolated images and vice versa; without it,
isolated hosts may also take other images.
"""

from nova_clone import conf as nova_conf
from nova_clone.scheduler import filters
from nova_clone.scheduler import utils

CONF = nova_conf.CONF


class IsolatedHostsFilter(filters.BaseHostFilter):

    # NOTE: the configuration does not change within a request.
    run_filter_once_per_request = True
    RUN_ON_REBUILD = True

    def request_values(self, spec_obj):
        opts = CONF.filter_scheduler
        restrict = opts.restrict_isolated_hosts_to_isolated_images
        isolated_hosts = set(opts.isolated_hosts or [])
        if not opts.isolated_images:
            return restrict, isolated_hosts, None
        image = utils.spec_field(spec_obj, 'image')
        # NOTE: a volume-backed server may have no image id at all.
        image_id = (image.id if image is not None and
                    image.obj_attr_is_set('id') else None)
        return restrict, isolated_hosts, image_id in opts.isolated_images

    def passes(self, host_state, values):
        restrict, isolated_hosts, image_isolated = values
        host_isolated = host_state.host in isolated_hosts
        if image_isolated is None:
            return not restrict or not host_isolated
        if restrict:
            return image_isolated == host_isolated
        return not image_isolated or host_isolated
