"""Flavor: a server size (vCPUs, RAM, disks) with extra specs and access."""

from oslo_db import exception as db_exc
from sqlalchemy import orm

from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import models as api_models
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields

_LAZY = ('extra_specs', 'projects')


def _query(context):
    return context.session.query(api_models.Flavors).options(
        orm.selectinload(api_models.Flavors.extra_specs),
        orm.selectinload(api_models.Flavors.projects))


@base.NovaObjectRegistry.register
class Flavor(base.NovaTimestampObject, base.NovaObject):
    """A row of ``flavors`` with its extra specs and allowed projects."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(),
        'name': fields.StringField(nullable=True),
        'memory_mb': fields.IntegerField(),
        'vcpus': fields.IntegerField(),
        'root_gb': fields.IntegerField(),
        'ephemeral_gb': fields.IntegerField(),
        'flavorid': fields.StringField(),
        'swap': fields.IntegerField(),
        'rxtx_factor': fields.FloatField(nullable=True, default=1.0),
        'vcpu_weight': fields.IntegerField(nullable=True),
        'disabled': fields.BooleanField(),
        'is_public': fields.BooleanField(),
        'extra_specs': fields.DictOfStringsField(),
        'projects': fields.ListOfStringsField(),
        'description': fields.StringField(nullable=True),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._orig_extra_specs = {}
        self._orig_projects = []

    @staticmethod
    def _from_db_object(context, flavor, db_flavor, expected_attrs=None):
        for name in flavor.fields:
            if name in _LAZY:
                continue
            value = db_flavor[name]
            if name in ('disabled', 'is_public'):
                value = bool(value)
            setattr(flavor, name, value)
        flavor.extra_specs = {s.key: s.value for s in db_flavor.extra_specs}
        flavor.projects = [p.project_id for p in db_flavor.projects]
        flavor._orig_extra_specs = dict(flavor.extra_specs)
        flavor._orig_projects = list(flavor.projects)
        flavor._context = context
        flavor.obj_reset_changes()
        return flavor

    @staticmethod
    @api_db_api.context_manager.reader
    def _get_from_db(context, **filters):
        return _query(context).filter_by(**filters).first()

    @classmethod
    def _get(cls, context, not_found, **filters):
        db_flavor = cls._get_from_db(context, **filters)
        if not db_flavor:
            raise not_found
        return cls._from_db_object(context, cls(context), db_flavor)

    @base.remotable_classmethod
    def get_by_id(cls, context, id):
        return cls._get(context, exception.FlavorNotFound(flavor_id=id),
                        id=id)

    @base.remotable_classmethod
    def get_by_flavor_id(cls, context, flavor_id, read_deleted=None):
        """:raises FlavorNotFound:"""
        return cls._get(context,
                        exception.FlavorNotFound(flavor_id=flavor_id),
                        flavorid=flavor_id)

    @base.remotable_classmethod
    def get_by_name(cls, context, name):
        """:raises FlavorNotFoundByName:"""
        return cls._get(context,
                        exception.FlavorNotFoundByName(flavor_name=name),
                        name=name)

    @staticmethod
    @api_db_api.context_manager.writer
    def _create_in_db(context, updates):
        extra_specs = updates.pop('extra_specs', {}) or {}
        projects = updates.pop('projects', []) or []
        # Checked up front too: the duplicate-key translation needs
        # oslo.db's engine filters, which a bare test engine lacks.
        flavors = api_models.Flavors
        if context.session.query(flavors.id).filter_by(
                flavorid=updates['flavorid']).first():
            raise exception.FlavorIdExists(flavor_id=updates['flavorid'])
        if context.session.query(flavors.id).filter_by(
                name=updates['name']).first():
            raise exception.FlavorExists(name=updates['name'])
        db_flavor = api_models.Flavors()
        db_flavor.update(updates)
        db_flavor.extra_specs = [
            api_models.FlavorExtraSpecs(key=k, value=v)
            for k, v in extra_specs.items()]
        db_flavor.projects = [api_models.FlavorProjects(project_id=p)
                              for p in projects]
        try:
            context.session.add(db_flavor)
            context.session.flush()
        except db_exc.DBDuplicateEntry as e:
            if 'flavorid' in e.columns:
                raise exception.FlavorIdExists(flavor_id=updates['flavorid'])
            raise exception.FlavorExists(name=updates['name'])
        return _query(context).filter_by(id=db_flavor.id).one()

    @base.remotable
    def create(self):
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        updates = self.obj_get_changes()
        updates.setdefault('swap', 0)
        updates.setdefault('disabled', False)
        updates.setdefault('is_public', True)
        updates.setdefault('rxtx_factor', 1.0)
        db_flavor = self._create_in_db(self._context, updates)
        self._from_db_object(self._context, self, db_flavor)

    @staticmethod
    @api_db_api.context_manager.writer
    def _save_in_db(context, flavor_id, description, specs_set, specs_del,
                    projects_add, projects_del):
        db_flavor = context.session.query(api_models.Flavors).filter_by(
            id=flavor_id).first()
        if db_flavor is None:
            raise exception.FlavorNotFound(flavor_id=flavor_id)
        if description is not False:
            db_flavor.description = description
        specs = context.session.query(api_models.FlavorExtraSpecs)
        for key in specs_del:
            specs.filter_by(flavor_id=flavor_id, key=key).delete()
        for key, value in specs_set.items():
            row = specs.filter_by(flavor_id=flavor_id, key=key).first()
            if row:
                row.value = value
            else:
                context.session.add(api_models.FlavorExtraSpecs(
                    flavor_id=flavor_id, key=key, value=value))
        access = context.session.query(api_models.FlavorProjects)
        for project in projects_del:
            access.filter_by(flavor_id=flavor_id,
                             project_id=project).delete()
        for project in projects_add:
            context.session.add(api_models.FlavorProjects(
                flavor_id=flavor_id, project_id=project))
        context.session.flush()

    @base.remotable
    def save(self):
        changes = self.obj_what_changed()
        allowed = {'extra_specs', 'projects', 'description'}
        if changes - allowed:
            raise exception.ObjectActionError(
                action='save', reason='read-only fields were changed: %s'
                % ', '.join(sorted(changes - allowed)))
        specs = self.extra_specs if 'extra_specs' in changes else None
        specs_set, specs_del = {}, []
        if specs is not None:
            specs_set = {k: v for k, v in specs.items()
                         if self._orig_extra_specs.get(k) != v}
            specs_del = [k for k in self._orig_extra_specs if k not in specs]
        projects_add, projects_del = [], []
        if 'projects' in changes:
            projects_add = [p for p in self.projects
                            if p not in self._orig_projects]
            projects_del = [p for p in self._orig_projects
                            if p not in self.projects]
        description = (self.description if 'description' in changes
                       else False)
        self._save_in_db(self._context, self.id, description, specs_set,
                         specs_del, projects_add, projects_del)
        self._orig_extra_specs = dict(self.extra_specs)
        self._orig_projects = list(self.projects)
        self.obj_reset_changes()

    @base.remotable
    def add_access(self, project_id):
        """:raises FlavorAccessExists:"""
        if project_id in self.projects:
            raise exception.FlavorAccessExists(flavor_id=self.flavorid,
                                               project_id=project_id)
        self.projects = self.projects + [project_id]
        self.save()

    @base.remotable
    def remove_access(self, project_id):
        """:raises FlavorAccessNotFound:"""
        if project_id not in self.projects:
            raise exception.FlavorAccessNotFound(flavor_id=self.flavorid,
                                                 project_id=project_id)
        self.projects = [p for p in self.projects if p != project_id]
        self.save()

    @staticmethod
    @api_db_api.context_manager.writer
    def _destroy_in_db(context, flavor_id):
        context.session.query(api_models.FlavorExtraSpecs).filter_by(
            flavor_id=flavor_id).delete()
        context.session.query(api_models.FlavorProjects).filter_by(
            flavor_id=flavor_id).delete()
        if not context.session.query(api_models.Flavors).filter_by(
                id=flavor_id).delete():
            raise exception.FlavorNotFound(flavor_id=flavor_id)

    @base.remotable
    def destroy(self):
        self._destroy_in_db(self._context, self.id)


@base.NovaObjectRegistry.register
class FlavorList(base.ObjectListBase, base.NovaObject):
    """A list of Flavors."""

    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {'objects': fields.ListOfObjectsField('Flavor')}

    @staticmethod
    @api_db_api.context_manager.reader
    def _get_all_from_db(context, inactive, filters, sort_key, sort_dir,
                         limit, marker):
        filters = filters or {}
        query = _query(context)
        if not inactive:
            query = query.filter(api_models.Flavors.disabled.is_(False))
        if 'min_memory_mb' in filters:
            query = query.filter(
                api_models.Flavors.memory_mb >= filters['min_memory_mb'])
        if 'min_root_gb' in filters:
            query = query.filter(
                api_models.Flavors.root_gb >= filters['min_root_gb'])
        if 'is_public' in filters and filters['is_public'] is not None:
            public = api_models.Flavors.is_public.is_(
                bool(filters['is_public']))
            if filters['is_public'] and filters.get('project_id'):
                query = query.filter(
                    public | api_models.Flavors.projects.any(
                        project_id=filters['project_id']))
            else:
                query = query.filter(public)
        column = getattr(api_models.Flavors, sort_key)
        query = query.order_by(
            column.desc() if sort_dir == 'desc' else column.asc(),
            api_models.Flavors.id.asc())
        rows = query.all()
        if marker is not None:
            ids = [r.flavorid for r in rows]
            if marker not in ids:
                raise exception.MarkerNotFound(marker=marker)
            rows = rows[ids.index(marker) + 1:]
        if limit is not None:
            rows = rows[:limit]
        return rows

    @base.remotable_classmethod
    def get_all(cls, context, inactive=False, filters=None,
                sort_key='flavorid', sort_dir='asc', limit=None,
                marker=None):
        """:raises MarkerNotFound: when ``marker`` is not a flavor id."""
        rows = cls._get_all_from_db(context, inactive, filters, sort_key,
                                    sort_dir, limit, marker)
        return base.obj_make_list(context, cls(context), Flavor, rows)
