"""WCAG 2.1 AA in English and Arabic (right to left), on phones, desktops and at 200 % zoom."""

import pytest

from tests.browser import test_accessibility as wcag

pytestmark = pytest.mark.django_db(transaction=True)

content = wcag.content  # the seed-like article, its person and a related article

PAGES = [
    "/",
    "/meldung/kl-digital-bekommt-neue-geschaeftsleitung/",
    "/suche/?q=Geschäftsleitung",
    "/newsletter/",
    "/personen/",
    "/personen/ilona-benz/",
]
# 640 px wide is a 1280 px window at 200 % zoom (as in test_accessibility.py).
WIDTHS = {"320": 320, "375": 375, "1280": 1280, "200-percent": 640}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", ["en", "ar"])
def test_translated_pages_have_no_wcag_violations_and_fit(
    browser, live_server, content, language, width
):
    """Visits every page in one browser context: axe-core finds nothing, nothing scrolls sideways."""
    pixels = WIDTHS[width]
    context = browser.new_context(viewport={"width": pixels, "height": 900}, locale=language)
    page = context.new_page()
    found = {}
    for path in PAGES:
        page.goto(f"{live_server.url}/{language}{path}")
        assert page.evaluate("document.documentElement.lang") == language
        violations = wcag.axe_violations(page)
        overflow = page.evaluate("document.documentElement.scrollWidth") - pixels
        if violations or overflow > 0:
            found[path] = {"axe": violations, "overflow_px": overflow}
    context.close()
    assert found == {}


def test_arabic_page_mirrors_the_layout(browser, live_server, content):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/meldung/kl-digital-bekommt-neue-geschaeftsleitung/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    main = page.locator("main").bounding_box()
    sidebar = page.locator("aside.sidebar").bounding_box()
    assert sidebar["x"] < main["x"]  # the sidebar moves to the left, the text to the right
    context.close()


def test_switcher_changes_language_and_keeps_the_page(page, live_server, content):
    page.goto(f"{live_server.url}/meldung/kl-digital-bekommt-neue-geschaeftsleitung/")
    page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/meldung/kl-digital-bekommt-neue-geschaeftsleitung/")
    current = page.get_by_role("navigation", name="Language").locator("[aria-current]")
    assert current.text_content() == "English"
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url("**/ar/meldung/kl-digital-bekommt-neue-geschaeftsleitung/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
