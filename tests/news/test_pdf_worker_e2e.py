"""End to end: the web code enqueues, a real worker process renders, the web serves the file.

Each backend runs against a scratch SQLite database shared by three processes: one that
publishes an article, `manage.py taskworker --until-empty`, and one that asks for the PDF.
The RQ worker runs when REDIS_URL is set (as in CI's PostgreSQL + Redis pass).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

PUBLISH = """
from tests.factories import ArticleFactory
ArticleFactory(slug="haushalt-beschlossen", title="Haushalt beschlossen")
"""

FETCH = """
from django.test import Client
response = Client().get("/meldung/haushalt-beschlossen/pdf/")
body = b"".join(response.streaming_content) if response.streaming else response.content
print("PDF:", response.status_code, response.get("Content-Type"), body[:5].decode())
"""

BACKENDS = [
    "database",
    pytest.param(
        "rq",
        marks=pytest.mark.skipif(not settings.REDIS_URL, reason="RQ needs REDIS_URL"),
    ),
]


def manage(env, *args, timeout=180):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def pdf_line(output):
    return next(line for line in output.splitlines() if line.startswith("PDF:"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_worker_process_renders_the_pdf_that_the_web_then_serves(backend, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_TASKS_BACKEND": backend,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
    }
    if backend == "database":
        env.pop("REDIS_URL", None)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "shell", "-c", PUBLISH)

    before = manage(env, "shell", "-c", FETCH)
    manage(env, "taskworker", "--until-empty")
    after = manage(env, "shell", "-c", FETCH)

    assert pdf_line(before).split()[1] == "503"
    assert pdf_line(after).split() == ["PDF:", "200", "application/pdf", "%PDF-"]
    assert list((tmp_path / "media" / "pdf").glob("*/haushalt-beschlossen-*.pdf"))
