"""Hits answered from the worker's own memory for a moment (news.recent): fast, never stale for long."""

import time
from unittest import mock

import pytest
from django.core.cache import cache as real_cache

from news import caching
from news.caching import NEWS, new_stamp, tag_key
from news.printing import fastpath
from news.recent import Recent
from tests.factories import ArticleFactory
from tests.news.test_pdf_fastpath import PDF, body, store_pdf

pytestmark = pytest.mark.django_db
MOMENT = 0.3


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWS_PAGE_CACHE_SECONDS = 600
    settings.NEWS_PAGE_CACHE_RECHECK = MOMENT
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def counting(monkeypatch, module):
    spy = mock.Mock(wraps=real_cache)
    monkeypatch.setattr(module, "cache", spy)
    return spy


def trips(spy):
    return sum(getattr(spy, name).call_count for name in ("get", "get_many", "set", "set_many"))


def test_a_hit_read_a_moment_ago_takes_no_round_trip_then_one(client, article, monkeypatch):
    url = article.get_absolute_url()
    client.get(url)  # renders and stores
    first = client.get(url)  # a hit from the shared cache
    spy = counting(monkeypatch, caching)
    again = client.get(url)
    assert trips(spy) == 0
    assert again.content == first.content and again["ETag"] == first["ETag"]
    time.sleep(MOMENT + 0.05)
    assert client.get(url).content == first.content
    assert spy.get_many.call_count == 1


def test_a_change_through_this_worker_shows_at_once(client, article):
    url = article.get_absolute_url()
    client.get(url)
    client.get(url)
    article.title = "Neuer Titel für die Meldung"
    article.save()
    assert "Neuer Titel für die Meldung" in client.get(url).content.decode()


def test_a_change_through_another_worker_shows_within_the_moment(client, article):
    url = article.get_absolute_url()
    client.get(url)
    client.get(url)
    # Another worker saves the article: it changes the database and the shared stamp only.
    type(article).objects.filter(pk=article.pk).update(title="Von nebenan geändert")
    real_cache.set(tag_key(NEWS), new_stamp(), timeout=None)
    time.sleep(MOMENT + 0.05)
    assert "Von nebenan geändert" in client.get(url).content.decode()


def test_a_stored_pdf_read_a_moment_ago_takes_no_round_trip(client, article, monkeypatch):
    store_pdf(article)
    url = f"{article.get_absolute_url()}pdf/"
    client.get(url)  # the view keeps the entry
    assert body(client.get(url)) == PDF  # read from the shared cache
    spy = counting(monkeypatch, fastpath)
    response = client.get(url)
    assert response.status_code == 200 and body(response) == PDF
    assert trips(spy) == 0
    time.sleep(MOMENT + 0.05)
    assert body(client.get(url)) == PDF
    assert trips(spy) == 2  # the entry, then its two stamps


def test_unpublishing_ends_the_kept_pdf_at_once(client, article):
    store_pdf(article)
    url = f"{article.get_absolute_url()}pdf/"
    for _ in range(3):
        assert client.get(url).status_code == 200
    article.status = type(article).Status.DRAFT
    article.save()
    assert client.get(url).status_code == 404


def test_off_every_hit_reads_the_shared_cache(client, article, settings, monkeypatch):
    settings.NEWS_PAGE_CACHE_RECHECK = 0
    url = article.get_absolute_url()
    for _ in range(2):
        client.get(url)
    spy = counting(monkeypatch, caching)
    client.get(url)
    assert spy.get_many.call_count == 1


def test_memory_is_bounded(settings):
    settings.NEWS_RECENT_BYTES = 10_000
    recent = Recent()
    for n in range(50):
        recent.keep(f"page:{n}", "x" * 1000)
    assert recent.size <= 10_000
    assert recent.entry("page:49") == "x" * 1000
    assert recent.entry("page:0") is None


def test_entries_are_copies(settings):
    recent = Recent()
    recent.keep("page", {"headers": ["a"]})
    recent.entry("page")["headers"].append("b")
    assert recent.entry("page") == {"headers": ["a"]}


@pytest.mark.parametrize("age", [0.0, MOMENT + 0.05])
def test_stamps_count_only_while_fresh(settings, age):
    recent = Recent()
    recent.note_stamps({"pagecache:tag:news": 5})
    time.sleep(age)
    fresh = recent.fresh_stamps(["pagecache:tag:news"])
    assert fresh == ({"pagecache:tag:news": 5} if age < MOMENT else None)
    assert recent.fresh_stamps(["pagecache:tag:news", "pagecache:tag:people"]) is None


def test_a_new_article_shows_on_the_cached_home_page_at_once(client):
    ArticleFactory(title="Erste Meldung")
    client.get("/")
    client.get("/")
    ArticleFactory(title="Zweite Meldung")
    assert "Zweite Meldung" in client.get("/").content.decode()
