"""The demo article's translations in a real browser: English, Arabic (right to left) and
Ukrainian pages and their PDFs, and no axe violations on them at any width."""

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from news.demo import load_demo
from news.models import ArticleTranslation
from news.printing.services import article_pdf_render
from news.translations_demo import TRANSLATIONS, load_translation_demo

from .test_accessibility import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

ORIGINAL = "/meldung/kl-digital-bekommt-neue-geschaeftsleitung/"
PAGES = {
    language: f"/{language}/meldung/{data['slug']}/" for language, data in TRANSLATIONS.items()
}
# Words of each translation's body, as the PDF must give them back: script and order. (An
# extractor joins the runs of one line left to right: Arabic words come back in reading
# order within a run, so the phrase is one run, on one line.)
SENTENCES = {
    "en": "The new managing director of KL.digital",
    "ar": "وستنتقل رئيسة وحدة الرقمنة",
    "uk": "Нову директорку KL.digital",
}


@pytest.fixture
def demo(db):
    load_demo()
    load_translation_demo()
    return {t.language: t for t in ArticleTranslation.objects.select_related("article")}


def test_reader_switches_to_english_and_reads_the_translation(page, live_server, demo):
    page.goto(live_server.url + ORIGINAL)
    switcher = page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English")
    switcher.click()
    page.wait_for_url("**" + PAGES["en"])
    heading = " ".join(page.locator("h1").inner_text().split())  # the dateline has its own line
    assert heading == "Kaiserslautern: KL.digital gets new management"


@pytest.mark.parametrize("language", ["en", "ar", "uk"])
def test_translation_reads_in_its_language_and_says_it_is_a_demo(page, live_server, demo, language):
    page.goto(live_server.url + PAGES[language])
    article = page.locator("article.article")
    assert article.get_attribute("lang") == language
    assert TRANSLATIONS[language]["title"] in page.locator("h1").inner_text()
    assert page.locator(".translation-note__demo").is_visible()
    expected = "rtl" if language == "ar" else "ltr"
    assert article.evaluate("element => getComputedStyle(element).direction") == expected
    original = page.locator(".translation-note a[hreflang='de']")
    assert original.get_attribute("href") == ORIGINAL


def test_arabic_page_is_right_to_left_from_the_html_element(page, live_server, demo):
    page.goto(live_server.url + PAGES["ar"])
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


def test_untranslated_article_falls_back_to_german_with_a_note(page, live_server, demo):
    page.goto(live_server.url + "/en/meldung/ilona-benz-wird-chief-digital-officer/")
    assert page.locator(".translation-fallback").is_visible()
    assert page.locator("article.article").get_attribute("lang") == "de"
    assert "Ilona Benz wird Chief Digital Officer" in page.locator("h1").inner_text()


@pytest.mark.parametrize("language", ["en", "ar", "uk"])
def test_pdf_of_the_translation_has_its_script_in_reading_order(page, live_server, demo, language):
    translation = demo[language]
    assert article_pdf_render(translation.article_id, language) == "ready"  # as the worker does
    page.goto(live_server.url + PAGES[language])
    href = page.locator(".action-row a[type='application/pdf']").get_attribute("href")
    assert href == PAGES[language] + "pdf/"
    response = page.request.get(live_server.url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    assert reader.trailer["/Root"]["/Lang"] == language
    text = " ".join(
        unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages)).split()
    )
    assert SENTENCES[language] in text
    if language == "ar":
        assert re.search(r"[\u0600-\u06ff]{4,}", text)
    if language == "uk":
        assert re.search(r"[\u0400-\u04ff]{4,}", text)


@pytest.mark.parametrize("path", [*PAGES.values(), *(p + "druck/" for p in PAGES.values())])
def test_translation_pages_have_no_violations_and_fit_at_every_width(
    browser, live_server, demo, path
):
    # 640 px is 1280 px at 200 % zoom.
    for width in (320, 375, 640, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="de-DE")
        page = context.new_page()
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], (path, width)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (path, width)
        context.close()
