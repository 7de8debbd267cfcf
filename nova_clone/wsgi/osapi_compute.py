"""WSGI entry point of the compute API: ``nova_clone.wsgi.osapi_compute``.

Point uwsgi (``module = nova_clone.wsgi.osapi_compute:application``),
gunicorn or mod_wsgi at ``application``; configure with the
``OS_NOVA_CONFIG_DIR``/``OS_NOVA_CONFIG_FILES`` environment variables.
"""

from nova_clone import monkey_patch

monkey_patch.patch(default=monkey_patch.THREADING)

from nova_clone.api.openstack import wsgi_app  # noqa: E402

application = wsgi_app.init_application('osapi_compute')
