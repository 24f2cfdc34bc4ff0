import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article
from tests.factories import (
    ArticleFactory,
    ExternalLinkFactory,
    PersonFactory,
    RelatedArticleFactory,
)

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


@pytest.fixture
def full_article(section, image_upload):
    """An article with every element of the seed page."""
    article = ArticleFactory(
        section=section,
        slug="kl-digital-bekommt-neue-geschaeftsleitung",
        title="KL.digital bekommt neue Geschäftsleitung",
        dateline="Kaiserslautern",
        lead="Die KL.digital bekommt eine neue Geschäftsführerin.",
        body="<p>Die neue Geschäftsführerin heißt Ilona Benz.</p>",
        author_initials="aö",
        published_at=timezone.datetime(2021, 12, 13, 10, tzinfo=timezone.get_current_timezone()),
        image=image_upload,
        image_alt="Porträt von Ilona Benz",
        image_caption="Die neue Geschäftsführerin der KL.digital, Ilona Benz.",
        image_credit="Thomas Kierok",
        tags=["Smart City", "Kaiserslautern", "KL.digital"],
    )
    ExternalLinkFactory(
        article=article, label="https://www.kaiserslautern.de", url="https://www.kaiserslautern.de"
    )
    article.people.add(PersonFactory(name="Ilona Benz", slug="ilona-benz"))
    teaser = ArticleFactory(
        section=section,
        dateline="Dortmund",
        title="Truck sammelt Daten für bessere Straßen",
        lead="In Dortmund sammelt ein Truck Daten.",
        image=image_upload,
        image_alt="Ein Lastwagen",
        image_caption="Dieser Truck ist seit Ende April in Dortmund unterwegs.",
    )
    RelatedArticleFactory(from_article=article, to_article=teaser)
    return article


def test_article_page_shows_every_element_of_the_seed_page(client, full_article):
    page = html(client.get(full_article.get_absolute_url()))

    assert (
        '<span class="article__dateline">Kaiserslautern:</span> KL.digital bekommt neue Geschäftsleitung</h1>'
        in page
    )
    assert '<time datetime="2021-12-13T10:00:00+0100">[13.12.2021]</time>' in page
    assert "Die KL.digital bekommt eine neue Geschäftsführerin." in page
    assert "<p>Die neue Geschäftsführerin heißt Ilona Benz.</p>" in page
    assert '(<abbr title="Kürzel der Redaktion">aö</abbr>)' in page
    assert (
        '<a href="https://www.kaiserslautern.de" rel="noopener">https://www.kaiserslautern.de</a>'
        in page
    )
    assert re.search(
        r'Stichwörter: <a href="/stichwort/smart-city/" rel="tag">Smart City</a>, '
        r'<a href="/stichwort/kaiserslautern/" rel="tag">Kaiserslautern</a>, '
        r'<a href="/stichwort/kl-digital/" rel="tag">KL.digital</a>',
        page,
    )
    assert 'alt="Porträt von Ilona Benz"' in page
    assert (
        "<figcaption>" in page and "Die neue Geschäftsführerin der KL.digital, Ilona Benz." in page
    )
    assert "Bildquelle: Thomas Kierok" in page
    assert ">Druckversion<" in page and ">PDF<" in page and ">Link mailen<" in page
    assert "Weitere Meldungen und Beiträge aus dem Bereich Smart City" in page
    assert "Truck sammelt Daten für bessere Straßen" in page
    assert "Dieser Truck ist seit Ende April in Dortmund unterwegs." in page
    assert (
        'mehr<span class="visually-hidden"> zu „Truck sammelt Daten für bessere Straßen“</span>…'
        in page
    )
    assert '<a href="/personen/ilona-benz/">Ilona Benz</a>' in page
    assert "Aktuelle Meldungen" in page
    assert '<input id="site-search" type="search" name="q"' in page


def test_article_page_head_has_canonical_open_graph_and_json_ld(client, full_article):
    page = html(client.get(full_article.get_absolute_url()))

    assert '<html lang="de">' in page
    assert (
        "<title>Kaiserslautern: KL.digital bekommt neue Geschäftsleitung – KL.digital Nachrichten</title>"
        in page
    )
    assert (
        '<meta name="description" content="Die KL.digital bekommt eine neue Geschäftsführerin.">'
        in page
    )
    assert (
        f'<link rel="canonical" href="http://127.0.0.1:8000{full_article.get_absolute_url()}">'
        in page
    )
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="og:title" content="KL.digital bekommt neue Geschäftsleitung">' in page
    assert '<meta property="og:image" content="http://127.0.0.1:8000/media/renditions/' in page

    ld = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert ld["@type"] == "NewsArticle"
    assert ld["headline"] == "KL.digital bekommt neue Geschäftsleitung"
    assert ld["datePublished"] == "2021-12-13T09:00:00+00:00"
    assert ld["keywords"] == ["Smart City", "Kaiserslautern", "KL.digital"]
    # No public profile linked: the initials stay on the page, the publisher is the author.
    assert ld["author"] == [ld["publisher"]]
    assert ld["publisher"]["name"] == "KL.digital GmbH"
    assert ld["publisher"]["logo"]["url"].startswith(
        "http://127.0.0.1:8000/static/img/publisher-logo."
    )
    assert ld["image"][0].endswith(".jpg")


