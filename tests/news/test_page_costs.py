"""What an uncached page costs: constant queries and cache round trips, keyset pages."""

import re
import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.caching import invalidate
from news.fragments import article_tag
from people.models import Term
from tests.factories import (
    ArticleFactory,
    PersonFactory,
    RelatedArticleFactory,
    SectionFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def queries_of(client, url):
    """Return the queries of the second of two fetches (the chrome is read once per change)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(section, start, stop):
    """Add sections, people, tags and articles: what a page could pay for per item."""
    for i in range(start, stop):
        SectionFactory(title=f"Rubrik {i}", slug=f"rubrik-{i}")
        article = ArticleFactory(section=section, tags=["Radverkehr", f"Stichwort {i}"])
        article.people.add(PersonFactory(slug=f"person-{i}"))


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/", 1),
        ("/rubrik/smart-city/", 1),
        ("/stichwort/radverkehr/", 2),
        ("/archiv/{year}/", 1),
        ("/archiv/{year}/{month}/", 1),
        ("/personen/person-0/", 5),
    ],
)
def test_list_pages_cost_the_same_queries_however_much_there_is(
    client, settings, section, url, budget
):
    settings.NEWS_PAGE_SIZE = 3
    today = timezone.localdate() - timedelta(days=1)
    url = url.format(year=today.year, month=today.month)
    grow(section, 0, 1)
    few = queries_of(client, url)
    grow(section, 1, 9)
    ArticleFactory.create_batch(8, section=section, tags=["Radverkehr"])
    PersonFactory._meta.model.objects.get(slug="person-0").articles.add(
        *ArticleFactory.create_batch(8, section=section)
    )
    assert queries_of(client, url) == few <= budget


def test_article_page_costs_the_same_queries_however_much_it_names(client, section, settings):
    settings.NEWS_RELATED_COUNT = 20

    def article_with(n):
        article = ArticleFactory(section=section, tags=[f"Stichwort {i}" for i in range(n)])
        for i in range(n):
            article.people.add(TermFactory().person)  # an office on the article's day
            RelatedArticleFactory(from_article=article, to_article=ArticleFactory(), order=i)
            ArticleFactory(section=section, tags=[f"Stichwort {i}"])  # an automatic top-up
        return article

    one, twelve = article_with(1), article_with(12)
    assert len(twelve.related_articles()) == 20
    time.sleep(0.002)  # the last change's stamp may lie up to 1 ms ahead (new_stamp)
    # Kept parts (news.fragments, with the translations' addresses): the article, related.
    assert queries_of(client, one.get_absolute_url()) == 2
    assert queries_of(client, twelve.get_absolute_url()) == 2
    # Rendered afresh: keywords, people and offices too; no links, corrections or
    # translations: no query.
    for article in (one, twelve):
        client.get(article.get_absolute_url())
        invalidate(article_tag(article.pk))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(article.get_absolute_url())
        assert len(captured) == 5
        for term in Term.objects.filter(person__articles=article):  # each office, as held then
            assert f"{term.title}, {term.post.organization}" in response.content.decode()


def test_navigation_and_sidebar_are_read_once_per_change(client, article):
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert not [q for q in captured if re.search(r'FROM "news_(section|adslot|page)"', q["sql"])]
    SectionFactory(title="Neue Rubrik", slug="neue-rubrik")
    assert '<a href="/rubrik/neue-rubrik/">Neue Rubrik</a>' in html(client.get("/"))


class CountingCache:
    """Counts the calls that reach the shared cache, each one round trip.

    Only outermost calls count: the local-memory backend of the tests answers get_many by
    calling get, where Redis and diskcache make one trip.
    """

    def __init__(self, monkeypatch):
        self.calls, self.depth = [], 0
        backend = caches["default"]
        for name in ("get", "get_many", "set", "set_many", "add", "delete", "has_key"):
            method = getattr(backend, name)
            monkeypatch.setattr(backend, name, self.counted(name, method))

    def counted(self, name, method):
        def call(*args, **kwargs):
            if not self.depth:
                self.calls.append(name)
            self.depth += 1
            try:
                return method(*args, **kwargs)
            finally:
                self.depth -= 1

        return call


def test_cache_round_trips_do_not_grow_with_the_people_a_page_names(
    client, settings, section, monkeypatch
):
    settings.NEWS_PAGE_CACHE_SECONDS = 600
    counting = CountingCache(monkeypatch)
    trips = []
    for n in (1, 12):
        # Each in a section of its own: no related cards, whose trips test_cards.py counts.
        article = ArticleFactory(section=SectionFactory())
        article.people.add(*(PersonFactory() for _ in range(n)))
        client.get("/")  # the chrome and the stamps as after any change
        for _ in range(2):  # a miss that stores the page, then a hit
            counting.calls.clear()
            client.get(article.get_absolute_url())
            trips.append(len(counting.calls))
    assert trips[0:2] == trips[2:4]
    assert trips[1] <= 2  # a hit: the page and its stamps, then the named people's stamps


def test_keyset_pages_walk_older_and_back_newer(client, settings, section):
    settings.NEWS_PAGE_SIZE = 2
    now = timezone.now()
    for i in range(5):
        ArticleFactory(section=section, title=f"Nummer {i}", published_at=now - timedelta(hours=i))
    first = html(client.get("/"))
    assert '<nav class="pagination" aria-label="Seiten">' in first
    assert 'rel="prev"' not in first
    older = re.search(r'<a rel="next" href="\?vor=([0-9-]+)">Ältere Meldungen', first)[1]
    second = html(client.get("/", {"vor": older}))
    assert "Nummer 2" in second and "Nummer 1" not in second.split("<aside")[0]
    newer = re.search(
        r'<a rel="prev" href="\?nach=([0-9-]+)"><span[^>]*>←</span> Neuere Meldungen', second
    )[1]
    back = html(client.get("/", {"nach": newer}))
    assert back.split("<aside")[0] == first.split("<aside")[0]


@pytest.mark.parametrize("cursor", ["x", "1-", "-1", "99999999999999999999-1", "1-2-3"])
def test_bad_cursors_are_a_404(client, article, cursor):
    assert client.get("/", {"vor": cursor}).status_code == 404


def test_scheduled_suggestions_appear_at_their_time_not_before(section, time_machine):
    article = ArticleFactory(section=section, tags=["Radverkehr"])
    scheduled = ArticleFactory(
        section=section, tags=["Radverkehr"], published_at=timezone.now() + timedelta(hours=2)
    )
    assert scheduled not in article.related_articles()
    time_machine.move_to(timezone.now() + timedelta(hours=3))
    assert article.related_articles() == [scheduled]


def test_rebuild_gives_what_saving_keeps(section):
    from news import related
    from news.models import SuggestedArticle

    for i in range(6):
        ArticleFactory(section=section, tags=["Radverkehr"][: i % 2] + [f"S{i % 3}"])
    kept = list(SuggestedArticle.objects.values_list("article", "suggestion", "rank"))
    related.rebuild()
    assert list(SuggestedArticle.objects.values_list("article", "suggestion", "rank")) == kept
