"""On PostgreSQL the reads every page runs are prepared once per connection (kldigital.prebuilt)."""

import pytest
from django.db import close_old_connections, connection, connections

from tests.factories import ArticleFactory, RelatedArticleFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares them"),
]


def prepared_statements():
    """The statements the server keeps prepared for this test's connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def articles_with_a_further_one():
    first, second = ArticleFactory(), ArticleFactory()
    for article in (first, second):
        RelatedArticleFactory(from_article=article, to_article=ArticleFactory(title="Weiterlesen"))
    return first, second


def test_article_pages_read_with_statements_prepared_once(client):
    first, second = articles_with_a_further_one()

    assert "Weiterlesen" in client.get(first.get_absolute_url()).content.decode()

    statements = prepared_statements()
    assert any('WHERE "news_article"."slug" = $' in s for s in statements), statements
    assert any('"news_suggestedarticle"' in s for s in statements), statements
    # Another article is read with the same statements: none is prepared again.
    assert "Weiterlesen" in client.get(second.get_absolute_url()).content.decode()
    assert len(prepared_statements()) == len(statements)


def test_with_preparing_off_pages_read_the_same_and_prepare_nothing(client, monkeypatch):
    first, second = articles_with_a_further_one()
    shown = client.get(first.get_absolute_url()).content.decode()
    # DATABASE_PREPARED_STATEMENTS=0 leaves the connection's threshold at None.
    monkeypatch.setattr(connection.connection, "prepare_threshold", None)
    before = len(prepared_statements())

    assert client.get(first.get_absolute_url()).content.decode() == shown
    assert "Weiterlesen" in client.get(second.get_absolute_url()).content.decode()
    assert len(prepared_statements()) == before


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_ended_is_replaced_and_its_statements_prepared_anew(client):
    """A restarted server ends every connection: the next request's health check opens a new
    one, and the page's statements are prepared there, not run on the dead one."""
    first, second = articles_with_a_further_one()
    assert client.get(first.get_absolute_url()).status_code == 200
    ended = connection.connection.info.backend_pid
    other = connections.create_connection("default")
    with other.cursor() as cursor:  # from outside, as a restart does
        cursor.execute("SELECT pg_terminate_backend(%s)", [ended])
    other.close()
    close_old_connections()  # what every request starts with

    page = client.get(second.get_absolute_url())

    assert page.status_code == 200
    assert "Weiterlesen" in page.content.decode()
    assert connection.connection.info.backend_pid != ended
    assert any('"news_suggestedarticle"' in s for s in prepared_statements())
