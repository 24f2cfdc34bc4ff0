"""One rendering of every kind of output, shared by the validator tests of a session.

The portal's pages, feeds, sitemap and PDFs are rendered once per session from a small
site (an article with image, one without, one with a correction and an author profile,
people, a standing page), inside a transaction that is rolled back afterwards. The Nu Html
Checker then reads all pages in one run: starting its JVM costs seconds, checking a page
milliseconds.
"""

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone, translation

from news import newsletter
from news.models import Correction, EasyReadVersion, Page, SignLanguageVideo
from tests.conftest import make_image_upload
from tests.factories import (
    ArticleFactory,
    ArticleTranslationFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    SectionFactory,
    SubscriptionFactory,
    TermFactory,
)
from tests.pdfs import worker_rendered_pdf

VNU_JAR = Path(settings.BASE_DIR) / ".assets/node_modules/vnu-jar/build/dist/vnu.jar"
CORRECTION_TEXT = (
    "In einer früheren Fassung stand, die Sensoren zählten Fahrräder. Sie messen Abstände."
)


class Rollback(Exception):
    """Raised to undo the site built for rendering."""


def build_site():
    """Create the small site every output is rendered from; return the objects by role."""
    now = timezone.now()
    section = SectionFactory(title="Smart City", slug="smart-city", description="Digitale Stadt.")
    city = OrganizationFactory(name="Stadt Kaiserslautern", slug="stadt-kaiserslautern")
    company = OrganizationFactory(name="KL.digital GmbH", slug="kl-digital-gmbh", parent=city)
    benz = PersonFactory(name="Ilona Benz", slug="ilona-benz", bio="Geschäftsführerin.")
    editor = PersonFactory(name="Anna Öztürk", slug="anna-oeztuerk")
    post = PostFactory(
        organization=company,
        label="Geschäftsführung",
        label_female="Geschäftsführerin",
        label_male="Geschäftsführer",
        slug="geschaeftsfuehrung-kl-digital",
    )
    TermFactory(person=benz, post=post, start="01.02.2022")
    with_image = ArticleFactory(
        section=section,
        title="KL.digital bekommt neue Geschäftsleitung",
        slug="mit-bild",
        image=make_image_upload(),
        image_alt="Porträt von Ilona Benz vor der Fruchthalle",
        image_caption="Die neue Geschäftsführerin.",
        image_credit="Thomas Kierok",
        tags=["Smart City", "KL.digital"],
        published_at=now - timedelta(days=3),
    )
    with_image.people.set([benz])
    without_image = ArticleFactory(
        section=section,
        title="Ilona Benz wird Chief Digital Officer",
        slug="ohne-bild",
        tags=["Smart City"],
        published_at=now - timedelta(days=2),
    )
    corrected = ArticleFactory(
        section=section,
        title="Radarsensoren für mehr Verkehrssicherheit",
        slug="mit-korrektur",
        author=editor,
        image=make_image_upload(),
        image_alt="Ein Radarsensor an einer Ampel",
        tags=["KL.digital"],
        published_at=now - timedelta(days=1),
    )
    Correction.objects.create(article=corrected, text=CORRECTION_TEXT)
    Page.objects.update_or_create(
        slug="impressum", defaults={"title": "Impressum", "body": "<p>KL.digital GmbH</p>"}
    )
    EasyReadVersion.objects.create(
        article=with_image,
        title="Die Firma KL.digital bekommt eine neue Chefin",
        lead="Die neue Chefin heißt Ilona Benz.",
        body="<p>KL.digital ist eine Firma.</p>",
        is_demo=True,
    )
    explanation, _ = Page.objects.update_or_create(
        slug="leichte-sprache-inhalt",
        defaults={"title": "Was steht hier?", "body": "<p>Nachrichten.</p>", "is_easy_read": True},
    )
    SignLanguageVideo.objects.create(
        page=explanation,
        video=SimpleUploadedFile("dgs.mp4", b"\0\0\0\x18ftypisom" + bytes(64)),
        captions=SimpleUploadedFile("dgs.vtt", b"WEBVTT\n"),
        poster=make_image_upload("poster.jpg", size=(640, 360)),
        duration_seconds=8,
        is_demo=True,
    )
    ArticleTranslationFactory(
        article=with_image,
        slug="kl-digital-gets-new-management",
        title="KL.digital gets new management",
        lead="Ilona Benz becomes managing director.",
        body="<p>KL.digital is a company.</p>",
        image_alt="Portrait of Ilona Benz",
        is_demo=True,
    )
    ArticleTranslationFactory(
        article=with_image,
        language="ar",
        slug="kl-digital-idara-jadida",
        title="إدارة جديدة لشركة KL.digital",
        lead="إيلونا بنتس مديرة جديدة.",
        body="<p>KL.digital شركة.</p>",
        image_alt="صورة إيلونا بنتس",
    )
    subscription = SubscriptionFactory(email="leserin@example.org", sections=[section])
    pending = SubscriptionFactory(email="neu@example.org", confirmed_at=None, sections=[section])
    return {
        "section": section,
        "organization": company,
        "person": benz,
        "post": post,
        "with_image": with_image,
        "without_image": without_image,
        "corrected": corrected,
        "subscription": subscription,
        "pending": pending,
    }


