"""SQLite's engine: an FTS5 table per index, MATCH terms as quoted phrases.

A dated index (`IndexSpec.dated`) keys its rows by when they become visible: the rowid holds
that second and the id, so FTS5's own rowid order is newest first and "visible now" is a
rowid range ("<table>_keys" maps ids to rowids). Its matches are ranked without bm25(): bm25
counts every match of every query word for its weights (10–30 ms for a word in most of
100,000 articles, whatever the LIMIT). Instead the newest `limit` visible matches are taken
in rowid order, and each scores, per query word, the weight of the best column the word is
in (headline 10, keywords and people 6, lead 3, body 1; from the spec; a prefix where a key
starting with it is), newest first among equals. Words are not counted within a column, nor
weighed by rarity.

Prefixes ("digitalis*") are expanded to the most frequent index keys that start with them,
from "<table>_terms": FTS5's own prefix queries merge every matching list first (200 ms
for "sta*" at 100,000 articles), an OR of the keys stops after `limit` rows.
"""

import math
from collections import Counter

ID_BITS = 30
ID_MASK = 2**ID_BITS - 1
SECONDS_SHIFT = 2**31  # keys order entries from 1902 to 2106 and stay positive
MAX_EXPANSION = 30  # keys a prefix stands for, the most frequent first
CHUNK = 500  # ids per statement, below SQLite's limit of variables


def sqlite_key(pk, visible_from):
    """Return the rowid of entry `pk` that becomes visible at `visible_from` (None: never)."""
    if not 0 < pk <= ID_MASK:
        raise ValueError(f"Search keys hold ids below 2**{ID_BITS}, not {pk}.")
    if visible_from is None:
        return -pk  # below every visible key
    # Rounded up: an entry never shows before its time, at worst a second after it.
    return (math.ceil(visible_from.timestamp()) + SECONDS_SHIFT) << ID_BITS | pk


def sqlite_newest_key(now):
    """Return the largest key that is visible at `now`."""
    return (math.floor(now.timestamp()) + SECONDS_SHIFT) << ID_BITS | ID_MASK


def quote(key):
    return '"' + key.replace('"', '""') + '"'


def phrase(keys):
    """Return the MATCH text of one query word: its key, or an OR of a prefix's keys."""
    if len(keys) == 1:
        key = keys[0]
        return quote(key[:-1]) + "*" if key.endswith("*") else quote(key)
    return "(" + " OR ".join(map(quote, keys)) + ")"


