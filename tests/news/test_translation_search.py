"""Search in translations: each language in its own analysis, only public translations."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.search.queries import UntranslatedSearchResults
from news.search.translations import stem_in, terms_in
from tests.factories import ArticleFactory, ArticleTranslationFactory

pytestmark = pytest.mark.django_db

HIT = re.compile(r'<h3 class="card__title">\s*<a href="/(\w\w)/meldung/([^/]+)/"')


def found(client, language, query):
    response = client.get(f"/{language}/suche/", {"q": query})
    assert response.status_code == 200
    return [slug for _, slug in HIT.findall(response.content.decode())]


@pytest.fixture
def translated(section):
    article = ArticleFactory(
        section=section, slug="neue-radwege", title="Neue Radwege für die Innenstadt"
    )
    return {
        "en": ArticleTranslationFactory(
            article=article,
            slug="new-cycle-paths",
            title="New cycle paths for the city centre",
            lead="The city is building three new cycle paths.",
            body="<p>Cycling to work gets safer.</p>",
        ),
        "ar": ArticleTranslationFactory(
            article=article,
            language="ar",
            slug="masarat-jadida",
            title="مسارات جديدة للدراجات في وسط المدينة",
            lead="تبني المدينة ثلاثة مسارات جديدة.",
        ),
        "uk": ArticleTranslationFactory(
            article=article,
            language="uk",
            slug="novi-velodorizhky",
            title="Нові велодоріжки в центрі Кайзерслаутерна",
            lead="Місто будує три нові велодоріжки.",
        ),
    }


def test_each_language_has_its_analysis():
    assert stem_in("en", "Cycling") == stem_in("en", "cycle") == "cycl"
    assert stem_in("en", "the") == ""
    assert stem_in("ar", "المدينة") == stem_in("ar", "مدينة")
    assert terms_in("uk", "Київ КИЇВ") == ["київ", "київ"]
    assert stem_in("de", "Städte") == stem_in("de", "Stadt")


def test_english_search_finds_english_translations_by_stem(client, translated):
    assert found(client, "en", "cycling paths") == ["new-cycle-paths"]
    html = client.get("/en/suche/", {"q": "cycling"}).content.decode()
    assert "<mark>cycle</mark>" in html


def test_arabic_and_ukrainian_searches(client, translated):
    assert found(client, "ar", "مدينة") == ["masarat-jadida"]
    assert found(client, "uk", "ВЕЛОДОРІЖКИ") == ["novi-velodorizhky"]
    assert found(client, "uk", "велодоріжка") == []  # no stemmer for Ukrainian: forms differ


def test_languages_do_not_mix(client, translated):
    assert found(client, "en", "Radwege") == []
    assert found(client, "ar", "cycle") == []
    german = client.get("/suche/", {"q": "cycle"}).content.decode()
    assert "new-cycle-paths" not in german
    assert "/meldung/neue-radwege/" in client.get("/suche/", {"q": "Radwege"}).content.decode()


def test_unreleased_translation_and_unpublished_article_never_appear(client, translated):
    translated["en"].is_released = False
    translated["en"].save()
    assert found(client, "en", "cycle") == []
    translated["en"].is_released = True
    translated["en"].save()
    translated["en"].article.status = "draft"
    translated["en"].article.save()
    assert found(client, "en", "cycle") == []


def test_edited_and_deleted_translations_leave_the_index(client, translated):
    translated["en"].title = "Wider pavements"
    translated["en"].lead = "Pedestrians get room."
    translated["en"].body = ""
    translated["en"].save()
    assert found(client, "en", "cycle") == []
    assert found(client, "en", "pavement") == ["new-cycle-paths"]
    translated["en"].delete()
    assert found(client, "en", "pavement") == []


def test_rebuild_command_indexes_translations(client, translated):
    call_command("rebuild_search_index", verbosity=0)
    assert found(client, "en", "cycle") == ["new-cycle-paths"]


GERMAN_HIT = re.compile(
    r'<h3 class="card__title">\s*<a href="/(\w\w)/meldung/([^/]+)/" lang="de" dir="ltr">'
)


def originals(client, language, query):
    """Return the slugs of the German originals a search under `language` lists, marked German."""
    html = client.get(f"/{language}/suche/", {"q": query}).content.decode()
    section = html.partition('id="search-originals-heading"')[2]
    assert [slug for _, slug in GERMAN_HIT.findall(html)] == [
        slug for _, slug in HIT.findall(section)
    ]
    return [slug for prefix, slug in GERMAN_HIT.findall(section) if prefix == language]


def test_german_words_find_untranslated_originals_after_the_translations(client, translated):
    ArticleFactory(
        section=translated["en"].article.section,
        slug="radwege-am-bahnhof",
        title="Radwege am Bahnhof",
        lead="Die Stadt plant Radwege.",
    )
    # The translated article is read in English (and not again in German); the other is German.
    assert originals(client, "en", "Radwege") == ["radwege-am-bahnhof"]
    assert found(client, "en", "Radwege") == ["radwege-am-bahnhof"]
    html = client.get("/en/suche/", {"q": "Radwege"}).content.decode()
    assert "In German (original, not translated)" in html
    assert '<span lang="de" dir="ltr">Die Stadt plant <mark>Radwege</mark>.</span>' in html
    # English first: both sections on one page, each in its analysis.
    assert found(client, "en", "cycling") == ["new-cycle-paths"]
    translated["ar"].delete()
    assert sorted(originals(client, "ar", "Radwege")) == ["neue-radwege", "radwege-am-bahnhof"]
    assert originals(client, "de", "Radwege") == []  # the German page has one list


def test_originals_are_capped_and_cost_the_same_queries(client, section, settings, monkeypatch):
    settings.NEWS_PAGE_SIZE = 2
    monkeypatch.setattr(UntranslatedSearchResults, "cap", 3)

    def queries():
        client.get("/en/suche/", {"q": "Haushalt"})  # the chrome is read once
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/en/suche/", {"q": "Haushalt"}).content.decode()
        return len(captured), html

    ArticleFactory(section=section, title="Haushalt 0")
    one, html = queries()
    assert "1 result in German articles" in html and "on the German search" not in html
    for number in range(1, 6):
        ArticleFactory(section=section, title=f"Haushalt {number}")
    many, html = queries()
    assert many == one
    assert "More than 3 results in German articles" in html
    assert len(originals(client, "en", "Haushalt")) == 2
    assert '<a href="/suche/?q=Haushalt" hreflang="de">' in html
