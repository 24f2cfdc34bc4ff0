"""Production parts: read replicas, media on object storage, settings for both."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory

from kldigital.routers import PinToPrimaryMiddleware, PrimaryReplicaRouter
from news.models import Article
from tests.conftest import make_image_upload
from tests.factories import ArticleFactory

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def replica_settings(monkeypatch):
    monkeypatch.setattr("kldigital.routers.replicas", lambda: ["replica0"])


def route_inside(request):
    """Return where the router sends a read and a write during `request`."""
    seen = {}

    def view(request):
        router = PrimaryReplicaRouter()
        seen.update(read=router.db_for_read(Article), write=router.db_for_write(Article))

    PinToPrimaryMiddleware(view)(request)
    return seen


def test_anonymous_reads_go_to_a_replica_and_writes_to_the_primary(replica_settings):
    assert route_inside(RequestFactory().get("/")) == {"read": "replica0", "write": "default"}


def test_a_writing_request_reads_from_the_primary(replica_settings):
    assert route_inside(RequestFactory().post("/"))["read"] == "default"


def test_a_logged_in_editor_reads_what_they_just_saved(replica_settings):
    request = RequestFactory().get("/admin/")
    request.COOKIES["sessionid"] = "abc"
    assert route_inside(request)["read"] == "default"


def test_without_replicas_everything_uses_the_primary():
    assert route_inside(RequestFactory().get("/")) == {"read": "default", "write": "default"}


def test_migrations_run_on_the_primary_only():
    router = PrimaryReplicaRouter()
    assert router.allow_migrate("default", "news") and not router.allow_migrate("replica0", "news")


def settings_value(expression, **environ):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "kldigital.settings",
        "DJANGO_SECRET_KEY": "x",
        **environ,
    }
    code = f"from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_replica_urls_become_mirrored_databases():
    aliases = settings_value(
        "sorted((a, d['HOST'], d.get('TEST', {}).get('MIRROR')) for a, d in settings.DATABASES.items())",
        DATABASE_URL="postgres://app@db1:5432/kl",
        DATABASE_REPLICA_URLS="postgres://app@db2:5432/kl,postgres://app@db3:5432/kl",
    )
    assert (
        aliases
        == "[('default', 'db1', None), ('replica0', 'db2', 'default'), ('replica1', 'db3', 'default')]"
    )


def test_postgresql_connections_persist_with_health_checks():
    assert (
        settings_value(
            "(settings.DATABASES['default']['CONN_MAX_AGE'], settings.DATABASES['default']['CONN_HEALTH_CHECKS'])",
            DATABASE_URL="postgres://app@db1:5432/kl",
        )
        == "(60, True)"
    )


def test_postgresql_prepares_repeated_reads_unless_turned_off_for_a_pooler():
    threshold = "settings.DATABASES['default']['OPTIONS']['prepare_threshold']"
    assert settings_value(threshold, DATABASE_URL="postgres://app@db1:5432/kl") == "0"
    off = {"DATABASE_URL": "postgres://app@db1:5432/kl", "DATABASE_PREPARED_STATEMENTS": "0"}
    assert settings_value(threshold, **off) == "None"


def test_cache_is_redis_with_redis_url_and_a_shared_disk_cache_without():
    assert (
        settings_value("settings.CACHES['default']['BACKEND']")
        == "kldigital.cache.PersistentDiskCache"
    )
    assert (
        settings_value("settings.CACHES['default']['LOCATION']", DJANGO_CACHE_DIR="/srv/kl-cache")
        == "/srv/kl-cache"
    )
    assert settings_value(
        "settings.CACHES['default']['BACKEND']", REDIS_URL="redis://127.0.0.1:6379/0"
    ) == ("kldigital.cache.FailOpenRedisCache")


@pytest.mark.django_db
def test_media_can_live_on_s3_compatible_storage(s3_media):
    article = ArticleFactory(image=make_image_upload(), image_alt="Ein Bild")

    stored = s3_media.list_objects_v2(Bucket="kl-media")
    names = {item["Key"] for item in stored["Contents"]}
    assert article.image.name in names
    assert {rendition["name"] for rendition in article.image_renditions} <= names
    assert article.picture["src"].startswith("https://media.example.org/renditions/")


def gunicorn_config():
    import runpy

    return runpy.run_path(str(PROJECT / "gunicorn.conf.py"))


def test_gunicorn_outlasts_the_database_timeouts():
    """A dead database must end the request with the 503 page before gunicorn kills the worker."""
    from django.conf import settings

    config = gunicorn_config()
    assert (
        config["timeout"] > settings.DATABASE_CONNECT_TIMEOUT + settings.DATABASE_STATEMENT_TIMEOUT
    )
    assert config["graceful_timeout"] <= config["timeout"]


def test_gunicorn_keeps_request_heads_small():
    config = gunicorn_config()
    assert config["limit_request_line"] <= 4094
    assert config["limit_request_fields"] <= 100
    assert config["limit_request_field_size"] <= 8190
    assert config["keepalive"] <= 5


def test_postgresql_gives_up_on_a_dead_server_within_seconds():
    options = settings_value(
        "settings.DATABASES['default']['OPTIONS']",
        DATABASE_URL="postgres://app@db1:5432/kl",
    )
    assert options == (
        "{'connect_timeout': 3, 'options': '-c statement_timeout=10000', 'tcp_user_timeout': 10000,"
        " 'prepare_threshold': 0}"
    )
    assert "'connect_timeout': 5" in settings_value(
        "settings.DATABASES['default']['OPTIONS']",
        DATABASE_URL="postgres://app@db1:5432/kl",
        DATABASE_CONNECT_TIMEOUT="5",
    )


def test_sqlite_waits_for_a_busy_database():
    assert settings_value("settings.DATABASES['default']['OPTIONS']['timeout']") == "5"


def test_redis_gives_up_within_half_a_second():
    options = settings_value(
        "settings.CACHES['default']['OPTIONS']", REDIS_URL="redis://127.0.0.1:6379/0"
    )
    assert options == "{'socket_connect_timeout': 0.5, 'socket_timeout': 0.5}"