def test_json_ld_cannot_break_out_of_its_script_element(client):
    article = ArticleFactory(title="</script><script>alert(1)</script>")
    page = html(client.get(article.get_absolute_url()))
    assert "<script>alert(1)" not in page
    assert "\\u003C/script\\u003E" in page


def test_plain_text_fields_are_escaped(client):
    article = ArticleFactory(lead="<b>fett</b> & mehr", dateline="<i>Ort</i>")
    page = html(client.get(article.get_absolute_url()))
    assert "&lt;b&gt;fett&lt;/b&gt; &amp; mehr" in page
    assert "<i>Ort</i>" not in page


@pytest.mark.parametrize(
    "status, delta",
    [(Article.Status.DRAFT, timedelta(days=-1)), (Article.Status.PUBLISHED, timedelta(days=1))],
    ids=["draft", "scheduled"],
)
def test_unpublished_article_is_a_404_for_visitors(client, status, delta):
    article = ArticleFactory(status=status, published_at=timezone.now() + delta)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "Seite nicht gefunden" in html(response)


def test_unpublished_articles_are_missing_from_every_list(client, section):
    visible = ArticleFactory(section=section, title="Radweg sichtbar", tags=["Kaiserslautern"])
    hidden = [
        ArticleFactory(
            section=section,
            title="Radweg im Entwurf",
            status=Article.Status.DRAFT,
            tags=["Kaiserslautern"],
        ),
        ArticleFactory(
            section=section,
            title="Radweg geplant",
            published_at=timezone.now() + timedelta(hours=1),
            tags=["Kaiserslautern"],
        ),
    ]
    year = timezone.localdate().year
    for url in [
        "/",
        "/rubrik/smart-city/",
        "/stichwort/kaiserslautern/",
        f"/archiv/{year}/",
        "/suche/?q=Radweg",
        "/feeds/rss/",
        "/sitemap.xml",
    ]:
        page = html(client.get(url))
        # Every list links the visible article, by title or only by address (the sitemap).
        assert visible.get_absolute_url() in page, url
        for article in hidden:
            assert article.get_absolute_url() not in page, url
            assert article.title not in page, url


def test_staff_previews_a_draft_with_banner_and_no_cache(staff_client):
    draft = ArticleFactory(status=Article.Status.DRAFT, title="Noch geheim")
    response = staff_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Vorschau:" in html(response)
    assert "Entwurf" in html(response)
    assert "no-cache" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in html(response)


def test_preview_banner_says_in_a_full_sentence_why_readers_cannot_see_it(staff_client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    scheduled = ArticleFactory(
        published_at=datetime(2099, 3, 5, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    )
    assert (
        "<strong>Vorschau:</strong> Dieser Artikel ist ein Entwurf und für Leserinnen und Leser "
        "noch nicht sichtbar.</p>"
    ) in html(staff_client.get(draft.get_absolute_url()))
    assert (
        "<strong>Vorschau:</strong> Dieser Artikel erscheint erst am 05.03.2099 um 09:30 Uhr und ist "
        "für Leserinnen und Leser noch nicht sichtbar.</p>"
    ) in html(staff_client.get(scheduled.get_absolute_url()))


def test_published_article_has_no_preview_banner_for_staff(staff_client, article):
    response = staff_client.get(article.get_absolute_url())
    assert "Vorschau:" not in html(response)
    assert "no-cache" not in response.get("Cache-Control", "")


def test_unknown_page_gets_the_german_404(client, db):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in html(response)
    assert '<nav class="site-nav"' in html(response)


def test_server_error_page_is_german_and_looks_like_the_site(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Ein Fehler ist aufgetreten" in html(response)
    assert 'class="site-header"' in html(response)


def article_with(section, n):
    article = ArticleFactory(section=section, tags=[f"Stichwort {i}" for i in range(n)])
    for i in range(n):
        ExternalLinkFactory(article=article, url=f"https://example.org/{i}")
        article.people.add(PersonFactory())
        RelatedArticleFactory(
            from_article=article, to_article=ArticleFactory(section=section), order=i
        )
    return article


def test_article_page_query_count_is_constant(client, section, settings):
    settings.NEWS_RELATED_COUNT = 20  # both articles need the automatic top-up
    counts = []
    for n in (1, 8):
        article = article_with(section, n)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert counts[1] <= 16  # the budget for an article page, the navigation read included


@pytest.mark.parametrize(
    "url", ["/", "/rubrik/smart-city/", "/stichwort/stichwort-0/", "/archiv/{year}/"]
)
def test_list_page_query_count_is_constant(client, section, url):
    url = url.format(year=timezone.localdate().year)
    counts = []
    for n in (1, 10):
        for _ in range(n):
            ArticleFactory(section=section, tags=["Stichwort 0", "Anderes"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert (
        counts[1] <= 12
    )  # the budget for list pages; ad slots and footer pages are one query each