class SQLiteBackend:
    def create_sql(self, spec):
        """Return the statements that create the (empty) tables of `spec`."""
        names = ", ".join(name for name, _, _ in spec.columns)
        statements = [f"CREATE VIRTUAL TABLE {spec.table} USING fts5({names})"]
        if spec.dated:
            statements += [
                f"CREATE TABLE {spec.table}_keys (id integer PRIMARY KEY, key integer NOT NULL)",
                f"CREATE TABLE {spec.table}_terms "
                "(term text PRIMARY KEY, docs integer NOT NULL) WITHOUT ROWID",
            ]
        return statements

    def drop_sql(self, spec):
        return [f"DROP TABLE IF EXISTS {spec.table}{suffix}" for suffix in ("", "_keys", "_terms")]

    def write(self, cursor, spec, rows, fresh=False):
        names = [name for name, _, _ in spec.columns]
        if not fresh:
            self.delete(cursor, spec, [pk for pk, _ in rows])
        # In rowid order: FTS5 writes its pending lists out whenever a rowid goes backwards.
        keyed = sorted(
            (sqlite_key(pk, document["visible_from"]) if spec.dated else pk, pk, document)
            for pk, document in rows
        )
        cursor.executemany(
            f"INSERT INTO {spec.table} (rowid, {', '.join(names)}) "
            f"VALUES (%s, {', '.join('%s' for _ in names)})",
            [(key, *(document[name] for name in names)) for key, _, document in keyed],
        )
        if not spec.dated:
            return
        cursor.executemany(
            f"INSERT INTO {spec.table}_keys (id, key) VALUES (%s, %s)",
            [(pk, key) for key, pk, _ in keyed],
        )
        # How many documents have each key: only ever added to, a guide for prefixes.
        docs = Counter()
        for _, _, document in keyed:
            docs.update(set(" ".join(document[name] for name in names).split()))
        cursor.executemany(
            f"INSERT INTO {spec.table}_terms (term, docs) VALUES (%s, %s) "
            "ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs",
            list(docs.items()),
        )

    def delete(self, cursor, spec, pks):
        pks = list(pks)
        keys = pks
        if spec.dated:
            keys = []
            for start in range(0, len(pks), CHUNK):
                chunk = pks[start : start + CHUNK]
                marks = ", ".join("%s" for _ in chunk)
                cursor.execute(f"SELECT key FROM {spec.table}_keys WHERE id IN ({marks})", chunk)
                keys += [row[0] for row in cursor.fetchall()]
            forget = f"DELETE FROM {spec.table}_keys WHERE id = %s"
            cursor.executemany(forget, [(pk,) for pk in pks])
        cursor.executemany(f"DELETE FROM {spec.table} WHERE rowid = %s", [(key,) for key in keys])

    def clear(self, cursor, spec):
        for suffix in ("", "_keys", "_terms") if spec.dated else ("",):
            cursor.execute(f"DELETE FROM {spec.table}{suffix}")

    def rebuilding(self, cursor, spec):
        pass

    def optimize(self, cursor, spec):
        cursor.execute(f"INSERT INTO {spec.table} ({spec.table}) VALUES ('optimize')")

    def ranked(self, cursor, spec, keys, any_key, now, limit, gate=None):
        """Return the ids of the best `limit` matches of the index keys `keys`, best first."""
        if not spec.dated:
            return self._ranked_bm25(cursor, spec, keys, any_key, limit, gate)
        words = [self._expand(cursor, spec, key) for key in keys]
        if not all(words) and not any_key:
            return []  # a prefix that starts no key
        words = [word for word in words if word]
        if not words:
            return []
        score, score_params = self._score_sql(spec, keys)
        cursor.execute(
            f"SELECT m.id FROM (SELECT rowid AS id FROM {spec.table} "
            f"WHERE {spec.table} MATCH %s AND rowid BETWEEN 1 AND %s ORDER BY rowid DESC "
            f"LIMIT %s) AS m JOIN {spec.table}_content AS c ON c.id = m.id "
            f"ORDER BY {score + ' DESC, ' if score else ''}m.id DESC",
            [
                (" OR " if any_key else " AND ").join(map(phrase, words)),
                sqlite_newest_key(now),
                limit,
                *score_params,
            ],
        )
        return [row[0] & ID_MASK for row in cursor.fetchall()]

    def _expand(self, cursor, spec, key):
        """Return the index keys one query word stands for: a prefix, its most frequent keys."""
        if not key.endswith("*"):
            return [key]
        if not spec.dated:
            return [key]  # FTS5's own prefix query (phrase() keeps the "*")
        prefix = key[:-1]
        cursor.execute(
            f"SELECT term FROM {spec.table}_terms WHERE term >= %s AND term < %s "
            "ORDER BY docs DESC LIMIT %s",
            [prefix, prefix + "\U0010ffff", MAX_EXPANSION],
        )
        return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def _weighted_columns(spec):
        """Return [(weight above the lowest, column names)], the heaviest first."""
        weights = sorted({weight for _, _, weight in spec.columns}, reverse=True)
        return [
            (weight - weights[-1], [name for name, _, w in spec.columns if w == weight])
            for weight in weights[:-1]
        ]

    def _score_sql(self, spec, keys):
        """Return (SQL, params) of a match's score from its columns `c.c0`, `c.c1`, …; no SQL
        for a spec of one weight.

        The columns are those of FTS5's own content table (`<table>_content`: id, then each
        of the spec's columns as a space-separated list of index keys), joined by rowid: one
        indexed read a match, however common the words and however far apart the matches
        lie. FTS5 column filters walk the other words' lists through the matches' whole date
        range: 35 ms for a rare word beside two common ones, against 3 ms here.
        """
        groups = self._weighted_columns(spec)
        if not groups:
            return "", []  # one weight: newest first
        number = {name: position for position, (name, _, _) in enumerate(spec.columns)}
        terms, params = [], []
        for key in keys:
            # A whole key between spaces; a prefix at the start of one.
            pattern = " " + key[:-1] if key.endswith("*") else f" {key} "
            cases = []
            for weight, group in groups:
                found = " OR ".join(
                    f"instr(' ' || c.c{number[name]} || ' ', %s) > 0" for name in group
                )
                cases.append(f"WHEN {found} THEN {weight}")
                params += [pattern] * len(group)
            terms.append(f"CASE {' '.join(cases)} ELSE 0 END")
        return f"({' + '.join(terms)})", params

    def _ranked_bm25(self, cursor, spec, keys, any_key, limit, gate):
        """Rank a small index (people) with bm25(), ties by the source's `tie_break`.

        The FTS5 query runs first, materialised: joined to other tables in the same query,
        SQLite evaluated bm25() row by row against them, a hundred times slower.
        """
        weights = ", ".join(str(weight) for _, _, weight in spec.columns)
        phrases = [phrase(self._expand(cursor, spec, key)) for key in keys]
        params = [(" OR " if any_key else " AND ").join(phrases)]
        where = ""
        if gate:
            gate_sql, gate_params = gate("m.id")
            where = f" WHERE {gate_sql}"
            params += gate_params
        cursor.execute(
            f"WITH m AS MATERIALIZED (SELECT rowid AS id, bm25({spec.table}, {weights}) AS score "
            f"FROM {spec.table} WHERE {spec.table} MATCH %s) SELECT m.id FROM m "
            f"JOIN {spec.source} AS src ON src.id = m.id{where} "
            f"ORDER BY m.score, {spec.tie_break} LIMIT %s",
            [*params, limit],
        )
        return [row[0] for row in cursor.fetchall()]
