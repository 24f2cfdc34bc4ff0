"""The full-text search indexes: FTS5 tables on SQLite, tsvector tables with GIN indexes on
PostgreSQL (see news/search.py). They are not Django models: their rows are written by
news.search. They carry no foreign keys, so that flushing the test database (TRUNCATE on
PostgreSQL) works; rows of deleted objects are removed by signals and joined away in queries.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE news_article_search USING fts5(title, tags, people, lead, body)",
    "CREATE VIRTUAL TABLE news_person_search USING fts5(name)",
]
POSTGRESQL = [
    "CREATE TABLE news_article_search (id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX news_article_search_document ON news_article_search USING gin (document)",
    "CREATE TABLE news_person_search (id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX news_person_search_document ON news_person_search USING gin (document)",
]


def create_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor)
    if statements is None:
        return  # another database: search is unavailable there (news.search says so)
    for statement in statements:
        schema_editor.execute(statement)
    # 0016_search_visibility recreates the article index in its current layout and fills both.


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        schema_editor.execute("DROP TABLE IF EXISTS news_article_search")
        schema_editor.execute("DROP TABLE IF EXISTS news_person_search")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
