"""The two full-text engines: SQLite's FTS5 and PostgreSQL's tsvector, one interface.

Both answer `ranked()`: the ids of at most `limit` matches, best first. For a dated index
(one that keeps when each entry becomes visible, see `IndexSpec.dated`) the visibility gate
and the recency order live in the index itself, and only the newest `limit` visible matches
are ranked: a word in most articles costs as much as one in a thousand, where ranking every
match cost half a second at 100,000 articles.
"""

import math

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

# SQLite keys of a dated index: the second an entry becomes visible, then its id, in one
# rowid, so that FTS5's own rowid order is newest first and "visible now" is a rowid range.
# Seconds are shifted by 2**31 to stay positive (keys order entries from 1902 to 2106);
# entries that are never visible (drafts) get -id, below every visible key.
ID_BITS = 30
SECONDS_SHIFT = 2**31


def sqlite_key(pk, visible_from):
    """Return the FTS5 rowid of entry `pk` that becomes visible at `visible_from` (or never)."""
    if not 0 < pk < 2**ID_BITS:
        raise ValueError(f"Search keys hold ids below 2**{ID_BITS}, not {pk}.")
    if visible_from is None:
        return -pk
    # Rounded up: an entry never shows before its time, at worst a second after it.
    return (math.ceil(visible_from.timestamp()) + SECONDS_SHIFT) << ID_BITS | pk


def sqlite_newest_key(now):
    """Return the largest key that is visible at `now`."""
    return (math.floor(now.timestamp()) + SECONDS_SHIFT) << ID_BITS | (2**ID_BITS - 1)


class SQLiteBackend:
    """FTS5 with MATCH terms as quoted phrases; a dated index keeps rowid → id in "<table>_keys"."""

    def create_sql(self, spec):
        """Return the statements that create the (empty) tables of `spec`."""
        names = ", ".join(name for name, _, _ in spec.columns)
        statements = [f"CREATE VIRTUAL TABLE {spec.table} USING fts5({names})"]
        if spec.dated:
            statements.append(
                f"CREATE TABLE {spec.table}_keys (id integer PRIMARY KEY, key integer NOT NULL)"
            )
        return statements

    def drop_sql(self, spec):
        return [f"DROP TABLE IF EXISTS {spec.table}", f"DROP TABLE IF EXISTS {spec.table}_keys"]

    def write(self, cursor, spec, rows, fresh=False):
        names = [name for name, _, _ in spec.columns]
        if not fresh:
            self.delete(cursor, spec, [pk for pk, _ in rows])
        keyed = [
            (sqlite_key(pk, document["visible_from"]) if spec.dated else pk, pk, document)
            for pk, document in rows
        ]
        cursor.executemany(
            f"INSERT INTO {spec.table} (rowid, {', '.join(names)}) "
            f"VALUES (%s, {', '.join('%s' for _ in names)})",
            [(key, *(document[name] for name in names)) for key, _, document in keyed],
        )
        if spec.dated:
            cursor.executemany(
                f"INSERT INTO {spec.table}_keys (id, key) VALUES (%s, %s)",
                [(pk, key) for key, pk, _ in keyed],
            )

    def delete(self, cursor, spec, pks):
        pks = list(pks)
        if spec.dated:
            keys = []
            for start in range(0, len(pks), 500):  # below SQLite's limit of variables
                chunk = pks[start : start + 500]
                cursor.execute(
                    f"SELECT key FROM {spec.table}_keys WHERE id IN "
                    f"({', '.join('%s' for _ in chunk)})",
                    chunk,
                )
                keys += [row[0] for row in cursor.fetchall()]
            forget = f"DELETE FROM {spec.table}_keys WHERE id = %s"
            cursor.executemany(forget, [(pk,) for pk in pks])
        else:
            keys = pks
        cursor.executemany(f"DELETE FROM {spec.table} WHERE rowid = %s", [(key,) for key in keys])

    def clear(self, cursor, spec):
        cursor.execute(f"DELETE FROM {spec.table}")
        if spec.dated:
            cursor.execute(f"DELETE FROM {spec.table}_keys")

    def match(self, keys, any_key):
        phrases = []
        for key in keys:
            prefix = key.endswith("*")
            phrase = '"' + key.rstrip("*").replace('"', '""') + '"'
            phrases.append(phrase + ("*" if prefix else ""))
        return (" OR " if any_key else " AND ").join(phrases)

    def ranked(self, spec, keys, any_key, now, limit, gate=None):
        """Return SQL and params for the ids of the best `limit` matches, best first.

        The FTS5 query runs first, materialised: joined to other tables in the same query,
        SQLite evaluated bm25() row by row against them, a hundred times slower.
        """
        weights = ", ".join(str(weight) for _, _, weight in spec.columns)
        score = f"bm25({spec.table}, {weights})"
        params = [self.match(keys, any_key)]
        if spec.dated:
            # The newest `limit` visible matches, in FTS5's rowid order (no sort), then ranked.
            sql = (
                f"WITH m AS MATERIALIZED (SELECT rowid AS key, {score} AS score "
                f"FROM {spec.table} WHERE {spec.table} MATCH %s AND rowid BETWEEN 1 AND %s "
                "ORDER BY rowid DESC LIMIT %s) "
                f"SELECT key & {2**ID_BITS - 1} FROM m ORDER BY score, key DESC"
            )
            return sql, [*params, sqlite_newest_key(now), limit]
        where = ""
        if gate:
            gate_sql, gate_params = gate("m.id")
            where = f" WHERE {gate_sql}"
            params += gate_params
        sql = (
            f"WITH m AS MATERIALIZED (SELECT rowid AS id, {score} AS score FROM {spec.table} "
            f"WHERE {spec.table} MATCH %s) SELECT m.id FROM m JOIN {spec.source} AS src "
            f"ON src.id = m.id{where} ORDER BY m.score, {spec.tie_break} LIMIT %s"
        )
        return sql, [*params, limit]

    def optimize(self, cursor, spec):
        cursor.execute(f"INSERT INTO {spec.table} ({spec.table}) VALUES ('optimize')")


