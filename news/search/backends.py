"""The two full-text engines: SQLite's FTS5 and PostgreSQL's tsvector, one interface."""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection


class SQLiteBackend:
    """FTS5: the row id is the indexed object's primary key; MATCH terms are quoted phrases."""

    def write(self, cursor, spec, rows):
        names = [name for name, _, _ in spec.columns]
        rows = [(pk, *(document[name] for name in names)) for pk, document in rows]
        self.delete(cursor, spec, [row[0] for row in rows])
        cursor.executemany(
            f"INSERT INTO {spec.table} (rowid, {', '.join(names)}) "
            f"VALUES (%s, {', '.join('%s' for _ in names)})",
            rows,
        )

    def delete(self, cursor, spec, pks):
        cursor.executemany(f"DELETE FROM {spec.table} WHERE rowid = %s", [(pk,) for pk in pks])

    def match(self, keys, any_key):
        phrases = ['"' + key.replace('"', '""') + '"' for key in keys]
        return (" OR " if any_key else " AND ").join(phrases)

    def _matches(self, spec, keys, any_key, gate, scored):
        """Return a CTE "m" of the matching rows, the FROM clause joining them to "src", and params.

        The FTS5 query runs first, materialised: with the filter in the same query, SQLite
        evaluated bm25() row by row against it, a hundred times slower.
        """
        weights = ", ".join(str(weight) for _, _, weight in spec.columns)
        score = f", bm25({spec.table}, {weights}) AS score" if scored else ""
        cte = (
            f"WITH m AS MATERIALIZED (SELECT rowid AS id{score} FROM {spec.table} "
            f"WHERE {spec.table} MATCH %s)"
        )
        body = f"FROM m JOIN {spec.source} AS src ON src.id = m.id"
        params = [self.match(keys, any_key)]
        if gate:
            gate_sql, gate_params = gate("m.id")
            body += f" WHERE {gate_sql}"
            params += gate_params
        return cte, body, params

    def count(self, spec, keys, any_key, gate):
        cte, body, params = self._matches(spec, keys, any_key, gate, scored=False)
        return f"{cte} SELECT COUNT(*) {body}", params

    def page(self, spec, keys, any_key, gate, offset, limit):
        cte, body, params = self._matches(spec, keys, any_key, gate, scored=True)
        sql = f"{cte} SELECT m.id {body} ORDER BY m.score, {spec.tie_break} LIMIT %s OFFSET %s"
        return sql, [*params, limit, offset]

    def optimize(self, cursor, spec):
        cursor.execute(f"INSERT INTO {spec.table} ({spec.table}) VALUES ('optimize')")


class PostgresBackend:
    """A tsvector of the stems per object, weighted per column, searched through a GIN index."""

    def write(self, cursor, spec, rows):
        vector = " || ".join(
            f"setweight(to_tsvector('simple', %s), '{weight}')" for _, weight, _ in spec.columns
        )
        names = [name for name, _, _ in spec.columns]
        cursor.executemany(
            f"INSERT INTO {spec.table} (id, document) VALUES (%s, {vector}) "
            "ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document",
            [(pk, *(document[name] for name in names)) for pk, document in rows],
        )

    def delete(self, cursor, spec, pks):
        cursor.execute(f"DELETE FROM {spec.table} WHERE id = ANY(%s)", [list(pks)])

    def _matches(self, spec, keys, any_key, gate):
        operator = " | " if any_key else " & "
        tsquery = operator.join("'" + key.replace("'", "''") + "'" for key in keys)
        sql = (
            f"FROM {spec.table} AS idx JOIN {spec.source} AS src ON src.id = idx.id, "
            "to_tsquery('simple', %s) AS query WHERE idx.document @@ query"
        )
        params = [tsquery]
        if gate:
            gate_sql, gate_params = gate("idx.id")
            sql += f" AND {gate_sql}"
            params += gate_params
        return sql, params

    def count(self, spec, keys, any_key, gate):
        sql, params = self._matches(spec, keys, any_key, gate)
        return f"SELECT COUNT(*) {sql}", params

    def optimize(self, cursor, spec):
        cursor.execute(f"ANALYZE {spec.table}")

    def page(self, spec, keys, any_key, gate, offset, limit):
        sql, params = self._matches(spec, keys, any_key, gate)
        # Normalisation 1 divides by the log of the length, so long texts do not win by size.
        order = f"ts_rank_cd(idx.document, query, 1) DESC, {spec.tie_break}"
        return f"SELECT idx.id {sql} ORDER BY {order} LIMIT %s OFFSET %s", [*params, limit, offset]


def backend(vendor=None):
    vendor = vendor or connection.vendor
    if vendor == "sqlite":
        return SQLiteBackend()
    if vendor == "postgresql":
        return PostgresBackend()
    raise ImproperlyConfigured(f"Search supports SQLite and PostgreSQL, not {vendor}.")
