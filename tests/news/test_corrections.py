"""Corrections and the date of the last visible change, from the admin to every output."""

import io
import json
import re
from datetime import datetime, timedelta
from io import StringIO
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from news.models import Article, Correction
from tests.factories import ArticleFactory
from tests.news.test_admin import article_form
from tests.pdfs import worker_rendered_pdf

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
CORRECTION = "Die Radwege werden 2025 fertig, nicht 2024 wie zuerst gemeldet."


@pytest.fixture
def published(section, time_machine):
    """An article published through the admin on 01.03.2024, 10:00."""
    time_machine.move_to(datetime(2024, 3, 1, 10, tzinfo=BERLIN), tick=False)
    article = ArticleFactory(
        section=section,
        title="Neue Radwege für die Innenstadt",
        slug="neue-radwege-fuer-die-innenstadt",
        published_at=datetime(2024, 3, 1, 10, tzinfo=BERLIN),
    )
    return article


def change(editor_client, article, **overrides):
    """Save the article in the admin as an editor would, with these form values changed."""
    data = article_form(
        article.section,
        status="published",
        published_at_0="01.03.2024",
        published_at_1="10:00:00",
        **overrides,
    )
    response = editor_client.post(f"/admin/news/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    return article


def add_correction(editor_client, article, text=CORRECTION, day="05.03.2024"):
    return change(
        editor_client,
        article,
        is_minor_change="on",
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-published_at_0": day,
            "corrections-0-published_at_1": "09:30:00",
            "corrections-0-text": text,
        },
    )


def ld(page):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def atom_updated(client, slug):
    feed = ElementTree.fromstring(client.get("/feeds/atom/").content)
    for entry in feed.iter(f"{ATOM}entry"):
        if slug in entry.find(f"{ATOM}link").get("href"):
            return entry.findtext(f"{ATOM}updated")


def sitemap_lastmod(client, path):
    urlset = ElementTree.fromstring(client.get("/sitemap.xml").content)
    for url in urlset:
        if url.findtext(f"{SITEMAP}loc").endswith(path):
            return url.findtext(f"{SITEMAP}lastmod")


def test_correction_shows_on_page_print_pdf_json_ld_feed_sitemap_and_list(
    editor_client, client, published, time_machine
):
    time_machine.move_to(datetime(2024, 3, 5, 12, tzinfo=BERLIN), tick=False)
    url = published.get_absolute_url()
    assert "Aktualisiert am" not in client.get(url).content.decode()

    article = add_correction(editor_client, published)

    correction = article.corrections.get()
    assert article.content_updated_at == datetime(2024, 3, 5, 9, 30, tzinfo=BERLIN)
    page = client.get(url).content.decode()
    assert f'id="korrektur-{correction.pk}"' in page
    assert "Korrektur vom <time" in page and CORRECTION in page
    assert "Aktualisiert am <time" in page and "05.03.2024, 09:30" in page

    printed = client.get(f"{url}druck/").content.decode()
    assert "Korrektur vom" in printed and CORRECTION in printed

    pdf = PdfReader(io.BytesIO(worker_rendered_pdf(client, article)))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert f"Korrektur vom 05.03.2024: {CORRECTION}" in text

    data = ld(page)
    assert data["dateModified"] == "2024-03-05T08:30:00+00:00"
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": CORRECTION,
            "datePublished": "2024-03-05T08:30:00+00:00",
            "url": f"http://127.0.0.1:8000{url}#korrektur-{correction.pk}",
        }
    ]
    assert 'content="2024-03-05T09:30:00+01:00"' in page  # article:modified_time

    assert atom_updated(client, published.slug) == "2024-03-05T08:30:00+00:00"
    assert sitemap_lastmod(client, url).startswith("2024-03-05")

    listing = client.get("/korrekturen/").content.decode()
    assert CORRECTION in listing
    assert f'href="{url}#korrektur-{correction.pk}"' in listing
    assert '<a href="/korrekturen/">Korrekturen</a>' in page


def test_minor_change_keeps_the_date_and_other_edits_move_it(
    editor_client, client, published, time_machine
):
    time_machine.move_to(datetime(2024, 3, 2, 8, tzinfo=BERLIN), tick=False)
    article = change(editor_client, published, lead="Mit Tippfehler behoben.", is_minor_change="on")
    assert article.content_updated_at == article.published_at
    assert "Aktualisiert am" not in client.get(article.get_absolute_url()).content.decode()

    time_machine.move_to(datetime(2024, 3, 3, 8, tzinfo=BERLIN), tick=False)
    article = change(editor_client, published, lead="Die Stadt baut vier neue Radwege.")
    assert article.content_updated_at == datetime(2024, 3, 3, 8, tzinfo=BERLIN)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Aktualisiert am <time" in page and "03.03.2024, 08:00" in page
    assert ld(page)["dateModified"] == "2024-03-03T07:00:00+00:00"


def test_drafts_and_scheduled_articles_carry_their_publication_time(section, time_machine):
    time_machine.move_to(datetime(2024, 3, 1, 10, tzinfo=BERLIN), tick=False)
    later = datetime(2024, 4, 1, 10, tzinfo=BERLIN)
    scheduled = ArticleFactory(section=section, published_at=later)
    scheduled.lead = "Geändert vor dem Erscheinen."
    scheduled.save()
    assert scheduled.content_updated_at == later


def test_demo_articles_were_last_changed_when_published(db):
    call_command("loaddemo", stdout=StringIO())
    for article in Article.objects.all():
        assert article.content_updated_at == article.published_at, article.slug


def test_corrections_page_lists_newest_first_in_pages_and_hides_drafts(client, section, settings):
    settings.NEWS_PAGE_SIZE = 2
    older = ArticleFactory(section=section, title="Ältere Meldung")
    newer = ArticleFactory(section=section, title="Neuere Meldung")
    draft = ArticleFactory(section=section, status=Article.Status.DRAFT, title="Entwurf")
    base = older.published_at
    Correction.objects.create(article=older, text="Erste.", published_at=base + timedelta(hours=1))
    Correction.objects.create(article=newer, text="Zweite.", published_at=base + timedelta(hours=2))
    Correction.objects.create(article=older, text="Dritte.", published_at=base + timedelta(hours=3))
    Correction.objects.create(article=draft, text="Geheim.", published_at=base + timedelta(hours=4))

    first = client.get("/korrekturen/").content.decode()
    second = client.get("/korrekturen/?page=2").content.decode()

    assert first.index("Dritte.") < first.index("Zweite.")
    assert "Erste." not in first and "Erste." in second
    assert "Geheim." not in first + second
    assert 'id="grundsaetze"' in first


def test_correction_text_is_escaped_everywhere(client, article):
    Correction.objects.create(article=article, text="<script>alert(1)</script>")
    for url in (article.get_absolute_url(), f"{article.get_absolute_url()}druck/", "/korrekturen/"):
        page = client.get(url).content.decode()
        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page or "\\u003Cscript" in page
