"""[notifications]: which notifications are emitted and in what format."""

from oslo_config import cfg

notifications_group = cfg.OptGroup(
    'notifications',
    title='Notifications options',
    help="""
What nova_clone sends through the oslo.messaging notifier. The transport and
driver themselves are set in ``[oslo_messaging_notifications]``.
""")

ALL_OPTS = [
    cfg.StrOpt(
        'notify_on_state_change',
        choices=[
            (None, 'No state change notifications.'),
            ('vm_state', 'Notify on vm_state changes.'),
            ('vm_and_task_state', ('Notify on vm_state and task_state '
                                   'changes.')),
        ],
        deprecated_group='DEFAULT',
        help="""
Send ``instance.update`` notifications when an instance's state changes.

Possible values:

* Unset, ``vm_state`` or ``vm_and_task_state`` (see the choices).
"""),
    cfg.StrOpt(
        'default_level',
        default='INFO',
        choices=('DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL'),
        deprecated_group='DEFAULT',
        deprecated_name='default_notification_level',
        help="""
The priority of notifications that do not set one themselves.

Possible values:

* ``DEBUG``, ``INFO``, ``WARN``, ``ERROR`` or ``CRITICAL``.
"""),
    cfg.StrOpt(
        'notification_format',
        default='unversioned',
        choices=[
            ('both', 'Send both formats.'),
            ('versioned', 'Send only versioned notifications.'),
            ('unversioned', 'Send only legacy unversioned notifications.'),
        ],
        deprecated_group='DEFAULT',
        help="""
The format of the notifications sent.

Versioned notifications have documented, versioned payloads; new consumers
should use them.

Possible values:

* ``both``, ``versioned`` or ``unversioned`` (see the choices).

Related options:

* ``versioned_notifications_topics``
"""),
    cfg.ListOpt(
        'versioned_notifications_topics',
        default=['versioned_notifications'],
        help="""
The topics versioned notifications are sent to.

Possible values:

* A list of topic names.

Related options:

* ``notification_format``
"""),
    cfg.BoolOpt(
        'bdms_in_notifications',
        default=False,
        help="""
Include the block device mappings in versioned instance notifications.

This costs a database query per notification.
"""),
    cfg.BoolOpt(
        'include_share_mapping',
        default=False,
        help="""
Include the share mappings in versioned instance notifications.

This costs a database query per notification.
"""),
]


def register_opts(conf):
    """Register the ``[notifications]`` group."""
    conf.register_group(notifications_group)
    conf.register_opts(ALL_OPTS, group=notifications_group)


def list_opts():
    """:returns: the ``[notifications]`` group and its options."""
    return {notifications_group: ALL_OPTS}
