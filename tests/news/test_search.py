import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news import search
from news.models import Article
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db

HIT = re.compile(r'<h3 class="card__title">\s*<a href="/meldung/([^/]+)/"')


def found(client, query, **params):
    """Return the slugs of the articles the search page lists for `query`, in order."""
    response = client.get("/suche/", {"q": query, **params})
    assert response.status_code == 200
    return HIT.findall(response.content.decode())


# Analysis ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ["Geschäftsführerin", "geschäftsführerin", "Geschaeftsfuehrerin", "GESCHÄFTSFÜHRERIN"],
        ["Städte", "Stadt", "Staedte"],
        ["Projekten", "Projekt", "Projekte"],
        ["Sensoren", "Sensor"],
        ["Straße", "Strasse"],
        ["Geschäftsführerinnen", "Geschäftsführer"],
        ["Café", "Cafe"],
    ],
)
def test_spellings_and_inflections_share_one_index_key(spellings):
    assert len({search.stem(word) for word in spellings}) == 1


def test_stop_words_and_punctuation_carry_no_key():
    assert search.terms("Die, und der; für -- das!") == []
    assert search.query_terms("%") == [] and search.query_terms("' OR 1=1 --") == ["or", "1"]


def test_query_keeps_at_most_twelve_distinct_keys():
    words = " ".join(f"wort{i}" for i in range(30))
    assert len(search.query_terms(words + " " + words)) == search.MAX_QUERY_TERMS


def test_highlight_escapes_everything_and_marks_matches():
    html = search.highlight("<b>Städte</b> & Stadtwerke: die Stadt", {search.stem("Stadt")})
    assert html == "&lt;b&gt;<mark>Städte</mark>&lt;/b&gt; &amp; Stadtwerke: die <mark>Stadt</mark>"


def test_excerpt_shows_the_words_around_the_first_match():
    before, after = (" ".join(f"{c}{i}" for i in range(100)) for c in "wv")
    text = f"{before} Radarsensoren {after}"
    excerpt = search.excerpt(text, {search.stem("Radarsensor")})
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
    assert "<mark>Radarsensoren</mark>" in excerpt
    assert len(excerpt.split()) < 40


# Finding ----------------------------------------------------------------------------------


def test_umlauts_and_case_fold(client):
    ArticleFactory(slug="benz", title="KL.digital bekommt neue Geschäftsführerin")
    for query in ["Geschaeftsfuehrerin", "geschäftsführerin", "GESCHÄFTSFÜHRERIN"]:
        assert found(client, query) == ["benz"], query


@pytest.mark.parametrize(
    "query, text",
    [
        ("Städte", "Die Stadt Kaiserslautern plant."),
        ("Stadt", "Viele Städte planen."),
        ("Projekten", "Ein Projekt der Stadt."),
        ("Sensoren", "Ein Sensor misst den Verkehr."),
        ("Geschäftsführer", "Die neue Geschäftsführerin stellt sich vor."),
    ],
)
def test_inflected_forms_find_each_other(client, query, text):
    ArticleFactory(slug="treffer", title="Meldung", lead=text)
    ArticleFactory(slug="anderes", title="Anderes", lead="Nichts davon.")
    assert found(client, query) == ["treffer"]


def test_every_word_must_match(client):
    ArticleFactory(slug="beide", title="Radarsensoren", lead="In Kaiserslautern.")
    ArticleFactory(slug="eines", title="Radarsensoren", lead="In Dortmund.")
    assert found(client, "radarsensoren kaiserslautern") == ["beide"]


def test_tags_and_names_of_people_count(client):
    article = ArticleFactory(slug="mit-person", title="Neue Leitung", tags=["Smart City"])
    article.people.add(PersonFactory(name="Ilona Benz"))
    assert found(client, "smart city") == ["mit-person"]
    assert found(client, "Benz") == ["mit-person"]


def test_body_text_without_markup_is_found(client):
    ArticleFactory(slug="im-text", body="<p>Erster Absatz.</p><p>Digitalisierung<br>im Rathaus</p>")
    assert found(client, "Digitalisierung Rathaus") == ["im-text"]
    assert found(client, "AbsatzDigitalisierung") == []


def test_drafts_and_scheduled_articles_are_never_found(client):
    ArticleFactory(slug="sichtbar", title="Radarsensoren sichtbar")
    ArticleFactory(slug="entwurf", title="Radarsensoren Entwurf", status=Article.Status.DRAFT)
    later = timezone.now() + timedelta(hours=1)
    ArticleFactory(slug="geplant", title="Radarsensoren geplant", published_at=later)
    assert found(client, "Radarsensoren") == ["sichtbar"]
    assert found(client, "Entwurf") == [] and found(client, "geplant") == []
    assert search.search_articles("Radarsensoren").count() == 1


