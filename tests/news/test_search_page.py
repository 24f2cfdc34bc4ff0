"""The search page: what a hit shows, people, odd and hostile queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from news import search
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_hit_shows_headline_date_teaser_and_highlights(client):
    ArticleFactory(
        slug="radar",
        dateline="Kaiserslautern",
        title="Radarsensoren für mehr Verkehrssicherheit",
        lead="Die Stadt erprobt Radarsensoren.",
        published_at=timezone.now() - timedelta(days=1),
    )
    page = client.get("/suche/", {"q": "radarsensor"}).content.decode()
    assert "<mark>Radarsensoren</mark> für mehr Verkehrssicherheit" in page
    assert "Die Stadt erprobt <mark>Radarsensoren</mark>." in page
    assert '<span class="card__dateline">Kaiserslautern:</span>' in page
    assert "<time datetime=" in page


def test_body_only_match_shows_a_highlighted_excerpt(client):
    ArticleFactory(
        slug="tief",
        title="Verkehr",
        lead="Ein Vorspann.",
        body="<p>Weit unten im Text stehen die Radarsensoren.</p>",
    )
    page = client.get("/suche/", {"q": "Radarsensoren"}).content.decode()
    excerpt = "Weit unten im Text stehen die <mark>Radarsensoren</mark>."
    assert f'<p class="search-hit__excerpt">{excerpt}</p>' in page


def test_markup_in_articles_is_escaped_in_results(client):
    ArticleFactory(
        title="<script>alert(1)</script> Radarsensoren", lead="<img src=x onerror=alert(1)>"
    )
    page = client.get("/suche/", {"q": "Radarsensoren"}).content.decode()
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Radarsensoren</mark>" in page


def test_people_are_found_by_name(client):
    PersonFactory(name="Ilona Benz", slug="ilona-benz")
    PersonFactory(name="Jürgen Müller", slug="juergen-mueller")
    page = client.get("/suche/", {"q": "Mueller"}).content.decode()
    assert '<a href="/personen/juergen-mueller/">Jürgen <mark>Müller</mark></a>' in page
    assert "ilona-benz" not in page.split("<aside")[0]


def test_person_with_honorific_is_found_and_listed_once(client):
    PersonFactory(name="Dieter Rombach", honorific="Prof.", slug="dieter-rombach")
    page = client.get("/suche/", {"q": "prof rombach"}).content.decode()
    assert page.count('href="/personen/dieter-rombach/"') == 1


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "%",
        "_",
        "'\"",
        '"',
        "<script>alert(1)</script>",
        "x" * 1000,
        "' OR 1=1 --",
        "Robert'); DROP TABLE news_article;--",
        "NEAR(a b)",
        "title:stadt",
        "a*",
        "^stadt",
        "stadt AND OR NOT",
        "!&|():*",
        "stadt:* & !x",
        "\x00",
        "stadt\x00kaiserslautern",
        "%00",
        "\u202e",
        "😀",
        "a" * 200 + "ä",
        "und die der",
        "-",
        "{}[]",
        "\\",
        "ǅ ﬁ ẞ",
        "1e5 0x1F",
    ],
)
def test_hostile_and_silly_queries_get_a_calm_answer(client, query):
    ArticleFactory(title="Stadt Kaiserslautern", lead="Robert und Stadt.")
    response = client.get("/suche/", {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "\x00" not in page


def test_query_made_only_of_stop_words_is_explained(client, article):
    page = client.get("/suche/", {"q": "und die"}).content.decode()
    assert "nur Satzzeichen oder sehr häufige Wörter" in page


def test_long_query_is_cut_and_shown_escaped(client):
    page = client.get("/suche/", {"q": "<b>" + "x" * 1000}).content.decode()
    assert "&lt;b&gt;" + "x" * (search.MAX_QUERY_LENGTH - 3) + "“" in page
    assert "x" * (search.MAX_QUERY_LENGTH) not in page
