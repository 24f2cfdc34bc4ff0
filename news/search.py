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
"""

import functools
import html
import re
import threading
import unicodedata
from dataclasses import dataclass

import snowballstemmer
from django.apps import apps as global_apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils.functional import cached_property
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.views.generic import ListView

from people.models import Person

from .models import Article, Tag, TaggedArticle
from .views import LatestArticlesMixin

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12
PEOPLE_RESULTS = 5
EXCERPT_WORDS = 30
TEASER_WORDS = 60

ARTICLE_TABLE = "news_article_search"
PERSON_TABLE = "news_person_search"

WORD = re.compile(r"[^\W_]+")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
TAG = re.compile(r"<[^>]*>")

# Snowball's German stop list (as in PostgreSQL's german.stop), without "weg" and "machen",
# which are also nouns and verbs readers search for.
STOP_WORDS = frozenset(
    word.casefold()
    for word in """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
    anderes anderm andern anderr anders auch auf aus bei bin bis bist da damit dann der den
    des dem die das daß dass derselbe derselben denselben desselben demselben dieselbe
    dieselben dasselbe dazu dein deine deinem deinen deiner deines denn derer dessen dich dir
    du dies diese diesem diesen dieser dieses doch dort durch ein eine einem einen einer eines
    einig einige einigem einigen einiger einiges einmal er ihn ihm es etwas euer eure eurem
    euren eurer eures für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich
    mich mir ihr ihre ihrem ihren ihrer ihres euch im in indem ins ist jede jedem jeden jeder
    jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines können
    könnte man manche manchem manchen mancher manches mein meine meinem meinen meiner meines
    mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen
    seiner seines selbst sich sie ihnen sind so solche solchem solchen solcher solches soll
    sollte sondern sonst über um und uns unse unsem unsen unser unses unter viel vom von vor
    während war waren warst was weil weiter welche welchem welchen welcher welches wenn werde
    werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen
    """.split()
)

# Column order of both indexes, with the weight of each column: headline first, then the
# keywords and people an editor attached, then lead and body.
ARTICLE_COLUMNS = (
    ("title", "A", 10.0),
    ("tags", "B", 6.0),
    ("people", "B", 6.0),
    ("lead", "C", 3.0),
    ("body", "D", 1.0),
)
PERSON_COLUMNS = (("name", "A", 1.0),)

UMLAUT_DIAERESIS = "\u0308"
_local = threading.local()


# Analysis ---------------------------------------------------------------------------------


def fold(word):
    """Return `word` case-folded and without accents, except the umlauts the stemmer folds."""
    word = unicodedata.normalize("NFC", word.casefold())
    if word.isascii():
        return word
    kept = []
    for char in unicodedata.normalize("NFD", word):
        is_umlaut = char == UMLAUT_DIAERESIS and kept and kept[-1] in "aou"
        if unicodedata.combining(char) and not is_umlaut:
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


@functools.lru_cache(maxsize=100_000)
def stem(word):
    """Return the index key of one word: folded and stemmed, or "" for a stop word."""
    word = fold(word)
    if word in STOP_WORDS:
        return ""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:  # stemmer objects keep state while they work: one per thread
        stemmer = _local.stemmer = snowballstemmer.stemmer("german")
    return stemmer.stemWord(word)


def terms(text):
    """Return the index keys of `text` in reading order, stop words left out."""
    keys = (stem(word) for word in WORD.findall(unicodedata.normalize("NFC", text or "")))
    return [key for key in keys if key]


def clean_query(raw):
    """Return the query as a reader meant it: no control characters, single spaces, bounded."""
    return " ".join(CONTROL.sub(" ", raw or "").split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query):
    """Return the distinct index keys of `query`, in order, at most MAX_QUERY_TERMS of them."""
    return list(dict.fromkeys(terms(query)))[:MAX_QUERY_TERMS]


def html_to_text(body):
    """Return the words of sanitised rich text; block ends become spaces, entities characters."""
    return " ".join(html.unescape(TAG.sub(" ", body or "")).split())


# Highlighting -----------------------------------------------------------------------------


def contains(text, keys):
    """Return whether a word of `text` has one of the index keys `keys`."""
    words = WORD.findall(unicodedata.normalize("NFC", text or ""))
    return any(stem(word) in keys for word in words)


def highlight(text, keys):
    """Return `text` escaped, with each word whose index key is in `keys` wrapped in <mark>."""
    text = unicodedata.normalize("NFC", text or "")
    parts, last = [], 0
    for match in WORD.finditer(text):
        if keys and stem(match.group()) in keys:
            parts.append(escape(text[last : match.start()]))
            parts.append(format_html("<mark>{}</mark>", match.group()))
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))


def excerpt(text, keys, words=EXCERPT_WORDS):
    """Return about `words` words of `text` around its first match, highlighted; "" without one."""
    text = unicodedata.normalize("NFC", text or "")
    matches = list(WORD.finditer(text))
    first = next((i for i, m in enumerate(matches) if stem(m.group()) in keys), None)
    if first is None:
        return ""
    start = max(0, first - words // 3)
    end = min(len(matches), start + words)
    cut_before, cut_after = start > 0, end < len(matches)
    begin = matches[start].start() if cut_before else 0
    finish = matches[end - 1].end() if cut_after else len(text)
    return format_html(
        "{}{}{}",
        "… " if cut_before else "",
        highlight(text[begin:finish], keys),
        " …" if cut_after else "",
    )


# Index documents --------------------------------------------------------------------------


def article_document(title, lead, body, tag_names, person_names):
    """Return the index keys of one article per column, each as a space-separated string."""
    return {
        "title": " ".join(terms(title)),
        "tags": " ".join(terms(" ".join(tag_names))),
        "people": " ".join(terms(" ".join(person_names))),
        "lead": " ".join(terms(lead)),
        "body": " ".join(terms(html_to_text(body))),
    }


def person_label(name, honorific=""):
    return f"{honorific} {name}".strip()


def _article_rows(article_ids, apps):
    """Yield (pk, document) for the given articles, reading tags and people in two queries."""
    article_model = apps.get_model("news", "Article")
    tagged_model = apps.get_model("news", "TaggedArticle")
    mentions = article_model.people.through
    tags, people = {}, {}
    taggings = tagged_model.objects.filter(content_object_id__in=article_ids)
    for article_id, name in taggings.values_list("content_object_id", "tag__name"):
        tags.setdefault(article_id, []).append(name)
    named = mentions.objects.filter(article_id__in=article_ids)
    for article_id, name, honorific in named.values_list(
        "article_id", "person__name", "person__honorific"
    ):
        people.setdefault(article_id, []).append(person_label(name, honorific))
    articles = article_model.objects.filter(pk__in=article_ids).order_by("pk")
    for pk, title, lead, body in articles.values_list("pk", "title", "lead", "body"):
        yield pk, article_document(title, lead, body, tags.get(pk, []), people.get(pk, []))


def _person_rows(person_ids, apps):
    person_model = apps.get_model("people", "Person")
    persons = person_model.objects.filter(pk__in=person_ids).values_list("pk", "name", "honorific")
    for pk, name, honorific in persons.order_by("pk"):
        yield pk, {"name": " ".join(terms(person_label(name, honorific)))}


# Database backends ------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexSpec:
    """One search index: its table, the table it indexes, its columns and the tie-break order."""

    table: str
    source: str
    columns: tuple
    tie_break: str


ARTICLE_INDEX = IndexSpec(
    ARTICLE_TABLE, "news_article", ARTICLE_COLUMNS, 'src."published_at" DESC, src."id" DESC'
)
PERSON_INDEX = IndexSpec(PERSON_TABLE, "people_person", PERSON_COLUMNS, 'src."name", src."id"')


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


# Keeping the index current ----------------------------------------------------------------


def index_articles(article_ids, apps=global_apps, db=None):
    """Write the index entries of the given articles; ids of deleted articles are removed."""
    _write_index(ARTICLE_INDEX, article_ids, _article_rows, apps, db)


def index_people(person_ids, apps=global_apps, db=None):
    """Write the index entries of the given people; ids of deleted people are removed."""
    _write_index(PERSON_INDEX, person_ids, _person_rows, apps, db)


def _write_index(index, ids, make_rows, apps, db):
    ids = list(ids)
    if not ids:
        return
    db = db or connection
    rows = list(make_rows(ids, apps))
    search = backend(db.vendor)
    with db.cursor() as cursor:
        search.write(cursor, index, rows)
        gone = set(ids) - {pk for pk, _ in rows}
        if gone:
            search.delete(cursor, index, gone)


def rebuild_index(apps=global_apps, db=None, batch_size=500):
    """Index every article and person again; return how many of each were indexed.

    `apps` and `db` (a connection) let a migration run this with its historical models.
    """
    db = db or connection
    search = backend(db.vendor)
    counts = []
    for spec, model, index in (
        (ARTICLE_INDEX, apps.get_model("news", "Article"), index_articles),
        (PERSON_INDEX, apps.get_model("people", "Person"), index_people),
    ):
        with transaction.atomic(using=db.alias), db.cursor() as cursor:
            cursor.execute(f"DELETE FROM {spec.table}")
        pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), batch_size):
            # One transaction per batch: one commit, and on SQLite one FTS5 segment, per batch.
            with transaction.atomic(using=db.alias):
                index(pks[start : start + batch_size], apps=apps, db=db)
        with db.cursor() as cursor:
            search.optimize(cursor, spec)
        counts.append(len(pks))
    return tuple(counts)


def _article_saved(sender, instance, **kwargs):
    index_articles([instance.pk])


def _article_deleted(sender, instance, **kwargs):
    with connection.cursor() as cursor:
        backend().delete(cursor, ARTICLE_INDEX, [instance.pk])


def _article_relations_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Re-index after tags or people of an article change, from either side of the relation."""
    if not reverse:
        if action.startswith("post_"):
            index_articles([instance.pk])
        return
    field = "tags" if sender is TaggedArticle else "people"
    if action == "pre_clear":
        instance._search_article_ids = list(
            Article.objects.filter(**{field: instance}).values_list("pk", flat=True)
        )
    elif action == "post_clear":
        index_articles(getattr(instance, "_search_article_ids", []))
    elif action in ("post_add", "post_remove"):
        index_articles(pk_set or [])