def page_addresses(site):
    """Return every page type by name, with its address (and POST data for form errors)."""
    path = lambda name: site[name].get_absolute_url()  # noqa: E731
    subscription, pending = site["subscription"], site["pending"]
    local = lambda url: url.removeprefix(settings.SITE_URL)  # noqa: E731
    return {
        "home": "/",
        "home-page-2": "/?page=2",
        "article-with-image": path("with_image"),
        "article-without-image": path("without_image"),
        "article-with-correction": path("corrected"),
        "section": path("section"),
        "tag": "/stichwort/kl-digital/",
        "archive-year": f"/archiv/{timezone.localdate().year}/",
        "archive-month": f"/archiv/{timezone.localdate():%Y/%m}/",
        "search-with-results": "/suche/?q=Radarsensoren",
        "search-without-results": "/suche/?q=Zeppelin",
        "search-stop-words": "/suche/?q=und",
        "search-empty": "/suche/",
        "print": path("corrected") + "druck/",
        "share": path("with_image") + "mailen/",
        "share-errors": (path("with_image") + "mailen/", {"recipient": "keine-adresse"}),
        "newsletter": "/newsletter/",
        "newsletter-errors": ("/newsletter/", {"email": "x"}),
        "newsletter-requested": "/newsletter/angefordert/",
        "newsletter-cancel": "/newsletter/kuendigen/",
        "newsletter-confirm": local(newsletter.confirm_url(pending)),
        "newsletter-manage": local(newsletter.manage_url(subscription)),
        "newsletter-unsubscribe": local(newsletter.unsubscribe_url(subscription)),
        "newsletter-bad-link": "/newsletter/abo/kaputt/",
        "person-list": "/personen/",
        "person": path("person"),
        "post": path("post"),
        "post-on-date": path("post") + "?datum=2022-03-01",
        "organization": path("organization"),
        "standing-page": "/seite/impressum/",
        "easy-read": path("with_image") + "leichte-sprache/",
        "easy-read-print": path("with_image") + "leichte-sprache/druck/",
        "easy-read-explanation-with-video": "/seite/leichte-sprache-inhalt/",
        "not-found": "/gibt-es-nicht/",
        "corrections": "/korrekturen/",
        "accessibility-statement": "/seite/barrierefreiheit/",
        "report-barrier": "/barriere-melden/?seite=" + path("with_image"),
        "report-barrier-errors": (
            "/barriere-melden/",
            {"page_url": "//fremd.example", "email": "x"},
        ),
        "open-data": "/offene-daten/",
        "translation-en": "/en/meldung/kl-digital-gets-new-management/",
        "translation-ar": "/ar/meldung/kl-digital-idara-jadida/",
        "translation-ar-print": "/ar/meldung/kl-digital-idara-jadida/druck/",
        "translation-fallback": "/en" + path("without_image"),
        "translation-search": "/en/suche/?q=management",
    }


FEEDS = {
    "rss": "/feeds/rss/",
    "atom": "/feeds/atom/",
    "section-rss": "/rubrik/smart-city/rss/",
    "section-atom": "/rubrik/smart-city/atom/",
    "tag-rss": "/stichwort/kl-digital/rss/",
    "tag-atom": "/stichwort/kl-digital/atom/",
    "english-rss": "/en/feeds/rss/",
    "english-atom": "/en/feeds/atom/",
}


def render_all(site):
    """Return the HTML pages, feeds, sitemap and PDFs of the site, as bytes by name."""
    client = Client()
    pages = {}
    for name, address in page_addresses(site).items():
        if isinstance(address, tuple):
            response = client.post(*address)
        else:
            response = client.get(address)
        assert response.status_code in (200, 400, 404), (name, response.status_code)
        pages[name] = response.content
    feeds = {name: client.get(address).content for name, address in FEEDS.items()}
    # The test client leaves the last request's language active in this thread; addresses
    # built here are the German ones.
    with translation.override(settings.LANGUAGE_CODE):
        pdfs = {
            name: worker_rendered_pdf(client, site[name])
            for name in ("with_image", "without_image", "corrected")
        }
        paths = {
            name: site[name].get_absolute_url()
            for name in ("with_image", "without_image", "corrected", "person", "organization")
        }
    return {
        "pages": pages,
        "feeds": feeds,
        "sitemap": client.get("/sitemap.xml").content,
        "pdfs": pdfs,
        "paths": paths,
    }


@pytest.fixture(scope="session")
def rendered(django_db_setup, django_db_blocker, tmp_path_factory):
    """Render every output of a small site once per session; the data is rolled back."""
    overrides = {
        "MEDIA_ROOT": tmp_path_factory.mktemp("media"),
        "NEWS_PAGE_CACHE_SECONDS": 0,
        "NEWS_PAGE_SIZE": 2,  # so that lists have a second page
    }
    if not settings.REDIS_URL:
        overrides["CACHES"] = {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        }
    result = {}
    with django_db_blocker.unblock(), override_settings(**overrides):
        from django.core.cache import cache

        cache.clear()
        try:
            with transaction.atomic():
                result = render_all(build_site())
                raise Rollback
        except Rollback:
            pass
        cache.clear()
    return result


@pytest.fixture(scope="session")
def nu_messages(rendered, tmp_path_factory):
    """Check every page with the Nu Html Checker in one run; return its messages by page."""
    java = shutil.which("java")
    assert java, "Java is missing: `make assets` installs default-jre-headless from Debian."
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: `make assets` installs vnu-jar from npm."
    folder = tmp_path_factory.mktemp("nu")
    for name, content in rendered["pages"].items():
        (folder / f"{name}.html").write_bytes(content)
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr)
    messages = {name: [] for name in rendered["pages"]}
    for message in report["messages"]:
        messages[Path(message["url"].removeprefix("file:")).stem].append(message)
    return messages
