"""IoOpsFilter: hosts with fewer than ``[filter_scheduler]
max_io_ops_per_host`` I/O heavy operations in progress;
AggregateIoOpsFilter lets an aggregate's ``max_io_ops_per_host`` metadata
override it (smallest value wins).
"""

from nova_clone.scheduler import filters


class IoOpsFilter(filters.CountLimitFilter):
    count_attr = 'num_io_ops'
    limit_option = 'max_io_ops_per_host'


class AggregateIoOpsFilter(IoOpsFilter):
    per_aggregate = True
