"""The two full-text engines, one interface: SQLite's FTS5 (`sqlite`), PostgreSQL's tsvector
(`postgres`). Each makes the tables of an `IndexSpec` (`create_sql`), writes and deletes its
entries, and answers `ranked()`: the ids of at most `limit` matches, best first.

For a dated index (one that keeps when each entry becomes visible) the visibility gate and
the recency order live in the index itself, and only the newest `limit` visible matches are
ranked: a word in most articles costs about what a rarer one does, where ranking every match
cost half a second at 100,000 articles (issue 18).
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .postgres import PostgresBackend
from .sqlite import SQLiteBackend


def backend(vendor=None):
    vendor = vendor or connection.vendor
    if vendor == "sqlite":
        return SQLiteBackend()
    if vendor == "postgresql":
        return PostgresBackend()
    raise ImproperlyConfigured(f"Search supports SQLite and PostgreSQL, not {vendor}.")
