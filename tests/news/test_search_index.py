"""The search index follows every change of articles, tags and people."""

import pytest
from django.core.management import call_command
from django.db import connection

from news import search
from news.models import Article, Mention, Tag
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db


def slugs(query):
    return [hit.article.slug for hit in search.search_articles(query)[:100]]


def test_changed_article_is_indexed_again():
    article = ArticleFactory(slug="geaendert", title="Radarsensoren")
    article.title = "Parkhaus"
    article.save()
    assert slugs("Radarsensoren") == [] and slugs("Parkhaus") == ["geaendert"]


def test_deleted_article_leaves_the_index():
    article = ArticleFactory(title="Radarsensoren")
    tables = [search.ARTICLE_TABLE]
    if connection.vendor == "sqlite":
        tables.append(f"{search.ARTICLE_TABLE}_keys")  # rowids are not ids there
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            assert cursor.fetchone()[0] == 1, table
        article.delete()
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            assert cursor.fetchone()[0] == 0, table


def test_tag_changes_reach_the_index():
    article = ArticleFactory(slug="getaggt", tags=["Verkehr"])
    assert slugs("Verkehr") == ["getaggt"]
    article.tags.set(["Mobilität"])
    assert slugs("Verkehr") == [] and slugs("Mobilitaet") == ["getaggt"]
    tag = Tag.objects.get(name="Mobilität")
    tag.name = "Radverkehr"
    tag.save()
    assert slugs("Radverkehr") == ["getaggt"]
    tag.delete()
    assert slugs("Radverkehr") == []
    article.tags.add("Parken")
    article.tags.clear()
    assert slugs("Parken") == []


def test_people_changes_reach_the_index():
    article = ArticleFactory(slug="genannt")
    person = PersonFactory(name="Ilona Benz")
    person.articles.add(article)
    assert slugs("Benz") == ["genannt"]
    person.name = "Ilona Meier"
    person.save()
    assert slugs("Benz") == [] and slugs("Meier") == ["genannt"]
    assert [hit.person for hit in search.search_people("Meier")[:5]] == [person]
    person.articles.clear()
    assert slugs("Meier") == []
    article.people.add(person)
    person.delete()
    assert slugs("Meier") == [] and search.search_people("Meier").count() == 0


def test_a_link_to_a_person_saved_or_deleted_on_its_own_reaches_the_index():
    # As the article form and a restored version save them (news.editing.people_field).
    article = ArticleFactory(slug="genannt")
    link = Mention(article=article, person=PersonFactory(name="Ilona Benz"))
    link.save()
    assert slugs("Benz") == ["genannt"]
    link.delete()
    assert slugs("Benz") == []


def test_rebuild_command_restores_an_index_bypassed_by_bulk_updates(capsys):
    ArticleFactory(slug="massenweise", title="Radarsensoren")
    Article.objects.update(title="Parkhaus")  # no signals
    assert slugs("Parkhaus") == []
    call_command("rebuild_search_index")
    assert slugs("Parkhaus") == ["massenweise"]
    assert "1 Artikel" in capsys.readouterr().out


def test_index_is_the_database_full_text_engine():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [search.ARTICLE_TABLE])
            assert "fts5" in cursor.fetchone()[0].lower()
        else:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = %s", [search.ARTICLE_TABLE]
            )
            indexes = [row[0] for row in cursor.fetchall()]
            assert any("USING gin (document)" in index for index in indexes)
            # Beside it, the visibility date: for the newest matches of a common word.
            assert any("btree (visible_from, id)" in index for index in indexes)
