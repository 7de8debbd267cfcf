"""upstream nova's compute API for gunicorn, without gunicorn's argv.

nova's WSGI app parses ``sys.argv`` as its own command line (uwsgi sets it
from ``--pyargv``); under gunicorn that is gunicorn's, which nova rejects
("unrecognized arguments: --workers ..."). With the argv cleared, nova
finds its files through OS_NOVA_CONFIG_DIR / OS_NOVA_CONFIG_FILES.
"""

import sys

sys.argv = sys.argv[:1]

from nova.wsgi.osapi_compute import application  # noqa: E402,F401
