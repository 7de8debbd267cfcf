"""Cell DB queries of task_log: the audit records of periodic tasks."""

import sqlalchemy as sa

from nova_clone.db.main import api as main_api
from nova_clone.db.main.api import services as services_api
from nova_clone.db.main import models
from nova_clone import exception

_select = services_api.model_select


def _naive(value):
    # NOTE: objects carry aware UTC datetimes; the columns are naive UTC.
    return value.replace(tzinfo=None) if value.tzinfo else value


def _period_query(context, task_name, period_beginning, period_ending,
                  host=None, state=None):
    period_beginning, period_ending = (_naive(period_beginning),
                                       _naive(period_ending))
    model = models.TaskLog
    query = _select(context, model).where(
        model.task_name == task_name,
        model.period_beginning == period_beginning,
        model.period_ending == period_ending)
    if host is not None:
        query = query.where(model.host == host)
    if state is not None:
        query = query.where(model.state == state)
    return query


@main_api.pick_context_manager_reader
def task_log_get(context, task_name, period_beginning, period_ending, host,
                 state=None):
    """:returns: the task_log row of one host and period, or None."""
    return context.session.execute(_period_query(
        context, task_name, period_beginning, period_ending, host=host,
        state=state)).scalars().first()


@main_api.pick_context_manager_reader
def task_log_get_all(context, task_name, period_beginning, period_ending,
                     host=None, state=None):
    """:returns: the task_log rows of a period, ordered by host."""
    query = _period_query(context, task_name, period_beginning,
                          period_ending, host=host, state=state)
    return context.session.execute(
        query.order_by(models.TaskLog.host)).scalars().all()


@main_api.pick_context_manager_writer
def task_log_begin_task(context, task_name, period_beginning, period_ending,
                        host, task_items=None, message=None):
    """Insert a RUNNING row.  :raises: TaskAlreadyRunning"""
    if context.session.execute(_period_query(
            context, task_name, period_beginning, period_ending,
            host=host)).first():
        raise exception.TaskAlreadyRunning(task_name=task_name, host=host)
    row = models.TaskLog(task_name=task_name, host=host, state='RUNNING',
                         period_beginning=_naive(period_beginning),
                         period_ending=_naive(period_ending),
                         message=message or '', task_items=task_items or 0,
                         errors=0)
    context.session.add(row)
    context.session.flush()
    return row


@main_api.pick_context_manager_writer
def task_log_end_task(context, task_name, period_beginning, period_ending,
                      host, errors, message=None):
    """Mark the row DONE.  :raises: TaskNotRunning"""
    model = models.TaskLog
    result = context.session.execute(
        sa.update(model).where(
            model.task_name == task_name, model.host == host,
            model.period_beginning == _naive(period_beginning),
            model.period_ending == _naive(period_ending),
            model.deleted == 0)
        .values(state='DONE', errors=errors, message=message or ''))
    if not result.rowcount:
        raise exception.TaskNotRunning(task_name=task_name, host=host)
