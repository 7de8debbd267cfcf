"""TaskLog(+List): per-host audit records of periodic tasks.

nova-compute's instance usage audit writes one row per host and audit
period; ``os-instance-usage-audit-log`` reads them back.
"""

from nova_clone.db.main.api import task_log as db
from nova_clone.objects import base
from nova_clone.objects import fields


@base.NovaObjectRegistry.register
class TaskLog(base.NovaPersistentObject, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'id': fields.IntegerField(read_only=True),
        'task_name': fields.StringField(),
        'state': fields.StringField(),
        'host': fields.StringField(),
        'period_beginning': fields.DateTimeField(),
        'period_ending': fields.DateTimeField(),
        'message': fields.StringField(),
        'task_items': fields.IntegerField(),
        'errors': fields.IntegerField(),
    }

    @staticmethod
    def _from_db_object(context, task_log, db_task_log):
        for key in task_log.fields:
            value = db_task_log[key]
            if key == 'deleted':
                value = bool(value)
            setattr(task_log, key, value)
        task_log._context = context
        task_log.obj_reset_changes()
        return task_log

    @base.remotable_classmethod
    def get(cls, context, task_name, period_beginning, period_ending, host,
            state=None):
        """:returns: the record of ``host`` for the period, or None."""
        row = db.task_log_get(context, task_name, period_beginning,
                              period_ending, host, state=state)
        return cls._from_db_object(context, cls(), row) if row else None

    @base.remotable
    def begin_task(self):
        """Store this record as RUNNING.  :raises: TaskAlreadyRunning"""
        row = db.task_log_begin_task(
            self._context, self.task_name, self.period_beginning,
            self.period_ending, self.host, task_items=self.task_items,
            message=self.message)
        self._from_db_object(self._context, self, row)

    @base.remotable
    def end_task(self):
        """Mark it DONE with ``errors`` and ``message``.

        :raises: TaskNotRunning
        """
        db.task_log_end_task(self._context, self.task_name,
                             self.period_beginning, self.period_ending,
                             self.host, self.errors, message=self.message)
        self.state = 'DONE'
        self.obj_reset_changes()


@base.NovaObjectRegistry.register
class TaskLogList(base.ObjectListBase, base.NovaObject):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'objects': fields.ListOfObjectsField('TaskLog'),
    }

    @base.remotable_classmethod
    def get_all(cls, context, task_name, period_beginning, period_ending,
                host=None, state=None):
        """:returns: the records of a period (every host, or ``host``)."""
        rows = db.task_log_get_all(context, task_name, period_beginning,
                                   period_ending, host=host, state=state)
        return base.obj_make_list(context, cls(), TaskLog, rows)
