"""ExceptionPayload: where an error came from, as notifications report it."""

import traceback

from nova_clone.notifications.objects import base
from nova_clone.notifications.objects import fields as notif_fields
from nova_clone.objects import fields


@base.register_notification
class ExceptionPayload(base.NotificationPayloadBase):
    # Version 1.0: Initial version
    # Version 1.1: Add traceback field
    VERSION = '1.1'

    fields = {
        'module_name': fields.StringField(),
        'function_name': fields.StringField(),
        'exception': fields.StringField(),
        'exception_message': fields.StringField(),
        'traceback': fields.StringField(),
    }

    def __init__(self, module_name, function_name, exception,
                 exception_message, traceback):
        super().__init__()
        self.module_name = module_name
        self.function_name = function_name
        self.exception = exception
        self.exception_message = exception_message
        self.traceback = traceback

    @classmethod
    def from_exception(cls, fault):
        """:returns: the payload of ``fault`` (an exception instance).

        The module and function are those of the innermost frame of the
        exception's traceback, i.e. where it was raised.
        """
        tb = fault.__traceback__
        module_name = function_name = ''
        if tb is not None:
            while tb.tb_next is not None:
                tb = tb.tb_next
            frame = tb.tb_frame
            module_name = frame.f_globals.get('__name__', '')
            function_name = frame.f_code.co_name
        if hasattr(fault, 'format_message'):
            message = fault.format_message()
        else:
            message = str(fault)
        return cls(
            module_name=module_name,
            function_name=function_name,
            exception=fault.__class__.__name__,
            exception_message=message,
            traceback=''.join(traceback.format_exception(
                type(fault), fault, fault.__traceback__)))


@base.register_notification
class ExceptionNotification(base.NotificationBase):
    # Version 1.0: Initial version
    VERSION = '1.0'

    fields = {
        'payload': fields.ObjectField('ExceptionPayload'),
    }


# NOTE: keep the priority values at hand for callers building envelopes.
PRIORITY_INFO = notif_fields.NotificationPriority.INFO
PRIORITY_ERROR = notif_fields.NotificationPriority.ERROR
