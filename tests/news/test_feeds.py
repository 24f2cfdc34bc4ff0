from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from news.models import Article
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def rss_titles(response):
    return [
        item.findtext("title") for item in ElementTree.fromstring(response.content).iter("item")
    ]


def atom_titles(response):
    return [
        entry.findtext(f"{ATOM}title")
        for entry in ElementTree.fromstring(response.content).iter(f"{ATOM}entry")
    ]


def test_site_feed_lists_published_articles_newest_first(client, section):
    ArticleFactory(
        section=section,
        dateline="Dortmund",
        title="Älter",
        published_at=timezone.now() - timedelta(days=2),
    )
    ArticleFactory(section=section, dateline="Kaiserslautern", title="Neuer")
    ArticleFactory(section=section, title="Entwurf", status=Article.Status.DRAFT)
    ArticleFactory(
        section=section, title="Geplant", published_at=timezone.now() + timedelta(days=1)
    )

    response = client.get("/feeds/rss/")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss_titles(response) == ["Kaiserslautern: Neuer", "Dortmund: Älter"]
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "de"
    assert channel.find("item").findtext("link").startswith("http://testserver/meldung/")


def test_site_atom_feed(client, article):
    response = client.get("/feeds/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom_titles(response) == [f"Kaiserslautern: {article.title}"]


def test_section_feeds_hold_only_the_sections_articles(client, section):
    ArticleFactory(section=section, title="Drin")
    ArticleFactory(section=SectionFactory(slug="verwaltung", title="Verwaltung"), title="Draußen")
    assert rss_titles(client.get("/rubrik/smart-city/rss/")) == ["Kaiserslautern: Drin"]
    assert atom_titles(client.get("/rubrik/smart-city/atom/")) == ["Kaiserslautern: Drin"]
    assert client.get("/rubrik/gibt-es-nicht/rss/").status_code == 404


def test_tag_feeds_hold_only_the_tags_articles(client):
    ArticleFactory(title="Drin", tags=["KL.digital"])
    ArticleFactory(title="Draußen", tags=["Berlin"])
    assert rss_titles(client.get("/stichwort/kl-digital/rss/")) == ["Kaiserslautern: Drin"]
    assert atom_titles(client.get("/stichwort/kl-digital/atom/")) == ["Kaiserslautern: Drin"]


def test_feeds_are_announced_in_the_head(client, article):
    page = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in page
    assert 'href="/feeds/atom/"' in page


def test_tag_page_announces_its_own_feeds(client):
    ArticleFactory(tags=["Smart City"])
    page = client.get("/stichwort/smart-city/").content.decode()
    assert 'href="/stichwort/smart-city/rss/"' in page
    assert 'href="/stichwort/smart-city/atom/"' in page


def test_feed_descriptions_are_escaped_plain_text(client):
    ArticleFactory(lead="<script>alert(1)</script>")
    assert b"<script>" not in client.get("/feeds/rss/").content