def test_scheduled_article_is_found_once_its_time_has_come(client):
    later = timezone.now() + timedelta(hours=1)
    ArticleFactory(slug="geplant", title="Radarsensoren", published_at=later)
    assert found(client, "Radarsensoren") == []
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert found(client, "Radarsensoren") == ["geplant"]


def test_withdrawn_article_disappears(client):
    article = ArticleFactory(slug="zurueck", title="Radarsensoren")
    article.status = Article.Status.DRAFT
    article.save()
    assert found(client, "Radarsensoren") == []


# Ranking and pagination -------------------------------------------------------------------


def test_headline_match_ranks_above_body_match(client):
    now = timezone.now()
    ArticleFactory(
        slug="im-text",
        title="Verkehr",
        body="<p>Mit Radarsensoren an Kreuzungen.</p>",
        published_at=now - timedelta(hours=1),
    )
    ArticleFactory(
        slug="im-vorspann",
        title="Sicherheit",
        lead="Radarsensoren an Kreuzungen.",
        published_at=now - timedelta(hours=2),
    )
    ArticleFactory(
        slug="in-ueberschrift",
        title="Radarsensoren an Kreuzungen für mehr Sicherheit",
        published_at=now - timedelta(hours=3),
    )
    assert found(client, "Radarsensoren") == ["in-ueberschrift", "im-vorspann", "im-text"]
    # Several words rank the same way: where they stand, not how close.
    expected = ["in-ueberschrift", "im-vorspann", "im-text"]
    assert found(client, "Kreuzungen Radarsensoren") == expected


def test_equal_matches_list_newest_first():
    now = timezone.now()
    ArticleFactory(slug="alt", title="Radarsensoren", published_at=now - timedelta(days=3))
    ArticleFactory(slug="neu", title="Radarsensoren", published_at=now - timedelta(days=1))
    hits = search.search_articles("Radarsensoren")[:100]
    assert [hit.article.slug for hit in hits] == ["neu", "alt"]


def test_results_are_paginated(client, settings):
    settings.NEWS_PAGE_SIZE = 2
    now = timezone.now()
    for day in range(3):
        published_at = now - timedelta(days=day + 1)
        ArticleFactory(slug=f"tag-{day}", title="Radarsensoren", published_at=published_at)
    page = client.get("/suche/", {"q": "Radarsensoren"}).content.decode()
    assert "3 Treffer" in page and "Seite 1 von 2" in page
    assert 'href="?q=Radarsensoren&amp;page=2"' in page
    assert found(client, "Radarsensoren", page=2) == ["tag-2"]


@pytest.mark.parametrize("size", [3, 5, 6])
def test_every_number_of_hits_is_read_in_order(client, settings, size):
    # A page's hits are read by a statement per power of two, the keys padded (PrebuiltIn).
    settings.NEWS_PAGE_SIZE = size
    now = timezone.now()
    for day in range(7):
        published_at = now - timedelta(days=day + 1)
        ArticleFactory(slug=f"tag-{day}", title="Radarsensoren", published_at=published_at)
    people = [PersonFactory(name=f"{name} Radarsensoren") for name in ["Ada", "Bert", "Cem"]]
    page = client.get("/suche/", {"q": "Radarsensoren"}).content.decode()
    assert found(client, "Radarsensoren") == [f"tag-{day}" for day in range(size)]
    second = [f"tag-{day}" for day in range(size, min(2 * size, 7))]
    assert found(client, "Radarsensoren", page=2) == second
    assert all(f'href="{person.get_absolute_url()}"' in page for person in people)


@pytest.mark.parametrize(
    "page, expected", [("abc", ["tag-0", "tag-1"]), ("99", ["tag-2"]), ("-1", ["tag-2"])]
)
def test_odd_page_numbers_get_a_real_page(client, settings, page, expected):
    settings.NEWS_PAGE_SIZE = 2
    now = timezone.now()
    for day in range(3):
        published_at = now - timedelta(days=day + 1)
        ArticleFactory(slug=f"tag-{day}", title="Radarsensoren", published_at=published_at)
    assert found(client, "Radarsensoren", page=page) == expected


def test_search_page_query_count_does_not_grow_with_hits(client, settings):
    settings.NEWS_PAGE_SIZE = 10
    counts = []
    for new, hits in ((1, 1), (9, 10)):
        for _ in range(new):
            ArticleFactory(title="Radarsensoren", tags=["Verkehr"])
        with CaptureQueriesContext(connection) as captured:
            assert len(found(client, "Radarsensoren")) == hits
        counts.append(len(captured))
    assert counts[0] == counts[1]
