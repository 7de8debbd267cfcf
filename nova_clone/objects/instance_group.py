"""InstanceGroup(+List): server groups with their policy and members."""

from oslo_serialization import jsonutils
from oslo_utils import uuidutils
import sqlalchemy as sa
from sqlalchemy import orm

from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import models as api_models
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields

_GROUP = api_models.InstanceGroup


def _query():
    return sa.select(_GROUP).options(orm.selectinload(_GROUP._policies),
                                     orm.selectinload(_GROUP._members))


def _get_one(context, **filters):
    db_group = context.session.execute(
        _query().filter_by(**filters)).scalars().first()
    if db_group is None:
        raise exception.InstanceGroupNotFound(
            group_uuid=filters.get('uuid') or filters.get('name'))
    return db_group


@api_db_api.context_manager.reader
def _get_from_db(context, **filters):
    return _get_one(context, **filters)


@api_db_api.context_manager.reader
def _get_by_instance_from_db(context, instance_uuid):
    db_group = context.session.execute(_query().where(_GROUP._members.any(
        instance_uuid=instance_uuid))).scalars().first()
    if db_group is None:
        raise exception.InstanceGroupNotFound(group_uuid='')
    return db_group


def _add_members(context, group_id, instance_uuids):
    model = api_models.InstanceGroupMember
    existing = {row.instance_uuid for row in context.session.execute(
        sa.select(model).filter_by(group_id=group_id)).scalars()}
    for instance_uuid in instance_uuids:
        if instance_uuid not in existing:
            context.session.add(model(group_id=group_id,
                                      instance_uuid=instance_uuid))
            existing.add(instance_uuid)


@api_db_api.context_manager.writer
def _create_in_db(context, values, policy=None, rules=None, members=None):
    if context.session.execute(sa.select(_GROUP.id).filter_by(
            uuid=values['uuid'])).first():
        raise exception.InstanceGroupIdExists(group_uuid=values['uuid'])
    db_group = _GROUP()
    db_group.update(values)
    context.session.add(db_group)
    context.session.flush()
    if policy:
        context.session.add(api_models.InstanceGroupPolicy(
            group_id=db_group.id, policy=policy,
            rules=jsonutils.dumps(rules) if rules else None))
    _add_members(context, db_group.id, members or [])
    context.session.flush()
    context.session.expire(db_group)
    return _get_one(context, uuid=values['uuid'])


@api_db_api.context_manager.writer
def _update_in_db(context, group_uuid, values, members=None):
    db_group = _get_one(context, uuid=group_uuid)
    db_group.update(values)
    if members is not None:
        context.session.execute(sa.delete(api_models.InstanceGroupMember)
                                .filter_by(group_id=db_group.id))
        _add_members(context, db_group.id, members)
    context.session.flush()
    context.session.expire(db_group)
    return _get_one(context, uuid=group_uuid)


@api_db_api.context_manager.writer
def _destroy_in_db(context, group_uuid):
    db_group = _get_one(context, uuid=group_uuid)
    for model in (api_models.InstanceGroupPolicy,
                  api_models.InstanceGroupMember):
        context.session.execute(sa.delete(model).filter_by(
            group_id=db_group.id))
    context.session.execute(sa.delete(_GROUP).filter_by(id=db_group.id))


@api_db_api.context_manager.writer
def _add_members_in_db(context, group_uuid, instance_uuids):
    db_group = _get_one(context, uuid=group_uuid)
    _add_members(context, db_group.id, instance_uuids)
    return list(instance_uuids)