def _tag_saved(sender, instance, created, **kwargs):
    if not created:  # a renamed keyword changes the documents of its articles
        index_articles(Article.objects.filter(tags=instance).values_list("pk", flat=True))


def _tagging_deleted(sender, instance, origin=None, **kwargs):
    # When the article itself is being deleted, its own post_delete removes the entry.
    if not isinstance(origin, Article) and getattr(origin, "model", None) is not Article:
        index_articles([instance.content_object_id])


def _person_saved(sender, instance, **kwargs):
    index_people([instance.pk])
    index_articles(instance.articles.values_list("pk", flat=True))


def _person_deleting(sender, instance, **kwargs):
    instance._search_article_ids = list(instance.articles.values_list("pk", flat=True))


def _person_deleted(sender, instance, **kwargs):
    with connection.cursor() as cursor:
        backend().delete(cursor, PERSON_INDEX, [instance.pk])
    index_articles(getattr(instance, "_search_article_ids", []))


def connect_signals():
    uid = "news.search"
    post_save.connect(_article_saved, sender=Article, dispatch_uid=f"{uid}.article_saved")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid=f"{uid}.article_deleted")
    for through in (TaggedArticle, Article.people.through):
        m2m_changed.connect(
            _article_relations_changed,
            sender=through,
            dispatch_uid=f"{uid}.relations.{through.__name__}",
        )
    post_save.connect(_tag_saved, sender=Tag, dispatch_uid=f"{uid}.tag_saved")
    post_delete.connect(
        _tagging_deleted, sender=TaggedArticle, dispatch_uid=f"{uid}.tagging_deleted"
    )
    post_save.connect(_person_saved, sender=Person, dispatch_uid=f"{uid}.person_saved")
    pre_delete.connect(_person_deleting, sender=Person, dispatch_uid=f"{uid}.person_deleting")
    post_delete.connect(_person_deleted, sender=Person, dispatch_uid=f"{uid}.person_deleted")


