"""AggregateImagePropertiesIsolation: aggregate metadata that names an
image property must match the image's value of it.

Only keys under ``[filter_scheduler]
aggregate_image_properties_isolation_namespace`` (plus the separator)
count when a namespace is set. An image without the property passes.
"""

from oslo_log import log as logging

from nova_clone import conf as nova_conf
from nova_clone.scheduler import filters
from nova_clone.scheduler import utils

CONF = nova_conf.CONF
LOG = logging.getLogger(__name__)


class AggregateImagePropertiesIsolation(filters.BaseHostFilter):

    # NOTE: aggregates and the image do not change within a request.
    run_filter_once_per_request = True
    RUN_ON_REBUILD = True

    def request_values(self, spec_obj):
        opts = CONF.filter_scheduler
        namespace = opts.aggregate_image_properties_isolation_namespace
        separator = opts.aggregate_image_properties_isolation_separator
        prefix = namespace + separator if namespace else None
        image = utils.spec_field(spec_obj, 'image')
        props = (image.properties if image is not None and
                 image.obj_attr_is_set('properties') else {})
        return prefix, props

    def passes(self, host_state, values):
        if not host_state.aggregates:
            return True
        prefix, props = values
        for key, options in utils.aggregate_metadata_get_by_host(
                host_state).items():
            if prefix and not key.startswith(prefix):
                continue
            value = props.get(key)
            # NOTE: aggregate metadata are strings; compare as strings.
            if value and str(value) not in options:
                LOG.debug('%(host_state)s fails image aggregate properties '
                          'requirements. Property %(prop)s does not match '
                          '%(options)s.', {'host_state': host_state,
                                           'prop': value,
                                           'options': sorted(options)})
                return False
        return True
