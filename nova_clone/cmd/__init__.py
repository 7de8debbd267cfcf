"""Entry points of the nova_clone programs (one module per binary).

NOTE: some libraries we depend on import eventlet at import time even when
a program runs on native threads, and eventlet then warns about its own
deprecation on every start. That warning says nothing actionable to an
operator, so it is silenced here, before any entry point imports them.
"""

import warnings

warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')