@base.NovaObjectRegistry.register
class InstanceGroup(base.NovaPersistentObject, base.NovaObject,
                    base.NovaObjectDictCompat):
    # Version 1.0: Initial version (a single policy plus rules)
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'policy': fields.StringField(nullable=True),
        'rules': fields.DictOfStringsField(),
        'members': fields.ListOfStringsField(nullable=True),
        # Computed from the members' instances; never stored.
        'hosts': fields.ListOfStringsField(nullable=True),
    }

    @staticmethod
    def _from_db_object(context, group, db_group):
        for key in group.fields:
            if key == 'policy':
                group.policy = (db_group.policy.policy
                                if db_group.policy else None)
            elif key == 'rules':
                raw = db_group.policy.rules if db_group.policy else None
                group.rules = jsonutils.loads(raw) if raw else {}
            elif key == 'members':
                group.members = db_group.members
            elif key == 'hosts':
                continue
            elif key in ('deleted', 'deleted_at'):
                setattr(group, key, False if key == 'deleted' else None)
            else:
                setattr(group, key, db_group[key])
        group._context = context
        group.obj_reset_changes()
        return group

    def obj_load_attr(self, attrname):
        """Lazy-load ``hosts`` from the members' instances."""
        if attrname != 'hosts':
            raise exception.ObjectActionError(
                action='obj_load_attr',
                reason='attribute %s not lazy-loadable' % attrname)
        self.hosts = self.get_hosts()
        self.obj_reset_changes(['hosts'])

    @base.remotable_classmethod
    def get_by_uuid(cls, context, uuid):
        """:returns: group ``uuid``.  :raises: InstanceGroupNotFound"""
        return cls._from_db_object(context, cls(),
                                   _get_from_db(context, uuid=uuid))

    @base.remotable_classmethod
    def get_by_name(cls, context, name):
        """:returns: the group called ``name`` in the context's project.

        :raises: InstanceGroupNotFound
        """
        return cls._from_db_object(
            context, cls(), _get_from_db(context, name=name,
                                         project_id=context.project_id))

    @base.remotable_classmethod
    def get_by_instance_uuid(cls, context, instance_uuid):
        """:returns: the group ``instance_uuid`` belongs to.

        :raises: InstanceGroupNotFound
        """
        return cls._from_db_object(
            context, cls(), _get_by_instance_from_db(context, instance_uuid))

    @classmethod
    def get_by_hint(cls, context, hint):
        """:returns: the group whose uuid, else name, is ``hint``."""
        if uuidutils.is_uuid_like(hint):
            return cls.get_by_uuid(context, hint)
        return cls.get_by_name(context, hint)

    @base.remotable
    def create(self):
        """Store this group.  :raises: InstanceGroupIdExists"""
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        updates = self.obj_get_changes()
        policy = updates.pop('policy', None)
        rules = updates.pop('rules', None)
        members = updates.pop('members', None)
        for key in ('hosts', 'deleted', 'deleted_at'):
            updates.pop(key, None)
        updates.setdefault('uuid', uuidutils.generate_uuid())
        self._from_db_object(self._context, self, _create_in_db(
            self._context, updates, policy=policy, rules=rules,
            members=members))

    @base.remotable
    def save(self):
        """Write a changed name or member list (policy is immutable)."""
        updates = self.obj_get_changes()
        for key in ('policy', 'rules'):
            if key in updates:
                raise exception.ObjectActionError(
                    action='save', reason='%s is immutable' % key)
        updates.pop('hosts', None)
        updates.pop('id', None)
        members = updates.pop('members', None)
        if not updates and members is None:
            return
        self._from_db_object(self._context, self, _update_in_db(
            self._context, self.uuid, updates, members=members))

    @base.remotable
    def destroy(self):
        """Delete this group with its policy and members."""
        _destroy_in_db(self._context, self.uuid)

    @base.remotable_classmethod
    def add_members(cls, context, group_uuid, instance_uuids):
        """Add ``instance_uuids`` to group ``group_uuid``.

        :returns: the uuids added.
        """
        return _add_members_in_db(context, group_uuid, instance_uuids)

    @base.remotable
    def get_hosts(self, exclude=None):
        """:returns: the distinct hosts of the members' live instances.

        :param exclude: instance uuids to leave out.
        """
        from nova_clone import objects
        uuids = [uuid for uuid in self.members or []
                 if uuid not in (exclude or [])]
        if not uuids:
            return []
        instances = objects.InstanceList.get_by_filters(
            self._context, {'uuid': uuids, 'deleted': False},
            expected_attrs=[])
        return sorted({inst.host for inst in instances if inst.host})

    @base.remotable
    def count_members_by_user(self, user_id):
        """:returns: how many live members belong to ``user_id``."""
        from nova_clone import objects
        if not self.members:
            return 0
        return len(objects.InstanceList.get_by_filters(
            self._context, {'uuid': self.members, 'deleted': False,
                            'user_id': user_id}, expected_attrs=[]))


@api_db_api.context_manager.reader
def _get_list_from_db(context, project_id=None):
    query = _query().order_by(_GROUP.id)
    if project_id is not None:
        query = query.filter_by(project_id=project_id)
    return context.session.execute(query).scalars().all()


@api_db_api.context_manager.reader
def _count_in_db(context, project_id, user_id=None):
    query = sa.select(sa.func.count(_GROUP.id)).filter_by(
        project_id=project_id)
    if user_id is not None:
        query = query.filter_by(user_id=user_id)
    return context.session.execute(query).scalar()


@base.NovaObjectRegistry.register
class InstanceGroupList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('InstanceGroup'),
    }

    @base.remotable_classmethod
    def get_by_project_id(cls, context, project_id):
        """:returns: the groups of ``project_id``."""
        return base.obj_make_list(context, cls(), InstanceGroup,
                                  _get_list_from_db(context, project_id))

    @base.remotable_classmethod
    def get_all(cls, context):
        """:returns: every group."""
        return base.obj_make_list(context, cls(), InstanceGroup,
                                  _get_list_from_db(context))

    @base.remotable_classmethod
    def get_counts(cls, context, project_id, user_id=None):
        """Count groups for quota checks.

        :returns: ``{'project': {'server_groups': n}, 'user': {...}}``.
        """
        counts = {'project': {'server_groups': _count_in_db(context,
                                                            project_id)}}
        if user_id:
            counts['user'] = {'server_groups': _count_in_db(
                context, project_id, user_id=user_id)}
        return counts
