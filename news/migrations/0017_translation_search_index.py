"""The full-text index of article translations: an FTS5 table on SQLite, a tsvector table with
a GIN index on PostgreSQL (see news/search/translations.py). Like the articles' index it has no
foreign key, so that flushing the test database works; rows of deleted translations are removed
by signals and joined away in queries."""

from django.db import migrations

SQLITE = ["CREATE VIRTUAL TABLE news_translation_search USING fts5(title, lead, body)"]
POSTGRESQL = [
    "CREATE TABLE news_translation_search (id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX news_translation_search_document ON news_translation_search "
    "USING gin (document)",
]


def create_index(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor)
    if statements is None:
        return  # another database: search is unavailable there (news.search says so)
    for statement in statements:
        schema_editor.execute(statement)

    from news.search import rebuild_translation_index

    rebuild_translation_index(apps=apps, db=schema_editor.connection)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        schema_editor.execute("DROP TABLE IF EXISTS news_translation_search")


class Migration(migrations.Migration):
    dependencies = [("news", "0016_article_translations")]

    operations = [migrations.RunPython(create_index, drop_index)]
