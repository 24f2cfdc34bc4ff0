"""Production settings for `gunicorn kldigital.wsgi` (read from the working directory).

Every value can be overridden from the environment, e.g. GUNICORN_WORKERS=4.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two workers per core suits a mostly I/O-bound Django app; PDFs render in the worker.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak in a C library (Pango, Pillow) cannot grow;
# rarely, since a fresh worker answers its first requests slowly (bench/load.py showed it).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 50_000))
max_requests_jitter = max_requests // 10
# Only the TLS proxy in front may set X-Forwarded-Proto / X-Forwarded-For.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
preload_app = True
