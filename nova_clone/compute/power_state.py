"""Guest power states as a hypervisor reports them (stored on instances)."""

from nova_clone.i18n import _

# NOTE: these integers are persisted in instances.power_state and sent over
# RPC, so they must keep nova's values; 2 and 5 (old BLOCKED/SHUTOFF) are
# retired and must not be reused.
NOSTATE = 0x00
RUNNING = 0x01
PAUSED = 0x03
# The guest is off: shut down cleanly or powered off.
SHUTDOWN = 0x04
CRASHED = 0x06
SUSPENDED = 0x07

STATE_MAP = {
    NOSTATE: _('pending'),
    RUNNING: _('running'),
    PAUSED: _('paused'),
    SHUTDOWN: _('shutdown'),
    CRASHED: _('crashed'),
    SUSPENDED: _('suspended'),
}

ALL_STATES = tuple(sorted(STATE_MAP))


def name(state):
    """:param state: a power state integer.
    :returns: its display name, ``'pending'`` for an unknown value.
    """
    return STATE_MAP.get(state, STATE_MAP[NOSTATE])
