"""Full-text search over published articles and people, in German, on SQLite and PostgreSQL.

Words are analysed once, in Python, for both databases and for highlighting: split on
anything that is not a letter or digit, case-folded, stripped of accents other than the
umlauts, German stop words dropped, then reduced with the Snowball German stemmer (3.x).
That stemmer folds "ä"/"ae" and "ß"/"ss" and strips inflection and the feminine "-in"/"-innen",
so "Geschaeftsfuehrerin", "geschäftsführerin" and "Geschäftsführer" meet, as do "Städte"
and "Stadt". The stems go into a real full-text index kept in a table of its own:

- SQLite: an FTS5 virtual table whose rowid orders the entries by visibility date;
- PostgreSQL: a tsvector column with a GIN index, and the visibility date with a b-tree.

PostgreSQL indexes the stems with the `simple` configuration, not `german`: PostgreSQL 15's
`german` stemmer is the older Snowball one (no "ae" for "ä", no "-in"), and run over our
stems it stems them a second time and drops stems that look like stop words ("Wege" → "weg").
Analysing in Python gives both databases the same results, which the tests check on both.

The index holds every article with the moment it becomes visible: its publication date if
it is released, none for drafts and articles under review (the rule of
`Article.objects.published()`, kept in the index). Searching compares that date with now, so
scheduled articles appear without being re-indexed, and takes the newest MAX_HITS (1,000)
visible matches before ranking them: a word in 90 % of 100,000 articles costs about what a
rare one costs, and the count says "Mehr als 1.000 Treffer" instead of counting 90,000. The
trade-off: for such a word an older article with it in the headline is not listed (adding
a word narrows the search back into the archive). Hits are read through `published()` once
more, so an index that bulk updates left stale never shows a draft.

Ranking: headline first, then the keywords and people an editor attached, then lead, then
body; newer first among equals. PostgreSQL ranks with ts_rank() and weights A–D; SQLite
scores each query word by the best column it is in (bm25() would read every match of a common
word; `sqlite` says more). A last word typed with "*" ("Digitalis*") is a prefix.

Signals keep the index current when an article, its tags or its people change; bulk writes
that skip signals (QuerySet.update, bulk_create) need `manage.py rebuild_search_index`.

Read top-down: `analysis` (words to stems, highlighting), `index` (what is stored, signals,
IndexSpec), `backends` → `sqlite` (FTS5) and `postgres` (tsvector), `queries` (ranked hits,
capped count), `views`;
`translations` indexes and searches article translations in their own languages.
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
from .translations import (
    TRANSLATION_INDEX,
    TRANSLATION_TABLE,
    index_translations,
    rebuild_translation_index,
    search_translations,
)
from .translations import connect_signals as connect_translation_signals
from .views import ArticleSearchView

__all__ = [
    "ARTICLE_INDEX",
    "MAX_HITS",
    "ARTICLE_TABLE",
    "MAX_QUERY_LENGTH",
    "MAX_QUERY_TERMS",
    "PERSON_INDEX",
    "PERSON_TABLE",
    "TRANSLATION_INDEX",
    "TRANSLATION_TABLE",
    "ArticleSearchView",
    "backend",
    "clean_query",
    "connect_signals",
    "connect_translation_signals",
    "excerpt",
    "highlight",
    "index_articles",
    "index_people",
    "index_translations",
    "query_terms",
    "rebuild_index",
    "rebuild_translation_index",
    "search_articles",
    "search_people",
    "search_translations",
    "stem",
    "terms",
]
