"""PostgreSQL's engine: a table per index with a tsvector of the stems, weighted per column."""


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

    def ranked(self, cursor, spec, keys, any_key, now, limit, gate=None):
        """Return the ids of the best `limit` matches of the index keys `keys`, best first."""
        sql, params = self.ranked_sql(spec, keys, any_key, now, limit, gate)
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]

    def ranked_sql(self, spec, keys, any_key, now, limit, gate=None):
        # Normalisation 1 divides by the log of the length, so long texts do not win by size.
        # The matches are ranked by the words' weights and frequencies, not by how close they
        # stand, as on SQLite: ts_rank_cd, or ts_rank of an AND query, measures the distance
        # of every pair of the words' positions, and cost 8 ms for 1,001 matches of three
        # words against 2 ms.
        rank = "ts_rank(idx.document, to_tsquery('simple', %s), 1) DESC"
        query, rank_query = self.tsquery(keys, any_key), self.tsquery(keys, any_key=True)
        if spec.dated:
            sql = (
                f"SELECT idx.id FROM (SELECT id, document, visible_from FROM {spec.table} "
                "WHERE document @@ to_tsquery('simple', %s) AND visible_from <= %s "
                "ORDER BY visible_from DESC, id DESC LIMIT %s) AS idx "
                f"ORDER BY {rank}, idx.visible_from DESC, idx.id DESC"
            )
            return sql, [query, now, limit, rank_query]
        sql = (
            f"SELECT idx.id FROM {spec.table} AS idx JOIN {spec.source} AS src ON src.id = idx.id "
            "WHERE idx.document @@ to_tsquery('simple', %s)"
        )
        params = [query]
        if gate:
            gate_sql, gate_params = gate("idx.id")
            sql += f" AND {gate_sql}"
            params += gate_params
        return f"{sql} ORDER BY {rank}, {spec.tie_break} LIMIT %s", [*params, rank_query, limit]

    def rebuilding(self, cursor, spec):
        """Drop the GIN index before a rebuild: building it once at the end is faster."""
        cursor.execute(f"DROP INDEX IF EXISTS {spec.table}_document")

    def optimize(self, cursor, spec):
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {spec.table}_document ON {spec.table} USING gin (document)"
        )
        cursor.execute(f"ANALYZE {spec.table}")
