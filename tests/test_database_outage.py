"""PostgreSQL down or silent: readers get the German 503 page in seconds, cached pages stay."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client

from tests.factories import ArticleFactory
from tests.servers import closed_port, silent_server

pytestmark = pytest.mark.django_db
PROJECT = Path(__file__).resolve().parent.parent


@contextmanager
def unreachable_database(kind):
    """Yield the port of a PostgreSQL that refuses connections or accepts and never answers."""
    if kind == "refusing":
        yield closed_port()
    else:
        with silent_server() as port:
            yield port


@contextmanager
def default_database_at(port):
    """Send this thread's queries to a PostgreSQL at `port` for the block (real psycopg)."""
    from django.db.backends.postgresql.base import DatabaseWrapper

    working = connections["default"]
    settings_dict = working.settings_dict | {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "127.0.0.1",
        "PORT": port,
        "NAME": "kldigital",
        "USER": "kldigital",
        "PASSWORD": "",
        "OPTIONS": {"connect_timeout": 2},
    }
    connections["default"] = DatabaseWrapper(settings_dict, alias="default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = working


def assert_german_503(status, headers, body):
    assert status == 503
    assert headers["Retry-After"] == "60"
    assert "vorübergehend nicht erreichbar" in body
    assert "Traceback" not in body


@pytest.mark.parametrize("kind", ["refusing", "silent"])
def test_readers_get_cached_pages_or_the_german_503_within_seconds(settings, kind):
    settings.NEWS_PAGE_CACHE_SECONDS = 600
    cached = ArticleFactory(title="Neue Ladesäulen am Rathaus")
    uncached = ArticleFactory()
    client = Client(raise_request_exception=False)
    assert client.get(cached.get_absolute_url()).status_code == 200  # now in the page cache

    with unreachable_database(kind) as port, default_database_at(port):
        started = time.monotonic()
        hit = client.get(cached.get_absolute_url())
        hit_seconds = time.monotonic() - started
        started = time.monotonic()
        miss = client.get(uncached.get_absolute_url())
        miss_seconds = time.monotonic() - started

    assert hit.status_code == 200 and "Neue Ladesäulen am Rathaus" in hit.content.decode()
    assert hit_seconds < 0.5
    assert_german_503(miss.status_code, miss, miss.content.decode())
    assert miss_seconds < 3.5, f"the 503 page took {miss_seconds:.2f} s"


@contextmanager
def gunicorn(tmp_path, database_url):
    """Run the production server (gunicorn.conf.py, one worker) against `database_url`."""
    port = closed_port()
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "kldigital.settings",
        "DJANGO_SECRET_KEY": "x",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "DATABASE_CONNECT_TIMEOUT": "2",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
    }
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "kldigital.wsgi"],
            cwd=PROJECT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 20
        while "Booting worker" not in log.read_text():
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        server.wait(timeout=10)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=25) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.mark.parametrize("kind", ["refusing", "silent"])
def test_a_gunicorn_worker_answers_503_and_survives(tmp_path, kind):
    with (
        unreachable_database(kind) as port,
        gunicorn(tmp_path, f"postgres://kldigital@127.0.0.1:{port}/kldigital") as (url, log),
    ):
        timings = []
        for _ in range(2):
            started = time.monotonic()
            assert_german_503(*fetch(f"{url}/"))
            timings.append(time.monotonic() - started)

    assert max(timings) < 5, timings
    output = log.read_text()
    assert "WORKER TIMEOUT" not in output and "Booting worker" in output
    assert output.count("Booting worker") == 1  # the same worker answered both
    assert output.count("Service Unavailable: /") == 2
    assert "Traceback" not in output