class PostgresBackend:
    """A tsvector of the stems per object, weighted per column, searched through a GIN index.

    A dated index has a `visible_from` column with a b-tree index beside the GIN one: for a
    word in few articles the plan collects the matches from the GIN index, for a word in most
    articles it walks the newest entries backwards and stops after `limit` matches.
    """

    def create_sql(self, spec):
        """Return the statements that create the (empty) table of `spec` and its indexes."""
        dated = ", visible_from timestamptz" if spec.dated else ""
        statements = [
            f"CREATE TABLE {spec.table} (id bigint PRIMARY KEY, document tsvector NOT NULL{dated})",
            f"CREATE INDEX {spec.table}_document ON {spec.table} USING gin (document)",
        ]
        if spec.dated:
            statements.append(
                f"CREATE INDEX {spec.table}_visible ON {spec.table} (visible_from, id) "
                "WHERE visible_from IS NOT NULL"
            )
        return statements

    def drop_sql(self, spec):
        return [f"DROP TABLE IF EXISTS {spec.table}"]

    def write(self, cursor, spec, rows, fresh=False):
        vector = " || ".join(
            f"setweight(to_tsvector('simple', %s), '{weight}')" for _, weight, _ in spec.columns
        )
        names = [name for name, _, _ in spec.columns]
        columns, values, update = "id, document", f"%s, {vector}", "document = EXCLUDED.document"
        if spec.dated:
            columns += ", visible_from"
            values += ", %s"
            update += ", visible_from = EXCLUDED.visible_from"
        cursor.executemany(
            f"INSERT INTO {spec.table} ({columns}) VALUES ({values}) "
            f"ON CONFLICT (id) DO UPDATE SET {update}",
            [
                (pk, *(document[name] for name in names))
                + ((document["visible_from"],) if spec.dated else ())
                for pk, document in rows
            ],
        )

    def delete(self, cursor, spec, pks):
        cursor.execute(f"DELETE FROM {spec.table} WHERE id = ANY(%s)", [list(pks)])

    def clear(self, cursor, spec):
        cursor.execute(f"TRUNCATE {spec.table}")

    def tsquery(self, keys, any_key):
        terms = []
        for key in keys:
            prefix = key.endswith("*")
            terms.append("'" + key.rstrip("*").replace("'", "''") + "'" + (":*" if prefix else ""))
        return (" | " if any_key else " & ").join(terms)

    def ranked(self, spec, keys, any_key, now, limit, gate=None):
        """Return SQL and params for the ids of the best `limit` matches, best first."""
        # Normalisation 1 divides by the log of the length, so long texts do not win by size.
        rank = "ts_rank_cd(idx.document, to_tsquery('simple', %s), 1) DESC"
        query = self.tsquery(keys, any_key)
        if spec.dated:
            sql = (
                f"SELECT idx.id FROM (SELECT id, document, visible_from FROM {spec.table} "
                "WHERE document @@ to_tsquery('simple', %s) AND visible_from <= %s "
                "ORDER BY visible_from DESC, id DESC LIMIT %s) AS idx "
                f"ORDER BY {rank}, idx.visible_from DESC, idx.id DESC"
            )
            return sql, [query, now, limit, query]
        sql = (
            f"SELECT idx.id FROM {spec.table} AS idx JOIN {spec.source} AS src ON src.id = idx.id "
            "WHERE idx.document @@ to_tsquery('simple', %s)"
        )
        params = [query]
        if gate:
            gate_sql, gate_params = gate("idx.id")
            sql += f" AND {gate_sql}"
            params += gate_params
        return f"{sql} ORDER BY {rank}, {spec.tie_break} LIMIT %s", [*params, query, limit]

    def optimize(self, cursor, spec):
        cursor.execute(f"ANALYZE {spec.table}")


def backend(vendor=None):
    vendor = vendor or connection.vendor
    if vendor == "sqlite":
        return SQLiteBackend()
    if vendor == "postgresql":
        return PostgresBackend()
    raise ImproperlyConfigured(f"Search supports SQLite and PostgreSQL, not {vendor}.")
