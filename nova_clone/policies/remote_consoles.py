"""Policy of console URLs (os-remote-consoles and the legacy actions)."""

from nova_clone.policies import base

BASE_POLICY_NAME = 'os_compute_api:os-remote-consoles'

rules = [
    base.project_rule(
        BASE_POLICY_NAME, base.PROJECT_MEMBER_OR_ADMIN,
        """Generate a URL to a server's remote console.

The legacy actions os-getVNCConsole, os-getSPICEConsole,
os-getSerialConsole and os-getRDPConsole (until 2.5) and POST
/servers/{server_id}/remote-consoles (2.6 and later) share this rule.""",
        ('POST', '/servers/{server_id}/action (os-getRDPConsole)'),
        ('POST', '/servers/{server_id}/action (os-getSerialConsole)'),
        ('POST', '/servers/{server_id}/action (os-getSPICEConsole)'),
        ('POST', '/servers/{server_id}/action (os-getVNCConsole)'),
        ('POST', '/servers/{server_id}/remote-consoles')),
]


def list_rules():
    """:returns: the os-remote-consoles rules."""
    return rules
