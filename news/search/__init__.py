"""Full-text search over published articles and people, in German, on SQLite and PostgreSQL.

Words are analysed once, in Python, for both databases and for highlighting: split on
anything that is not a letter or digit, case-folded, stripped of accents other than the
umlauts, German stop words dropped, then reduced with the Snowball German stemmer (3.x).
That stemmer folds "ä"/"ae" and "ß"/"ss" and strips inflection and the feminine "-in"/"-innen",
so "Geschaeftsfuehrerin", "geschäftsführerin" and "Geschäftsführer" meet, as do "Städte"
and "Stadt". The stems go into a real full-text index kept in a table of its own:

- SQLite: an FTS5 virtual table, ranked with bm25() and column weights;
- PostgreSQL: a tsvector column with a GIN index, ranked with ts_rank_cd() and weights A–D.

PostgreSQL indexes the stems with the `simple` configuration, not `german`: PostgreSQL 15's
`german` stemmer is the older Snowball one (no "ae" for "ä", no "-in"), and run over our
stems it stems them a second time and drops stems that look like stop words ("Wege" → "weg").
Analysing in Python gives both databases the same results, which the tests check on both.

The index holds every article; visibility is decided at query time by
`Article.objects.published()`, so scheduled articles appear without being re-indexed. Signals
keep the index current when an article, its tags or its people change; bulk writes that skip
signals (QuerySet.update, bulk_create) need `manage.py rebuild_search_index`.

Read top-down: `analysis` (words to stems, highlighting), `index` (what is stored, signals),
`backends` (FTS5 and tsvector), `queries` (ranked hits through `published()`), `views`.
"""

from .analysis import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_TERMS,
    clean_query,
    excerpt,
    highlight,
    query_terms,
    stem,
    terms,
)
from .backends import backend
from .index import (
    ARTICLE_INDEX,
    ARTICLE_TABLE,
    PERSON_INDEX,
    PERSON_TABLE,
    connect_signals,
    index_articles,
    index_people,
    rebuild_index,
)
from .queries import MAX_HITS, search_articles, search_people
from .views import ArticleSearchView

__all__ = [
    "ARTICLE_INDEX",
    "MAX_HITS",
    "ARTICLE_TABLE",
    "MAX_QUERY_LENGTH",
    "MAX_QUERY_TERMS",
    "PERSON_INDEX",
    "PERSON_TABLE",
    "ArticleSearchView",
    "backend",
    "clean_query",
    "connect_signals",
    "excerpt",
    "highlight",
    "index_articles",
    "index_people",
    "query_terms",
    "rebuild_index",
    "search_articles",
    "search_people",
    "stem",
    "terms",
]
