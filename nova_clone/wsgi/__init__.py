"""WSGI entry points (``application`` objects) for uwsgi, gunicorn, httpd."""