# Queries ----------------------------------------------------------------------------------


@dataclass
class ArticleHit:
    """One found article with its headline, teaser and, if only the body matched, an excerpt."""

    article: Article
    title: str
    teaser: str
    excerpt: str


@dataclass
class PersonHit:
    person: Person
    name: str


def published_gate(column):
    """Return SQL and params that hold when the article whose id is in `column` is published.

    Built from `Article.objects.published()`, the one rule for visibility, as a correlated
    EXISTS: it checks each match by primary key, where an IN (all published ids) list made
    the database collect every published article for every query (30 times slower at 100,000).
    """
    published = Article.objects.published().order_by().filter(pk=RawSQL(column, ()))
    sql, params = published.values("pk").query.sql_with_params()
    return f"EXISTS ({sql})", list(params)


class SearchResults:
    """The ranked matches of some index keys, sliced in the database: what Paginator needs."""

    def __init__(self, spec, keys, any_key=False, gate=None):
        self.spec, self.keys, self.any_key, self.gate = spec, keys, any_key, gate

    @cached_property
    def _count(self):
        if not self.keys:
            return 0
        sql, params = backend().count(self.spec, self.keys, self.any_key, self.gate)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def ids(self, offset, limit):
        """Return the primary keys of the matches from `offset`, best first."""
        if not self.keys or limit <= 0:
            return []
        sql, params = backend().page(self.spec, self.keys, self.any_key, self.gate, offset, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("SearchResults can only be sliced.")
        start = index.start or 0
        stop = self._count if index.stop is None else index.stop
        return self.hits(self.ids(start, stop - start))

    def hits(self, pks):
        raise NotImplementedError


class ArticleSearchResults(SearchResults):
    def __init__(self, keys):
        super().__init__(ARTICLE_INDEX, keys, gate=published_gate)

    def hits(self, pks):
        articles = Article.objects.published().select_related("section").in_bulk(pks)
        keys = set(self.keys)
        found = []
        for pk in pks:
            article = articles.get(pk)
            if article is None:  # unpublished between the two queries
                continue
            lead = Truncator(article.lead).words(TEASER_WORDS)
            body_excerpt = ""
            if not contains(article.title, keys) and not contains(lead, keys):
                body_excerpt = excerpt(html_to_text(article.body), keys)
            found.append(
                ArticleHit(
                    article, highlight(article.title, keys), highlight(lead, keys), body_excerpt
                )
            )
        return found


class PersonSearchResults(SearchResults):
    def __init__(self, keys):
        super().__init__(PERSON_INDEX, keys, any_key=True)

    def hits(self, pks):
        people = Person.objects.in_bulk(pks)
        keys = set(self.keys)
        return [
            PersonHit(people[pk], highlight(str(people[pk]), keys)) for pk in pks if pk in people
        ]


def search_articles(query):
    """Return the published articles that contain every meaningful word of `query`, best first."""
    return ArticleSearchResults(query_terms(query))


def search_people(query):
    """Return the people whose name contains any meaningful word of `query`, best first."""
    return PersonSearchResults(query_terms(query))


class ArticleSearchView(LatestArticlesMixin, ListView):
    """The search page: articles ranked by relevance, paginated, and matching people above."""

    template_name = "news/search.html"

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q", ""))
        self.keys = query_terms(self.query)
        return ArticleSearchResults(self.keys)

    def get_paginate_by(self, queryset):
        return settings.NEWS_PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        """Answer an odd page number with the nearest real page instead of an error."""
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, has_terms=bool(self.keys), **kwargs)
        if context["page_obj"].number == 1:
            context["people"] = PersonSearchResults(self.keys)[:PEOPLE_RESULTS]
        return context
