"""Leichte Sprache and DGS in a real browser: the start page leads to the explanations, the
video's caption track loads, and every new page has no axe violations at any width."""

import shutil
import subprocess
from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from news.models import EasyReadVersion, Page, SignLanguageVideo
from tests.conftest import make_image_upload
from tests.factories import ArticleFactory

from .test_accessibility import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nDas ist ein Demo-Video.\n"
FAKE_MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 64


def sample_video(tmp_path):
    """Return an MP4: a one-second test picture when ffmpeg is there, else just its header."""
    if not shutil.which("ffmpeg"):
        return FAKE_MP4
    target = tmp_path / "probe.mp4"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
         "testsrc=size=320x180:rate=10:duration=1", "-pix_fmt", "yuv420p", str(target)],
        check=True,
        timeout=60,
    )  # fmt: skip
    return target.read_bytes()


@pytest.fixture
def easy_read(db, settings, tmp_path):
    settings.ROOT_URLCONF = "tests.browser.media_urls"
    # Transactional tests empty the tables after each test, the migration's pages included.
    import_module("news.migrations.0014_easy_read_pages").create_pages(apps, None)
    article = ArticleFactory(slug="neue-chefin", title="KL.digital bekommt neue Geschäftsleitung")
    EasyReadVersion.objects.create(
        article=article,
        title="Die Firma KL.digital bekommt eine neue Chefin",
        lead="Die neue Chefin heißt Ilona Benz.",
        body="<p>KL.digital ist eine Firma.</p><p>Die Firma gehört der Stadt.</p>",
        is_demo=True,
    )
    SignLanguageVideo.objects.create(
        page=Page.objects.get(slug="leichte-sprache-inhalt"),
        video=SimpleUploadedFile("dgs.mp4", sample_video(tmp_path)),
        captions=SimpleUploadedFile("dgs.vtt", VTT.encode()),
        poster=make_image_upload("poster.png", size=(640, 360), image_format="PNG"),
        duration_seconds=1,
        is_demo=True,
    )
    return article


PAGES = [
    "/",
    "/meldung/neue-chefin/leichte-sprache/",
    "/meldung/neue-chefin/leichte-sprache/druck/",
    "/seite/leichte-sprache-inhalt/",
    "/seite/leichte-sprache-navigation/",
    "/seite/leichte-sprache-barrierefreiheit/",
    "/seite/leichte-sprache-weitere-angebote/",
]


def test_start_page_leads_to_the_explanations_and_the_captioned_video(page, live_server, easy_read):
    page.goto(live_server.url + "/")
    section = page.locator("section.easy-read-section")
    assert section.locator("h2").inner_text() == "Leichte Sprache"
    section.get_by_role("link", name="So finden Sie sich zurecht").click()
    page.wait_for_url("**/seite/leichte-sprache-navigation/")
    assert page.locator(".easy-read-marker__label").inner_text() == "Leichte Sprache"

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Was steht auf dieser Internet-Seite?").click()
    page.wait_for_url("**/seite/leichte-sprache-inhalt/")
    video = page.locator("video")
    assert video.get_attribute("controls") is not None
    cues = page.evaluate(
        """() => new Promise((resolve, reject) => {
            const track = document.querySelector('video track');
            const cues = () => track.track.cues ? track.track.cues.length : 0;
            track.track.mode = 'showing';
            if (track.readyState === 2) return resolve(cues());
            track.addEventListener('load', () => resolve(cues()));
            track.addEventListener('error', () => reject(new Error('track failed')));
        })"""
    )
    assert cues > 0
    assert page.evaluate("document.querySelector('video').textTracks[0].language") == "de"
    assert page.evaluate("document.querySelector('video').textTracks[0].kind") == "captions"

    page.get_by_role("link", name="Video herunterladen").focus()
    assert page.evaluate("document.activeElement.textContent").startswith("Video herunterladen")


def test_article_and_its_leichte_sprache_version_link_each_other(page, live_server, easy_read):
    page.goto(live_server.url + "/meldung/neue-chefin/")
    page.get_by_role("link", name="Leichte Sprache").click()
    page.wait_for_url("**/meldung/neue-chefin/leichte-sprache/")
    assert page.locator("h1").inner_text() == "Die Firma KL.digital bekommt eine neue Chefin"
    page.get_by_role("link", name="Zur Meldung in Alltagssprache").click()
    page.wait_for_url("**/meldung/neue-chefin/")


@pytest.mark.parametrize("path", PAGES)
def test_new_pages_have_no_violations_and_fit_at_every_width(browser, live_server, easy_read, path):
    # 640 px is 1280 px at 200 % zoom.
    for width in (320, 375, 640, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="de-DE")
        page = context.new_page()
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], (path, width)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (path, width)
        context.close()
