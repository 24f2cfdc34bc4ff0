"""What a fresh worker would otherwise do in its first requests, done once before gunicorn forks.

gunicorn.conf.py preloads the app and calls warm_up() in the master: the URL resolver, the
compiled templates of the portal's own pages, the German translation catalogues and the
modules a first query and a first cache call import are then inherited by every worker
(copy-on-write), instead of being built by each one while a reader waits. Connections
opened on the way are closed before the fork, so no two processes share a socket or an
SQLite handle. The PDF renderer (WeasyPrint) is never imported here: it lives in the task
worker (news/printing/services.py).
"""

import logging
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.db import DatabaseError, connections
from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)
# The apps whose templates readers see (the admin's are compiled on first use).
PUBLIC_APPS = ("news", "people")


def template_names():
    """Names of the templates under templates/ and the public apps' template folders."""
    folders = [Path(settings.BASE_DIR) / "templates"]
    folders += [Path(apps.get_app_config(label).path) / "templates" for label in PUBLIC_APPS]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".html", ".txt", ".xml") and path.is_file():
                yield path.relative_to(folder).as_posix()


def warm_up():
    """Fill the process-wide caches; return what was done, for the log line."""
    started = time.perf_counter()
    get_resolver()._populate()
    engine = engines["django"]
    compiled = 0
    for name in template_names():
        try:
            engine.get_template(name)
            compiled += 1
        except TemplateSyntaxError:  # a fragment that only compiles inside its parent
            pass
    translation.activate(settings.LANGUAGE_CODE)
    translation.deactivate()
    try:
        get_user_model().objects.exists()
        cache.get("warmup")
    except (DatabaseError, OSError) as error:  # a backing service down at boot: warm the rest
        logger.warning("Warm-up without database or cache: %r", error)
    finally:
        connections.close_all()
        for backend in caches.all(initialized_only=True):
            getattr(backend, "close_connections", backend.close)()
    return f"{compiled} templates compiled in {time.perf_counter() - started:.2f} s"
