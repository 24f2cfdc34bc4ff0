"""The backing services a deployment names in its environment: databases, cache, task queue.

Read by `kldigital/settings.py` only; each function returns the setting's value.
"""

from django.core.exceptions import ImproperlyConfigured


def databases(env, base_dir, *, connect_timeout, statement_timeout):
    """Return DATABASES from DATABASE_URL and DATABASE_REPLICA_URLS.

    A database that is down or silent fails the request within seconds, well inside
    gunicorn's timeout: the reader gets the German 503 page and the worker lives on.
    connect_timeout bounds a server that accepts and never answers (libpq's minimum is 2 s);
    statement_timeout a slow query; tcp_user_timeout a server that vanished from the network
    while a query was being sent.
    """
    result = {"default": env.db("DATABASE_URL", default=f"sqlite:///{base_dir / 'db.sqlite3'}")}
    prepared = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
    # Read replicas: comma-separated URLs; reads of anonymous requests are spread over them.
    for number, url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[])):
        result[f"replica{number}"] = env.db_url_config(url) | {"TEST": {"MIRROR": "default"}}
    for database in result.values():
        if database["ENGINE"] == "django.db.backends.postgresql":
            database.update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
            database["OPTIONS"] = {
                "connect_timeout": connect_timeout,
                "options": f"-c statement_timeout={statement_timeout * 1000}",
                "tcp_user_timeout": statement_timeout * 1000,
                # psycopg prepares a statement on its first run, but only those of cursors
                # that bind on the server: kldigital.prebuilt's. None: it prepares none.
                "prepare_threshold": 0 if prepared else None,
                **database.get("OPTIONS", {}),  # what DATABASE_URL's query string says wins
            }
        elif database["ENGINE"] == "django.db.backends.sqlite3":
            # How long a write waits for another process's write lock before it fails.
            database.setdefault("OPTIONS", {}).setdefault("timeout", 5)
            # Kept open between requests: opening costs each request about a millisecond of
            # CPU, and an idle connection holds no lock.
            database.setdefault("CONN_MAX_AGE", 60)
    return result


def caches(env, base_dir, redis_url):
    """Return CACHES: Redis that fails open when REDIS_URL is set, else diskcache on disk."""
    if redis_url:
        return {
            "default": {
                # Down or silent Redis: pages are served uncached, counted forms refuse.
                "BACKEND": "kldigital.cache.FailOpenRedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "kldigital",
                "OPTIONS": {
                    "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=0.5),
                    "socket_timeout": env.float("REDIS_TIMEOUT", default=0.5),
                },
            }
        }
    # Shared by every worker process on this machine, unlike local memory, with atomic
    # increments for the rate limits and no SQL query per cache hit (diskcache on SQLite files).
    return {
        "default": {
            "BACKEND": "kldigital.cache.PersistentDiskCache",
            "LOCATION": env.str("DJANGO_CACHE_DIR", default=str(base_dir / ".cache")),
            "OPTIONS": {"size_limit": 2**28},  # 256 MiB; least recently stored go first
        }
    }


TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
}


def tasks(backend, redis_url):
    """Return TASKS for the background work (PDF renders), run by `manage.py taskworker`.

    With REDIS_URL the tasks go to RQ on Redis; without it they wait in a database table, no
    extra server needed. DJANGO_TASKS_BACKEND=database|rq chooses otherwise.
    """
    if backend not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"DJANGO_TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {backend!r}."
        )
    if backend == "rq" and not redis_url:
        raise ImproperlyConfigured("DJANGO_TASKS_BACKEND=rq needs REDIS_URL.")
    return {"default": TASK_BACKENDS[backend]}
