"""Production settings for `gunicorn kldigital.wsgi` (read from the working directory).

Every value can be overridden from the environment, e.g. GUNICORN_WORKERS=4.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two workers per core suits a mostly I/O-bound Django app; PDFs render in the task worker.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
# Sync workers: each one is held by a single client until its request is read and its answer
# written, so they must sit behind a buffering proxy (nginx, see README) that does that for
# slow clients. What gunicorn itself can do is below.
# A worker silent this long is killed; the database gives up well before (3 s connect, 10 s
# per statement), so a dead database gives readers the 503 page, not a killed worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20  # a restart waits this long for running requests
keepalive = 2  # seconds an idle proxy connection is kept (threaded workers only)
# Small request heads: a client cannot hold a worker with endless header lines.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
# Recycle workers now and then so that a slow leak in a C library (Pango, Pillow) cannot grow;
# rarely, since a fresh worker answers its first requests slowly (bench/load.py showed it).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 50_000))
max_requests_jitter = max_requests // 10
# Only the TLS proxy in front may set X-Forwarded-Proto / X-Forwarded-For.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
# The app is loaded and warmed once in the master (kldigital/warmup.py); workers fork from it
# and answer their first request as fast as their thousandth.
preload_app = True


def when_ready(server):
    """Runs in the master after the preload, before the first worker is forked."""
    from kldigital.warmup import warm_up

    try:
        server.log.info("Warm-up: %s", warm_up())
    except Exception:  # a cold worker is slow, not broken: never fail the start for it
        server.log.exception("Warm-up failed")
    # What the master holds now lives as long as the workers: the garbage collector need not
    # walk it in each worker's collections, nor write to its pages (which forked workers
    # share until written to).
    gc.freeze()
