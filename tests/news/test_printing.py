from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.factories import ArticleFactory, ExternalLinkFactory

SITE_URL = "https://news.example.org"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def printed_article(db, section, image_upload, time_machine):
    time_machine.move_to(datetime(2021, 12, 14, 9, 30, tzinfo=BERLIN), tick=False)
    article = ArticleFactory(
        section=section,
        slug="kl-digital-bekommt-neue-geschaeftsleitung",
        title="KL.digital bekommt neue Geschäftsleitung",
        dateline="Kaiserslautern",
        published_at=datetime(2021, 12, 13, 10, tzinfo=BERLIN),
        lead="Die KL.digital bekommt eine neue Geschäftsführerin.",
        body='<p>Mehr dazu bei <a href="https://www.kaiserslautern.de/presse">der Stadt</a>.</p>',
        author_initials="aö",
        image=image_upload,
        image_alt="Porträt der neuen Geschäftsführerin",
        image_caption="Die neue Geschäftsführerin der KL.digital, Ilona Benz.",
        image_credit="Thomas Kierok",
        tags=["Smart City", "KL.digital"],
    )
    ExternalLinkFactory(
        article=article, label="Stadt Kaiserslautern", url="https://www.kaiserslautern.de"
    )
    ExternalLinkFactory(
        article=article,
        label="https://www.herzlich-digital.de",
        url="https://www.herzlich-digital.de",
    )
    return article


def print_url(article):
    return reverse("news:print", kwargs={"slug": article.slug})


def test_print_view_shows_the_whole_article(client, printed_article):
    response = client.get(print_url(printed_article))
    html = response.content.decode()

    assert response.status_code == 200
    dateline = '<span class="article__dateline">Kaiserslautern:</span>'
    assert f"{dateline} KL.digital bekommt neue Geschäftsleitung" in html
    assert '<time datetime="2021-12-13T10:00:00+0100">[13.12.2021]</time>' in html
    assert "Die KL.digital bekommt eine neue Geschäftsführerin." in html
    assert '<a href="https://www.kaiserslautern.de/presse"' in html
    assert 'alt="Porträt der neuen Geschäftsführerin"' in html
    assert "Die neue Geschäftsführerin der KL.digital, Ilona Benz." in html
    assert "Bildquelle: Thomas Kierok" in html
    assert '<abbr title="Kürzel der Redaktion">aö</abbr>' in html
    assert "Stichwörter: Smart City, KL.digital" in html


def test_print_view_writes_out_links_address_and_print_date(client, printed_article):
    html = client.get(print_url(printed_article)).content.decode()

    assert (
        'Stadt Kaiserslautern: <span class="print-links__url">https://www.kaiserslautern.de</span>'
        in html
    )
    assert '<li><span class="print-links__url">https://www.herzlich-digital.de</span></li>' in html
    assert (
        f'Quelle: <span class="print-footer__url">{SITE_URL}/meldung/'
        "kl-digital-bekommt-neue-geschaeftsleitung/</span>" in html
    )
    assert "Gedruckt am 14.12.2021" in html


def test_print_view_has_no_navigation_search_ads_action_row_or_scripts(client, printed_article):
    html = client.get(print_url(printed_article)).content.decode()

    assert "<script" not in html
    assert "<nav" not in html
    assert 'role="search"' not in html
    assert "action-row" not in html
    assert "Link mailen" not in html
    assert "Anzeige" not in html
    assert "sidebar" not in html


def test_print_view_uses_print_stylesheet_and_points_search_engines_to_article(
    client, printed_article
):
    html = client.get(print_url(printed_article)).content.decode()

    assert '<link rel="stylesheet" href="/static/css/print.' in html
    assert 'media="print"' not in html
    assert '<meta name="robots" content="noindex">' in html
    article_url = f"{SITE_URL}/meldung/kl-digital-bekommt-neue-geschaeftsleitung/"
    assert f'<link rel="canonical" href="{article_url}">' in html


def test_article_page_loads_the_print_stylesheet_for_printing(client, printed_article):
    html = client.get(printed_article.get_absolute_url()).content.decode()

    assert 'href="/static/css/print.' in html
    assert 'media="print"' in html


def test_article_page_action_row_links_print_pdf_and_share(client, printed_article):
    html = client.get(printed_article.get_absolute_url()).content.decode()
    slug = printed_article.slug

    assert f'href="/meldung/{slug}/druck/"' in html
    assert f'href="/meldung/{slug}/pdf/"' in html
    assert f'href="/meldung/{slug}/mailen/"' in html
    assert ">Druckversion<" in html and ">PDF<" in html and ">Link mailen<" in html


def test_print_stylesheet_hides_the_site_around_the_article_when_printing():
    css = Path(finders.find("css/print.css")).read_text()
    hidden_when_printing = css.split("@media print {", 1)[1].split("{", 1)[0]

    for selector in (".site-header", ".site-nav", ".sidebar", ".action-row", ".related", ".ad"):
        assert selector in hidden_when_printing
    assert "@page { size: A4;" in css


@pytest.mark.parametrize(
    "changes",
    [{"status": Article.Status.DRAFT}, {"published_at": timezone.now() + timedelta(days=1)}],
    ids=["draft", "scheduled"],
)
def test_unpublished_article_print_view_returns_404(client, section, changes):
    article = ArticleFactory(section=section, **changes)

    assert client.get(print_url(article)).status_code == 404


def test_unknown_article_print_view_returns_404(client, db):
    assert client.get(reverse("news:print", kwargs={"slug": "gibt-es-nicht"})).status_code == 404
