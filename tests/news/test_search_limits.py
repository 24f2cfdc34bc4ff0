"""The bounded search of issue 18: capped counts, ranking within the newest matches, the
visibility date kept in the index, prefixes as one types."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from news import search
from news.models import Article, Section
from news.search import queries
from news.search import sqlite as backends
from tests.factories import ArticleFactory

from .test_search import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def cap(monkeypatch):
    """List at most three matches, so that a handful of articles is "many"."""
    monkeypatch.setattr(queries.SearchResults, "cap", 3)
    return 3


def test_count_is_capped_and_said_in_german(client):
    section = Section.objects.create(title="Stadt", slug="stadt")
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Radarsensoren {n}",
            slug=f"radar-{n}",
            lead="Vorspann.",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=n + 1),
        )
        for n in range(search.MAX_HITS + 1)
    )
    search.rebuild_index()
    page = client.get("/suche/", {"q": "Radarsensoren"}).content.decode()
    assert "Mehr als 1.000 Treffer in Meldungen" in page
    assert "Seite 1 von 100" in page  # NEWS_PAGE_SIZE 10: the capped list, not all matches
    assert search.search_articles("Radarsensoren").count() == search.MAX_HITS


def test_count_below_the_cap_is_exact(client, cap):
    for n in range(cap):
        ArticleFactory(title=f"Radarsensoren {n}")
    page = client.get("/suche/", {"q": "Radarsensoren"}).content.decode()
    assert "3 Treffer in Meldungen" in page and "Mehr als" not in page


def test_common_word_lists_the_best_title_match_first_among_recent_ones(client, cap):
    now = timezone.now()
    ArticleFactory(slug="alt", title="Radarsensoren", published_at=now - timedelta(days=30))
    ArticleFactory(slug="titel", title="Radarsensoren", published_at=now - timedelta(days=3))
    for day in (1, 2, 4):
        ArticleFactory(
            slug=f"text-{day}",
            title="Verkehr",
            body="<p>Mit Radarsensoren.</p>",
            published_at=now - timedelta(days=day),
        )
    # The newest cap + 1 matches are ranked; the month-old headline is beyond them.
    assert found(client, "Radarsensoren") == ["titel", "text-1", "text-2"]
    assert "Mehr als 3 Treffer" in client.get("/suche/", {"q": "Radarsensoren"}).content.decode()


def test_drafts_and_scheduled_articles_stay_out_of_a_capped_list(client, cap):
    now = timezone.now()
    ArticleFactory(slug="entwurf", title="Radarsensoren", status=Article.Status.DRAFT)
    ArticleFactory(slug="pruefung", title="Radarsensoren", status=Article.Status.REVIEW)
    ArticleFactory(slug="geplant", title="Radarsensoren", published_at=now + timedelta(hours=1))
    for day in range(1, 6):
        ArticleFactory(
            slug=f"alt-{day}", title="Radarsensoren", published_at=now - timedelta(days=day)
        )
    assert found(client, "Radarsensoren") == ["alt-1", "alt-2", "alt-3"]
    with time_machine.travel(now + timedelta(hours=2)):  # no re-indexing in between
        assert found(client, "Radarsensoren") == ["geplant", "alt-1", "alt-2"]


def test_index_bypassed_by_a_bulk_update_still_shows_no_draft(client):
    ArticleFactory(slug="zurueckgezogen", title="Radarsensoren")
    Article.objects.update(status=Article.Status.DRAFT)  # no signals: the index is stale
    assert found(client, "Radarsensoren") == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Digitalis*", ["digital"]),
        ("Geschaeftsf*", ["leitung"]),
        ("Städ*", ["digital", "staedte"]),
        ("Digitalisierung Stae*", ["digital"]),
        ("Digitalis", []),  # without "*" a word is a whole word
        ("Di*", []),  # too short to be a prefix
    ],
)
def test_last_word_with_a_star_is_a_prefix(client, query, expected):
    ArticleFactory(slug="digital", title="Digitalisierung der Städte")
    ArticleFactory(slug="leitung", title="Neue Geschäftsführerin")
    ArticleFactory(slug="staedte", title="Städtepartnerschaft")
    assert sorted(found(client, query)) == sorted(expected)


def test_prefix_matches_are_highlighted(client):
    ArticleFactory(title="Digitalisierung im Rathaus")
    page = client.get("/suche/", {"q": "digitalis*"}).content.decode()
    assert "<mark>Digitalisierung</mark> im Rathaus" in page


def test_sqlite_keys_order_by_visibility_and_hide_drafts():
    now = timezone.now().replace(microsecond=0)
    older = backends.sqlite_key(7, now - timedelta(seconds=1))
    newer = backends.sqlite_key(3, now)
    later = backends.sqlite_key(5, now + timedelta(seconds=1))
    assert 0 < older < newer <= backends.sqlite_newest_key(now) < later
    assert backends.sqlite_key(9, None) < 0
    # Rounded up: an article due at 12:00:00.5 is not shown at 12:00:00.9, but at 12:00:01.
    due = now + timedelta(microseconds=500_000)
    assert backends.sqlite_key(1, due) > backends.sqlite_newest_key(
        due + timedelta(milliseconds=400)
    )
    assert backends.sqlite_key(1, due) <= backends.sqlite_newest_key(now + timedelta(seconds=1))
    assert newer & (2**backends.ID_BITS - 1) == 3
    with pytest.raises(ValueError):
        backends.sqlite_key(2**backends.ID_BITS, now)


def test_several_words_rank_by_the_best_column_of_each(client):
    """Each word adds the weight of the best column it is in, newest first among equals."""
    now = timezone.now()
    articles = {
        "beide-titel": ("Radarsensoren am Rathaus", "", ""),
        "titel-text": ("Radarsensoren", "", "<p>Im Rathaus.</p>"),
        "vorspann-vorspann": ("Verkehr", "Radarsensoren vor dem Rathaus.", ""),
        "text-text": ("Verkehr", "", "<p>Radarsensoren, Rathaus.</p>"),
        "text-text-neu": ("Sicherheit", "", "<p>Rathaus und Radarsensoren.</p>"),
        "nur-eins": ("Radarsensoren", "", ""),
    }
    for hours, (slug, (title, lead, body)) in enumerate(articles.items()):
        published_at = now - timedelta(hours=10 - hours)
        ArticleFactory(slug=slug, title=title, lead=lead, body=body, published_at=published_at)
    expected = ["beide-titel", "titel-text", "vorspann-vorspann", "text-text-neu", "text-text"]
    assert found(client, "Radarsensoren Rathaus") == expected
    assert found(client, "Radarsensoren Rath*") == expected


def test_search_page_explains_the_prefix_star(client):
    page = client.get("/suche/").content.decode()
    assert "Ein Sternchen am Ende sucht nach Wortanfängen („Digitalis*“)." in page
