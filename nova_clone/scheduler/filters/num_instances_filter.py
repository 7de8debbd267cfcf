"""NumInstancesFilter: hosts with fewer than ``[filter_scheduler]
max_instances_per_host`` instances; AggregateNumInstancesFilter lets an
aggregate's ``max_instances_per_host`` metadata override it (smallest
value wins).
"""

from nova_clone.scheduler import filters


class NumInstancesFilter(filters.CountLimitFilter):
    count_attr = 'num_instances'
    limit_option = 'max_instances_per_host'


class AggregateNumInstancesFilter(NumInstancesFilter):
    per_aggregate = True
