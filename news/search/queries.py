"""Searching: the published articles and the people that match a query, ranked, as hits."""

from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property
from django.utils.text import Truncator

from people.models import Person

from ..models import Article
from .analysis import TEASER_WORDS, contains, excerpt, highlight, html_to_text, query_terms
from .backends import backend
from .index import ARTICLE_INDEX, PERSON_INDEX


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
