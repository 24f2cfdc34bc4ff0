"""A backup of the demo portal, restored into an empty database and media folder, is the same site."""

import re
import sqlite3

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from news.models import Article
from people.models import Person

# Per-request values that differ between any two renderings of one page.
VOLATILE = re.compile(r'(csrfmiddlewaretoken" value="|nonce="|csrf-token" content=")[^"]*')


def pages(media_root):
    client = Client()
    urls = [
        "/",
        Article.objects.published().first().get_absolute_url(),
        Person.objects.filter(terms__isnull=False).first().get_absolute_url(),
    ]
    rendered = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        rendered[url] = VOLATILE.sub(r"\1", response.content.decode())
    media = sorted(p.relative_to(media_root) for p in media_root.rglob("*") if p.is_file())
    return rendered, media


@pytest.fixture
def empty_database():
    """Give the test an empty database: a second one on PostgreSQL, a wiped one on SQLite."""
    original = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        # The in-memory test database cannot be swapped for another; overwriting it with an
        # empty one through the backup API leaves no table behind.
        connection.ensure_connection()
        sqlite3.connect(":memory:").backup(connection.connection)
        assert not connection.introspection.table_names()
        yield original
        return
    target = f"{original}_restore"
    server_params = {k: v for k, v in connection.get_connection_params().items() if k != "dbname"}
    with psycopg.connect(dbname="postgres", autocommit=True, **server_params) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{target}"')
        server.execute(f'CREATE DATABASE "{target}"')
    connection.close()
    connection.settings_dict["NAME"] = target
    assert not connection.introspection.table_names()
    yield target
    connection.close()
    connection.settings_dict["NAME"] = original
    with psycopg.connect(dbname="postgres", autocommit=True, **server_params) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{target}"')


@pytest.mark.django_db(transaction=True)
def test_restored_backup_serves_the_same_pages(settings, tmp_path, request, cache):
    """Compare the HTML of home, an article and a person page, and the media files."""
    call_command("loaddemo", verbosity=0)
    before = pages(settings.MEDIA_ROOT)
    assert before[1], "the demo content has images"
    call_command("backup", str(tmp_path / "backup"))

    request.getfixturevalue("empty_database")
    settings.MEDIA_ROOT = tmp_path / "empty-media"
    cache.clear()
    call_command("restore", str(tmp_path / "backup"), yes=True)

    assert pages(settings.MEDIA_ROOT) == before
