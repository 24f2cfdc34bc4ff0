"""Database routing for a PostgreSQL primary with read replicas (DATABASE_REPLICA_URLS).

Anonymous reads go to a replica; writes, and every query of a request that writes or comes
from a logged-in editor, go to the primary, so that editors always read what they just saved.
"""

import random
from contextvars import ContextVar

from django.conf import settings

REPLICA_PREFIX = "replica"
_pinned_to_primary = ContextVar("pinned_to_primary", default=False)


def replicas():
    return [alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX)]


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        available = replicas()
        if _pinned_to_primary.get() or not available:
            return "default"
        return random.choice(available)

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class PinToPrimaryMiddleware:
    """Sends all queries of a writing or logged-in request to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        writes = request.method not in ("GET", "HEAD", "OPTIONS")
        logged_in = settings.SESSION_COOKIE_NAME in request.COOKIES
        token = _pinned_to_primary.set(writes or logged_in)
        try:
            return self.get_response(request)
        finally:
            _pinned_to_primary.reset(token)
