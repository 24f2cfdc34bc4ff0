"""Leichte Sprache: an article's own version, its page, print view, admin, start page section."""

import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from news.models import EasyReadVersion, Page
from tests.factories import ArticleFactory

from .test_admin import article_form

pytestmark = pytest.mark.django_db

SLUG = "kl-digital-bekommt-neue-geschaeftsleitung"
URL = f"/meldung/{SLUG}/leichte-sprache/"
SITE = "http://127.0.0.1:8000"


@pytest.fixture
def version(section):
    article = ArticleFactory(
        slug=SLUG, title="KL.digital bekommt neue Geschäftsleitung", section=section
    )
    return EasyReadVersion.objects.create(
        article=article,
        title="Die Firma KL.digital bekommt eine neue Chefin",
        lead="Die neue Chefin heißt Ilona Benz.",
        body="<p>KL.digital ist eine Firma.</p><p>Die Firma gehört der Stadt.</p>",
    )


def test_body_is_sanitised_like_the_article_body(version):
    version.body = '<p onclick="x()">Satz.</p><script>alert(1)</script><a href="javascript:x">y</a>'
    version.save()
    version.refresh_from_db()
    assert "script" not in version.body
    assert "onclick" not in version.body
    assert "javascript" not in version.body
    assert "<p>Satz.</p>" in version.body


def test_published_follows_the_article(version):
    assert list(EasyReadVersion.objects.published()) == [version]
    version.article.published_at = timezone.now() + timedelta(days=1)
    version.article.save()
    assert list(EasyReadVersion.objects.published()) == []
    version.article.published_at = timezone.now() - timedelta(days=1)
    version.article.status = "draft"
    version.article.save()
    assert list(EasyReadVersion.objects.published()) == []


def test_version_of_a_draft_is_404_for_visitors_and_a_preview_for_staff(version, staff_client):
    version.article.status = "draft"
    version.article.save()
    assert Client().get(URL).status_code == 404
    assert Client().get(URL + "druck/").status_code == 404
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert "Vorschau" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_article_page_links_the_version_and_the_version_links_back(client, version):
    time.sleep(0.002)  # the version's stamp may lie up to 1 ms ahead (new_stamp)
    first = client.get(version.article.get_absolute_url()).content.decode()
    kept = client.get(version.article.get_absolute_url()).content.decode()  # kept parts
    for article_page in (first, kept):
        assert f'<a href="{URL}" hreflang="de">Leichte Sprache' in article_page
        assert f'<link rel="alternate" hreflang="de" href="{SITE}{URL}"' in article_page

    page = client.get(URL).content.decode()
    assert f'<a href="/meldung/{SLUG}/" hreflang="de">Zur Meldung in Alltagssprache</a>' in page
    assert f'<link rel="alternate" hreflang="de" href="{SITE}/meldung/{SLUG}/"' in page


