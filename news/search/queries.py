"""Searching: the published articles and the people that match a query, ranked, as hits."""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator

from kldigital.prebuilt import ANY_MOMENT, PrebuiltIn
from people.models import Person

from ..models import Article, ArticleTranslation
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


MAX_HITS = 1000
# The hits of a page, read with SQL the ORM builds once (kldigital.prebuilt).
ARTICLE_HITS = PrebuiltIn(
    lambda keys, now: (
        Article.objects.published(now).select_related("section").filter(pk__in=keys).order_by()
    ),
    now=ANY_MOMENT,
)
PEOPLE_HITS = PrebuiltIn(lambda keys: Person.objects.filter(pk__in=keys).order_by())


class SearchResults:
    """The ranked matches of some index keys: what Paginator needs, in one query.

    At most MAX_HITS are listed: for a dated index these are the newest MAX_HITS visible
    matches, ranked (the count then says "mehr als 1.000"); a word in most of 100,000
    articles costs as much as a rarer one. `gate(column)` may add an SQL condition on the
    source's id to an index that is not dated.
    """

    cap = MAX_HITS

    def __init__(self, spec, keys, any_key=False, gate=None):
        self.spec, self.keys, self.any_key, self.gate = spec, keys, any_key, gate

    @cached_property
    def _ids(self):
        """The ids of up to cap + 1 matches, best first; the one more tells that there are more."""
        if not self.keys:
            return []
        with connection.cursor() as cursor:
            return self.narrow(
                backend().ranked(
                    cursor,
                    self.spec,
                    self.keys,
                    self.any_key,
                    timezone.now(),
                    self.cap + 1,
                    self.gate,
                )
            )

    def narrow(self, ids):
        """Leave out matches a subclass does not list (the ranked ids, up to cap + 1)."""
        return ids

    @property
    def capped(self):
        """Whether there are more matches than listed."""
        return len(self._ids) > self.cap

    def count(self):
        return min(len(self._ids), self.cap)

    def __len__(self):
        return self.count()

    def ids(self, offset, limit):
        """Return the primary keys of the matches from `offset`, best first."""
        return self._ids[: self.cap][offset : offset + max(limit, 0)]

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("SearchResults can only be sliced.")
        start = index.start or 0
        stop = self.count() if index.stop is None else index.stop
        return self.hits(self.ids(start, stop - start))

    def hits(self, pks):
        raise NotImplementedError


class ArticleSearchResults(SearchResults):
    def __init__(self, keys):
        super().__init__(ARTICLE_INDEX, keys)

    def hits(self, pks):
        # published() again: an index bypassed by bulk updates may be stale, the gate is not.
        articles = {article.pk: article for article in ARTICLE_HITS(pks, now=timezone.now())}
        keys = set(self.keys)
        found = []
        for pk in pks:
            article = articles.get(pk)
            if article is None:  # unpublished since it was indexed
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


class UntranslatedSearchResults(ArticleSearchResults):
    """German originals that match and have no public translation into `language`.

    What a reader under /en/ also finds with a German word. The newest cap + 1 matches are
    ranked as on the German page, then those read in English already are left out (one
    query more, however many): the count stays capped, "more than" if the ranking was.
    """

    def __init__(self, keys, language):
        super().__init__(keys)
        self.language = language
        self.beyond_cap = False

    def narrow(self, ids):
        self.beyond_cap = len(ids) > self.cap
        translated = set(
            ArticleTranslation.objects.published()
            .filter(language=self.language, article_id__in=ids)
            .values_list("article_id", flat=True)
        )
        return [pk for pk in ids if pk not in translated]

    @property
    def capped(self):
        ids = self._ids  # ranking first tells whether there were more
        return self.beyond_cap and bool(ids)


class PersonSearchResults(SearchResults):
    def __init__(self, keys):
        super().__init__(PERSON_INDEX, keys, any_key=True)

    def hits(self, pks):
        people = {person.pk: person for person in PEOPLE_HITS(pks)}
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
