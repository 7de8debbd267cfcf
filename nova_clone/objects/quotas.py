"""Quotas: limit overrides per project, user and quota class (API DB).

Usage counting and enforcement live in the quota engine; this module only
stores and reads the limits.
"""

import sqlalchemy as sa

from nova_clone.db.api import api as api_db_api
from nova_clone.db.api import models as api_models
from nova_clone import exception
from nova_clone.objects import base
from nova_clone.objects import fields

DEFAULT_QUOTA_CLASS = 'default'


def _limits(context, model, **filters):
    rows = context.session.execute(
        sa.select(model).filter_by(**filters).order_by(model.id)
    ).scalars().all()
    return {row.resource: row.hard_limit for row in rows}


@api_db_api.context_manager.reader
def _get_limit(context, project_id, resource, user_id=None):
    if user_id is not None:
        row = context.session.execute(
            sa.select(api_models.ProjectUserQuota).filter_by(
                project_id=project_id, user_id=user_id, resource=resource)
        ).scalars().first()
        if row is None:
            raise exception.ProjectUserQuotaNotFound(project_id=project_id,
                                                     user_id=user_id)
    else:
        row = context.session.execute(
            sa.select(api_models.Quota).filter_by(
                project_id=project_id, resource=resource)).scalars().first()
        if row is None:
            raise exception.ProjectQuotaNotFound(project_id=project_id)
    return row.hard_limit


@api_db_api.context_manager.reader
def _get_all(context, model, **filters):
    return _limits(context, model, **filters)


@api_db_api.context_manager.writer
def _create_limit(context, project_id, resource, limit, user_id=None):
    if user_id is not None:
        model, keys = api_models.ProjectUserQuota, {'user_id': user_id}
    else:
        model, keys = api_models.Quota, {}
    exists = context.session.execute(sa.select(model.id).filter_by(
        project_id=project_id, resource=resource, **keys)).first()
    if exists:
        raise exception.QuotaExists(project_id=project_id,
                                    resource=resource)
    context.session.add(model(project_id=project_id, resource=resource,
                              hard_limit=limit, **keys))


@api_db_api.context_manager.writer
def _update_limit(context, project_id, resource, limit, user_id=None):
    if user_id is not None:
        model = api_models.ProjectUserQuota
        stmt = sa.update(model).filter_by(project_id=project_id,
                                          user_id=user_id,
                                          resource=resource)
        not_found = exception.ProjectUserQuotaNotFound(
            project_id=project_id, user_id=user_id)
    else:
        model = api_models.Quota
        stmt = sa.update(model).filter_by(project_id=project_id,
                                          resource=resource)
        not_found = exception.ProjectQuotaNotFound(project_id=project_id)
    if not context.session.execute(stmt.values(hard_limit=limit)).rowcount:
        raise not_found


@api_db_api.context_manager.writer
def _destroy_all(context, project_id, user_id=None):
    user_quotas = sa.delete(api_models.ProjectUserQuota).filter_by(
        project_id=project_id)
    if user_id is not None:
        user_quotas = user_quotas.filter_by(user_id=user_id)
    context.session.execute(user_quotas)
    if user_id is None:
        context.session.execute(sa.delete(api_models.Quota).filter_by(
            project_id=project_id))


@api_db_api.context_manager.reader
def _get_class(context, class_name, resource):
    row = context.session.execute(
        sa.select(api_models.QuotaClass).filter_by(
            class_name=class_name, resource=resource)).scalars().first()
    if row is None:
        raise exception.QuotaClassNotFound(class_name=class_name)
    return row.hard_limit


@api_db_api.context_manager.writer
def _create_class(context, class_name, resource, limit):
    model = api_models.QuotaClass
    if context.session.execute(sa.select(model.id).filter_by(
            class_name=class_name, resource=resource)).first():
        raise exception.QuotaClassExists(class_name=class_name,
                                         resource=resource)
    context.session.add(model(class_name=class_name, resource=resource,
                              hard_limit=limit))


