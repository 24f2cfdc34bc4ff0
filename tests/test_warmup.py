"""gunicorn's master warms the app before it forks (kldigital/warmup.py, gunicorn.conf.py)."""

import os
import runpy
import subprocess
import sys
import textwrap
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

SCRIPT = textwrap.dedent(
    """
    import sys
    from django.core.wsgi import get_wsgi_application
    application = get_wsgi_application()
    from django.db import connection
    from django.template import engines
    from django.urls import get_resolver
    from kldigital.warmup import warm_up
    print("done:", warm_up())
    loader = engines["django"].engine.template_loaders[0]
    print("templates", len(loader.get_template_cache))
    print("resolver", get_resolver()._populated)
    print("connection", connection.connection is None)
    print("weasyprint", "weasyprint" in sys.modules)
    """
)


def run_warm_up(tmp_path, database_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kldigital.settings",
        "DJANGO_SECRET_KEY": "warm-up-test",
        "DATABASE_URL": database_url,
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
    }
    env.pop("DJANGO_DEBUG", None)  # the cached template loader, as in production
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return dict(line.split(" ", 1) for line in result.stdout.splitlines()), result.stderr


def test_warm_up_compiles_templates_and_resolves_urls_without_the_pdf_renderer(tmp_path):
    database = tmp_path / "db.sqlite3"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=PROJECT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
        check=True,
    )

    figures, log = run_warm_up(tmp_path, f"sqlite:///{database}")

    assert int(figures["templates"]) >= 40  # the portal's pages, partials, mails, feeds
    assert figures["resolver"] == "True"
    assert figures["connection"] == "True"  # closed again: no socket shared across the fork
    assert figures["weasyprint"] == "False"  # PDFs render in the task worker
    assert "Warm-up without database" not in log


def test_warm_up_survives_a_missing_database(tmp_path):
    figures, log = run_warm_up(tmp_path, f"sqlite:///{tmp_path / 'nicht-migriert.sqlite3'}")

    assert int(figures["templates"]) >= 40
    assert "Warm-up without database or cache" in log


def test_gunicorn_preloads_and_warms_before_forking():
    config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
    assert config["preload_app"] is True
    assert "warm_up" in config["when_ready"].__code__.co_names
    assert "freeze" in config["when_ready"].__code__.co_names  # gc.freeze(): shared, unwalked
