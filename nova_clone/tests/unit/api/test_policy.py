"""The policy defaults: nova's rule names and who they let in."""

from oslo_policy import policy as oslo_policy

from nova_clone import context
from nova_clone import exception
from nova_clone import policies
from nova_clone import policy
from nova_clone.tests import base


class PolicyTest(base.NoDBTestCase):

    def setUp(self):
        super().setUp()
        policy.reset()
        self.addCleanup(policy.reset)

    def _ctx(self, user, project, roles):
        return context.RequestContext(user_id=user, project_id=project,
                                      roles=roles)

    def test_rule_names(self):
        names = {r.name for r in policies.list_rules()}
        for name in ('context_is_admin', 'admin_api', 'project_member_api',
                     'project_reader_api', 'project_member_or_admin',
                     'project_reader_or_admin',
                     'os_compute_api:os-flavor-manage:create',
                     'os_compute_api:os-flavor-manage:update',
                     'os_compute_api:os-flavor-manage:delete',
                     'os_compute_api:os-flavor-access',
                     'os_compute_api:os-flavor-access:add_tenant_access',
                     'os_compute_api:os-flavor-access:remove_tenant_access',
                     'os_compute_api:os-flavor-extra-specs:index',
                     'os_compute_api:os-flavor-extra-specs:show',
                     'os_compute_api:os-flavor-extra-specs:create',
                     'os_compute_api:os-flavor-extra-specs:update',
                     'os_compute_api:os-flavor-extra-specs:delete',
                     'os_compute_api:os-keypairs:index',
                     'os_compute_api:os-keypairs:create',
                     'os_compute_api:os-keypairs:show',
                     'os_compute_api:os-keypairs:delete'):
            self.assertIn(name, names)

    def test_personas(self):
        admin = self._ctx('a', 'p1', ['admin', 'member', 'reader'])
        member = self._ctx('m', 'p1', ['member', 'reader'])
        reader = self._ctx('r', 'p1', ['reader'])
        manage = 'os_compute_api:os-flavor-manage:create'
        self.assertTrue(policy.authorize(admin, manage, target={}))
        self.assertRaises(exception.PolicyNotAuthorized, policy.authorize,
                          member, manage, target={})
        specs = 'os_compute_api:os-flavor-extra-specs:index'
        self.assertTrue(policy.authorize(reader, specs))
        self.assertFalse(policy.authorize(
            reader, specs, target={'project_id': 'p2'}, do_raise=False))
        self.assertTrue(policy.check_is_admin(admin))
        self.assertFalse(policy.check_is_admin(member))

    def test_keypair_owner(self):
        rule = 'os_compute_api:os-keypairs:show'
        user = self._ctx('u1', 'p1', ['member', 'reader'])
        self.assertTrue(policy.authorize(user, rule,
                                         target={'user_id': 'u1'}))
        self.assertFalse(policy.authorize(user, rule,
                                          target={'user_id': 'u2'},
                                          do_raise=False))

    def test_system_scope_refused(self):
        # NOTE: the rules are project-scoped; oslo.policy (6.x always,
        # older with [oslo_policy] enforce_scope) refuses other scopes.
        system = context.RequestContext(user_id='s', roles=['admin'],
                                        system_scope='all')
        self.assertRaises(exception.PolicyNotAuthorized, policy.authorize,
                          system, 'os_compute_api:os-flavor-manage:create',
                          target={})

    def test_unregistered_rule(self):
        ctx = self._ctx('u', 'p', ['member'])
        self.assertRaises(oslo_policy.PolicyNotRegistered, policy.authorize,
                          ctx, 'os_compute_api:nope')
