"""Teaser cards and page chrome kept rendered (news.cards, {% chrome_part %}): never stale."""

import pytest
from django.test.utils import override_settings

from news import cards
from news.models import Section
from tests.factories import (
    AdSlotFactory,
    ArticleFactory,
    ArticleTranslationFactory,
    RelatedArticleFactory,
)
from tests.news.test_page_costs import CountingCache

pytestmark = pytest.mark.django_db
CORRECTIONS = "/korrekturen/"  # a page of its own: its sidebar is all chrome


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_edited_teaser_shows_at_once_in_every_list(client, section):
    article = ArticleFactory(section=section, title="Neue Ladesäulen am Rathaus")
    assert "Neue Ladesäulen am Rathaus" in text(client, "/")
    assert "Neue Ladesäulen am Rathaus" in text(client, section.get_absolute_url())
    article.title = "Zwölf Ladesäulen am Rathaus"
    article.lead = "Die Stadtwerke bauen weiter."
    article.save()
    for url in ("/", section.get_absolute_url()):
        page = text(client, url)
        assert "Zwölf Ladesäulen am Rathaus" in page
        assert "Die Stadtwerke bauen weiter." in page
        assert "Neue Ladesäulen" not in page


def test_a_card_is_the_same_whether_kept_or_rendered(client, section):
    ArticleFactory(section=section, title="Glasfaser für die Innenstadt", tags=["Netz"])
    cards._local.clear()
    first = text(client, "/")
    kept = text(client, "/")  # from this process's cards
    cards._local.clear()
    shared = text(client, "/")  # from the shared cache
    assert first == kept == shared
    assert first.count('<article class="card">') == 1
    assert '<h2 class="card__title">' in first


def test_the_heading_level_and_language_are_part_of_a_card(client, section):
    article = ArticleFactory(section=section, title="Digitale Bürgerdienste")
    other = ArticleFactory(section=section, title="Offene Daten im Rathaus")
    RelatedArticleFactory(from_article=other, to_article=article, order=1)
    ArticleTranslationFactory(article=article, language="en", title="Digital citizen services")
    assert '<h2 class="card__title">' in text(client, "/")
    detail = text(client, other.get_absolute_url())
    assert '<h3 class="card__title">' in detail
    assert "Digitale Bürgerdienste" in detail
    english = text(client, "/en/")
    assert "Digital citizen services" in english
    assert "mehr" not in english.split("<main")[1].split("</main>")[0]


@override_settings(NEWS_PAGE_CACHE_SECONDS=0)
def test_cards_cost_the_same_round_trips_however_many_there_are(client, monkeypatch):
    counting = CountingCache(monkeypatch)
    trips = []
    for n in (1, 5):
        section = Section.objects.create(title=f"Rubrik {n}", slug=f"rubrik-{n}")
        for i in range(n):
            ArticleFactory(section=section, title=f"Meldung {n}-{i}")
        text(client, section.get_absolute_url())  # the chrome and the stamps after a change
        cards._local.clear()
        for _ in range(2):  # cards new to this process, then kept in it
            counting.calls.clear()
            text(client, section.get_absolute_url())
            trips.append(len(counting.calls))
    assert trips[0:2] == trips[2:4]
    assert trips[0] - trips[1] == 1  # only the shared cache's get_many: all were there


def test_the_sidebar_follows_what_is_published(client, section):
    ArticleFactory(section=section, title="Erste Meldung des Tages")
    assert "Erste Meldung des Tages" in text(client, CORRECTIONS)
    AdSlotFactory(image_alt="Stadtfest am Sonntag")
    ArticleFactory(section=section, title="Zweite Meldung des Tages")
    page = text(client, CORRECTIONS)
    sidebar = page.split('<aside class="sidebar"')[1]
    assert "Zweite Meldung des Tages" in sidebar
    assert "Stadtfest am Sonntag" in sidebar


def test_the_navigation_marks_the_current_section_only_on_its_page(client, section):
    other = Section.objects.create(title="Verwaltung", slug="verwaltung")
    nav = text(client, section.get_absolute_url()).split('<nav class="site-nav"')[1]
    assert f'href="{section.get_absolute_url()}" aria-current="page"' in nav
    nav = text(client, other.get_absolute_url()).split('<nav class="site-nav"')[1]
    assert f'href="{other.get_absolute_url()}" aria-current="page"' in nav
    assert f'href="{section.get_absolute_url()}" aria-current' not in nav
    nav = text(client, "/").split('<nav class="site-nav"')[1]
    assert 'aria-current="page"' not in nav.split("</nav>")[0]