def test_article_without_version_has_no_link(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Leichte Sprache" not in page.split("<main")[1].split("</main>")[0]
    assert 'title="Leichte Sprache"' not in page  # the page's own language alternates stay


def test_version_page_is_german_and_marked_as_leichte_sprache(client, version):
    page = client.get(URL).content.decode()
    assert '<html lang="de">' in page
    assert 'lang="de" data-language-variant="leichte-sprache"' in page
    assert '<meta name="dcterms.audience" content="Leichte Sprache">' in page
    assert '<span class="easy-read-marker__label">Leichte Sprache</span>' in page
    assert "<h1>Die Firma KL.digital bekommt eine neue Chefin</h1>" in page
    assert "<p>Die Firma gehört der Stadt.</p>" in page
    assert "Demo-Text" not in page


def test_demo_version_says_it_is_a_demo_text(client, version):
    version.is_demo = True
    version.save()
    assert "Demo-Text: ein Beispiel" in client.get(URL).content.decode()


def test_editor_text_is_escaped(client, version):
    version.title = "<script>alert(1)</script>"
    version.lead = "<b>fett</b>"
    version.save()
    page = client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;b&gt;fett&lt;/b&gt;" in page


def test_print_view_shows_the_version_without_navigation(client, version):
    response = client.get(URL + "druck/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Die Firma KL.digital bekommt eine neue Chefin</h1>" in page
    assert 'data-language-variant="leichte-sprache"' in page
    assert f'<link rel="canonical" href="{SITE}{URL}">' in page
    assert "site-nav" not in page
    assert "<script" not in page
    assert f'href="{URL}druck/"' in client.get(URL).content.decode()


def test_start_page_lists_versions_and_the_four_explanations(client, version):
    page = client.get("/").content.decode()
    section = page.split('id="easy-read-heading"')[1].split("</section>")[0]
    assert f'<a href="{URL}">Die Firma KL.digital bekommt eine neue Chefin</a>' in section
    for slug in (
        "leichte-sprache-inhalt",
        "leichte-sprache-navigation",
        "leichte-sprache-barrierefreiheit",
        "leichte-sprache-weitere-angebote",
    ):
        assert f'href="/seite/{slug}/"' in section


def test_start_page_hides_versions_of_unpublished_articles(client, version):
    version.article.status = "draft"
    version.article.save()
    assert URL not in client.get("/").content.decode()


def test_seeded_explanations_are_real_leichte_sprache(client):
    pages = Page.objects.filter(is_easy_read=True)
    assert pages.count() == 4
    for page in pages:
        assert not page.show_in_footer
        assert "[" not in page.body  # no "[bitte ergänzen]" placeholders
        sentences = re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", page.body)
        assert len(sentences) >= 8
        assert max(len(sentence.split()) for sentence in sentences) <= 14
        html = client.get(page.get_absolute_url()).content.decode()
        assert '<span class="easy-read-marker__label">Leichte Sprache</span>' in html
        assert 'data-language-variant="leichte-sprache"' in html


def test_standing_pages_without_leichte_sprache_carry_no_marker(client):
    html = client.get("/seite/impressum/").content.decode()
    assert "easy-read-marker" not in html
    assert "Gebärdensprache" not in html


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def test_editor_adds_a_version_in_the_article_form(chief_client, section):
    form = article_form(
        section,
        status="published",
        **{
            "easy_read-TOTAL_FORMS": "1",
            "easy_read-0-title": "Neue Rad-Wege",
            "easy_read-0-lead": "Die Stadt baut neue Rad-Wege.",
            "easy_read-0-body": "<p>Rad-Wege sind Wege für Fahrräder.</p><script>x</script>",
        },
    )
    response = chief_client.post("/admin/news/article/add/", form)
    assert response.status_code == 302
    version = EasyReadVersion.objects.get()
    assert version.title == "Neue Rad-Wege"
    assert version.body == "<p>Rad-Wege sind Wege für Fahrräder.</p>"
    assert chief_client.get(version.get_absolute_url()).status_code == 200


def test_article_form_shows_the_leichte_sprache_inline(editor_client, version):
    page = editor_client.get(f"/admin/news/article/{version.article.pk}/change/").content.decode()
    assert "Leichte Sprache – eigene Fassung" in page
    assert 'name="easy_read-0-title"' in page
    assert "Die Firma KL.digital bekommt eine neue Chefin" in page


def test_new_version_shows_at_once_on_cached_pages(client, article, settings):
    settings.NEWS_PAGE_CACHE_SECONDS = 600
    url = article.get_absolute_url()
    assert "leichte-sprache/" not in client.get(url).content.decode()
    assert client.get(url + "leichte-sprache/").status_code == 404
    EasyReadVersion.objects.create(article=article, title="Neu", lead="Kurz.", body="<p>Satz.</p>")
    assert f'href="{url}leichte-sprache/"' in client.get(url).content.decode()
    assert client.get(url + "leichte-sprache/").status_code == 200
    assert f'href="{url}leichte-sprache/"' in client.get("/").content.decode()