@api_db_api.context_manager.writer
def _update_class(context, class_name, resource, limit):
    result = context.session.execute(
        sa.update(api_models.QuotaClass).filter_by(
            class_name=class_name, resource=resource)
        .values(hard_limit=limit))
    if not result.rowcount:
        raise exception.QuotaClassNotFound(class_name=class_name)


@base.NovaObjectRegistry.register
class Quotas(base.NovaObject):
    # Version 1.0: Initial version (limit storage only; no reservations)
    VERSION = '1.0'

    fields = {
        'project_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
    }

    @base.remotable_classmethod
    def get(cls, context, project_id, resource, user_id=None):
        """:returns: the stored limit of ``resource``.

        :raises: ProjectQuotaNotFound / ProjectUserQuotaNotFound
        """
        return _get_limit(context, project_id, resource, user_id=user_id)

    @base.remotable_classmethod
    def get_all(cls, context, project_id):
        """:returns: the project's limits and its users' as row dicts."""
        return [{'project_id': project_id, 'resource': resource,
                 'hard_limit': limit} for resource, limit in
                _get_all(context, api_models.Quota,
                         project_id=project_id).items()]

    @base.remotable_classmethod
    def get_all_by_project(cls, context, project_id):
        """:returns: ``{'project_id': ..., resource: limit, ...}``."""
        limits = _get_all(context, api_models.Quota, project_id=project_id)
        return dict(limits, project_id=project_id)

    @base.remotable_classmethod
    def get_all_by_project_and_user(cls, context, project_id, user_id):
        """:returns: the user's overrides plus project and user ids."""
        limits = _get_all(context, api_models.ProjectUserQuota,
                          project_id=project_id, user_id=user_id)
        return dict(limits, project_id=project_id, user_id=user_id)

    @base.remotable_classmethod
    def create_limit(cls, context, project_id, resource, limit,
                     user_id=None):
        """Store a limit override.  :raises: QuotaExists"""
        _create_limit(context, project_id, resource, limit, user_id=user_id)

    @base.remotable_classmethod
    def update_limit(cls, context, project_id, resource, limit,
                     user_id=None):
        """Change a limit override.

        :raises: ProjectQuotaNotFound / ProjectUserQuotaNotFound
        """
        _update_limit(context, project_id, resource, limit, user_id=user_id)

    @base.remotable_classmethod
    def destroy_all_by_project(cls, context, project_id):
        """Remove every override of the project and of its users."""
        _destroy_all(context, project_id)

    @base.remotable_classmethod
    def destroy_all_by_project_and_user(cls, context, project_id, user_id):
        """Remove every override of ``user_id`` in the project."""
        _destroy_all(context, project_id, user_id=user_id)

    @base.remotable_classmethod
    def get_class(cls, context, class_name, resource):
        """:returns: the class's limit.  :raises: QuotaClassNotFound"""
        return _get_class(context, class_name, resource)

    @base.remotable_classmethod
    def get_default_class(cls, context):
        """:returns: ``{resource: limit}`` of the default class."""
        return _get_all(context, api_models.QuotaClass,
                        class_name=DEFAULT_QUOTA_CLASS)

    @base.remotable_classmethod
    def get_all_class_by_name(cls, context, class_name):
        """:returns: ``{'class_name': ..., resource: limit, ...}``."""
        limits = _get_all(context, api_models.QuotaClass,
                          class_name=class_name)
        return dict(limits, class_name=class_name)

    @base.remotable_classmethod
    def create_class(cls, context, class_name, resource, limit):
        """Store a class limit.  :raises: QuotaClassExists"""
        _create_class(context, class_name, resource, limit)

    @base.remotable_classmethod
    def update_class(cls, context, class_name, resource, limit):
        """Change a class limit.  :raises: QuotaClassNotFound"""
        _update_class(context, class_name, resource, limit)
