"""Upgrades that fill new columns from what a database already holds."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("news", "0021_search_visibility")]
AFTER = [("news", "0023_mentions_keep_publication_time")]


def migrate(targets):
    """Migrate the database to `targets`; return the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_links_to_keywords_and_people_get_their_article_time_on_upgrade():
    old = migrate(BEFORE)
    section = old.get_model("news", "Section").objects.create(title="Smart City", slug="smart")
    tag = old.get_model("news", "Tag").objects.create(name="Verkehr", slug="verkehr")
    person = old.get_model("people", "Person").objects.create(name="Ilona Benz", slug="benz")
    Article = old.get_model("news", "Article")
    moment = timezone.now() - timedelta(days=2)
    articles = {
        status: Article.objects.create(
            title=status, slug=status, section=section, status=status, published_at=moment
        )
        for status in ("published", "draft")
    }
    for article in articles.values():
        article.people.add(person)
        old.get_model("news", "TaggedArticle").objects.create(content_object=article, tag=tag)

    try:
        new = migrate(AFTER)
        for model, article in (("Mention", "article"), ("TaggedArticle", "content_object")):
            links = new.get_model("news", model).objects
            copies = dict(links.values_list(f"{article}__slug", "published_at"))
            assert copies == {"published": moment, "draft": None}, model
    finally:  # the tests after this one need the whole schema
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
