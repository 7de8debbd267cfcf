"""The base of nova_clone's own WSGI middleware (paste filter factories)."""


class Middleware(object):
    """Wraps ``application``; ``factory`` is the paste.deploy filter factory.
    """

    def __init__(self, application):
        self.application = application

    @classmethod
    def factory(cls, global_config, **local_config):
        """:returns: a callable that wraps an app in this middleware."""
        def _factory(app):
            return cls(app)
        return _factory
