"""The article search index keeps when each article becomes visible (its publication date, or
never for drafts), so that searching gates and orders by it inside the index and ranks only
the newest matches (issue 18). PostgreSQL: a `visible_from` column with a b-tree index beside
the GIN one; SQLite: the FTS5 rowid encodes that second and the id, "<table>_keys" maps ids to
rowids and "<table>_terms" lists the index keys for prefixes. The table is made again in the layout news.search.backends gives it, then both indexes
are filled (`rebuild_index`, in batches).
"""

from django.db import migrations

OLD_SQLITE = [
    "CREATE VIRTUAL TABLE news_article_search USING fts5(title, tags, people, lead, body)"
]
OLD_POSTGRESQL = [
    "CREATE TABLE news_article_search (id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX news_article_search_document ON news_article_search USING gin (document)",
]


def recreate_index(apps, schema_editor):
    if schema_editor.connection.vendor not in ("sqlite", "postgresql"):
        return  # another database: search is unavailable there (news.search says so)
    from news.search import ARTICLE_INDEX, backend, rebuild_index

    search = backend(schema_editor.connection.vendor)
    for statement in [*search.drop_sql(ARTICLE_INDEX), *search.create_sql(ARTICLE_INDEX)]:
        schema_editor.execute(statement)
    rebuild_index(apps=apps, db=schema_editor.connection)


def restore_old_layout(apps, schema_editor):
    """Make the table of 0002 again, empty: run `manage.py rebuild_search_index` afterwards."""
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": OLD_SQLITE, "postgresql": OLD_POSTGRESQL}.get(vendor)
    if statements is None:
        return
    from news.search import ARTICLE_INDEX, backend

    for statement in [*backend(vendor).drop_sql(ARTICLE_INDEX), *statements]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0020_article_listing_keyset"),
        ("people", "0004_oparl_deleted_objects"),
    ]

    operations = [migrations.RunPython(recreate_index, restore_old_layout)]
