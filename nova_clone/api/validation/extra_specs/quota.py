"""Validators of the ``quota:`` namespace (CPU, disk and VIF limits)."""

from nova_clone.api.validation.extra_specs import base

spec = base.spec

_DISK = ['%s_%s_sec%s' % (io, unit, suffix)
         for io in ('read', 'write', 'total')
         for unit in ('bytes', 'iops')
         for suffix in ('', '_max')]
_VIF = ['%s_%s' % (direction, what)
        for direction in ('inbound', 'outbound')
        for what in ('average', 'peak', 'burst')]

VALIDATORS = (
    [spec('quota:cpu_%s' % name, 'CPU %s.' % name, int, min=0)
     for name in ('shares', 'period', 'quota', 'limit', 'reservation')]
    + [spec('quota:disk_%s' % name, 'Disk %s.' % name, int, min=0)
       for name in _DISK]
    + [spec('quota:disk_total_bytes_sec_max_length', 'Burst length.', int,
            min=0),
       spec('quota:disk_size_iops_sec', 'IO size of an iops.', int,
            min=0)]
    + [spec('quota:vif_%s' % name, 'VIF %s.' % name, int, min=0)
       for name in _VIF]
    + [spec('quota:memory_%s' % name, 'Memory %s.' % name, int, min=0)
       for name in ('limit', 'reservation', 'shares_share')]
    + [spec('quota:memory_shares_level', 'Memory shares level.', str,
            enum=['custom', 'high', 'normal', 'low'])]
)


def register():
    return VALIDATORS
