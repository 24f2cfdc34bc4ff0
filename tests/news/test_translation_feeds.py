"""Feeds per language and sitemap alternates for the languages an article really has."""

from xml.etree import ElementTree

import pytest

from tests.factories import ArticleFactory, ArticleTranslationFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def articles(section):
    translated = ArticleFactory(
        section=section, slug="neue-radwege", title="Neue Radwege", tags=["Radverkehr"]
    )
    ArticleTranslationFactory(article=translated, slug="new-cycle-paths", title="New cycle paths")
    ArticleTranslationFactory(
        article=translated, language="uk", slug="novi-velodorizhky", title="Нові велодоріжки"
    )
    ArticleFactory(section=section, slug="nur-deutsch", title="Nur auf Deutsch")
    hidden = ArticleFactory(section=section, slug="entwurf-en", title="Mit Entwurf")
    ArticleTranslationFactory(article=hidden, slug="draft-en", title="Draft", is_released=False)
    return translated


def test_english_atom_feed_lists_the_english_translations(client, articles):
    feed = ElementTree.fromstring(client.get("/en/feeds/atom/").content)
    assert feed.get(XML_LANG) == "en"
    entries = list(feed.iter(f"{ATOM}entry"))
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Kaiserslautern: New cycle paths"
    ]
    assert entries[0].find(f"{ATOM}link").get("href").endswith("/en/meldung/new-cycle-paths/")


def test_ukrainian_rss_feed_says_its_language(client, articles):
    channel = ElementTree.fromstring(client.get("/uk/feeds/rss/").content).find("channel")
    assert channel.findtext("language") == "uk"
    assert [item.findtext("title") for item in channel.iter("item")] == [
        "Kaiserslautern: Нові велодоріжки"
    ]


def test_german_feed_stays_german_and_complete(client, articles):
    feed = ElementTree.fromstring(client.get("/feeds/atom/").content)
    assert feed.get(XML_LANG) == "de"
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert "Kaiserslautern: Neue Radwege" in titles
    assert "Kaiserslautern: Nur auf Deutsch" in titles


def rss_channel(client, url):
    return ElementTree.fromstring(client.get(url).content).find("channel")


def test_feed_titles_and_descriptions_are_in_the_feeds_language(client, articles):
    feed = ElementTree.fromstring(client.get("/en/feeds/atom/").content)
    assert feed.findtext(f"{ATOM}title") == "KL.digital Nachrichten: Latest news"
    assert feed.findtext(f"{ATOM}subtitle") == "The portal's latest news in English."
    arabic = rss_channel(client, "/ar/feeds/rss/")
    assert arabic.findtext("title") == "KL.digital Nachrichten: آخر الأخبار"
    assert arabic.findtext("description") == "آخر أخبار البوابة باللغة العربية."
    ukrainian = rss_channel(client, "/uk/stichwort/radverkehr/rss/")
    assert ukrainian.findtext("title") == "KL.digital Nachrichten: Тег: Radverkehr"
    assert ukrainian.findtext("description") == "Новини з тегом Radverkehr."
    section = rss_channel(client, "/en/rubrik/smart-city/rss/")
    assert section.findtext("description") == "News from the section Smart City."


def test_german_feed_titles_stay_german(client, articles):
    channel = rss_channel(client, "/feeds/rss/")
    assert channel.findtext("title") == "KL.digital Nachrichten: Aktuelle Meldungen"
    assert channel.findtext("description") == "Die neuesten Meldungen des Portals."
    tag = rss_channel(client, "/stichwort/radverkehr/rss/")
    assert tag.findtext("description") == "Meldungen zum Stichwort Radverkehr."


def sitemap_entries(client):
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
        for url in urlset.iter(f"{SITEMAP}url")
    }


def test_sitemap_lists_translations_with_the_alternates_an_article_has(client, articles):
    entries = sitemap_entries(client)
    alternates = {
        "de": "http://testserver/meldung/neue-radwege/",
        "en": "http://testserver/en/meldung/new-cycle-paths/",
        "uk": "http://testserver/uk/meldung/novi-velodorizhky/",
    }
    for location in alternates.values():
        assert entries[location] == alternates
    assert entries["http://testserver/meldung/nur-deutsch/"] == {
        "de": "http://testserver/meldung/nur-deutsch/"
    }
    assert not any("draft-en" in location for location in entries)
    assert not any("/en/meldung/nur-deutsch/" in location for location in entries)
