"""WCAG 2.1 AA (BITV 2.0) and privacy checks in a real browser, on every kind of public page."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail

from tests.conftest import make_image_upload
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / ".assets/node_modules/axe-core/axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def content(db):
    """An article with image, tags, links, people and related articles, as on the seed page."""
    person = PersonFactory(name="Ilona Benz", slug="ilona-benz")
    related = ArticleFactory(
        title="Radarsensoren für mehr Verkehrssicherheit",
        image=make_image_upload(),
        image_alt="Ein Radarsensor",
        image_caption="Vernetzte Radarsensorik.",
    )
    article = ArticleFactory(
        title="KL.digital bekommt neue Geschäftsleitung",
        slug="kl-digital-bekommt-neue-geschaeftsleitung",
        section=related.section,
        tags=["Smart City", "KL.digital"],
        image=make_image_upload(),
        image_alt="Porträt von Ilona Benz",
        image_caption="Die neue Geschäftsführerin.",
        image_credit="Thomas Kierok",
        body="<p>Text mit <a href='https://www.kaiserslautern.de'>Link</a>.</p><h2>Zwischentitel</h2><p>Mehr.</p>",
    )
    article.people.add(person)
    article.related.add(related, through_defaults={"order": 0})
    return article


PAGES = [
    "/",
    "/meldung/kl-digital-bekommt-neue-geschaeftsleitung/",
    "/meldung/kl-digital-bekommt-neue-geschaeftsleitung/druck/",
    "/meldung/kl-digital-bekommt-neue-geschaeftsleitung/mailen/",
    "/stichwort/smart-city/",
    "/suche/?q=Geschäftsleitung",
    "/personen/",
    "/personen/ilona-benz/",
    "/offene-daten/",
    "/newsletter/",
    "/seite/barrierefreiheit/",
    "/barriere-melden/?seite=/meldung/kl-digital-bekommt-neue-geschaeftsleitung/",
    "/barriere-melden/eingegangen/?seite=/",
    "/gibt-es-nicht/",
]


def axe_violations(page):
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_wcag_violations(page, live_server, content, path):
    page.goto(live_server.url + path)
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_nothing_from_other_hosts(page, live_server, content, path):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    assert hosts == {urlsplit(live_server.url).netloc}


def test_anonymous_reader_gets_no_cookies(page, live_server, content):
    page.goto(live_server.url + "/meldung/kl-digital-bekommt-neue-geschaeftsleitung/")
    page.goto(live_server.url + "/suche/?q=Radar")
    assert page.context.cookies() == []


def test_skip_link_is_the_first_stop_and_jumps_to_the_content(page, live_server, content):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhalt"


def test_keyboard_alone_reaches_and_submits_link_mailen(page, live_server, content):
    page.goto(live_server.url + "/meldung/kl-digital-bekommt-neue-geschaeftsleitung/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").startswith("Link mailen"):
            break
    else:
        pytest.fail("Tab never reached „Link mailen“")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mailen/")

    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.type") != "email":
        page.keyboard.press("Tab")
    page.keyboard.type("nachbarin@example.org")
    page.keyboard.press("Enter")
    page.wait_for_url("**/meldung/kl-digital-bekommt-neue-geschaeftsleitung/")

    assert [message.to for message in mail.outbox] == [["nachbarin@example.org"]]


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_layout_fits_the_screen_without_sideways_scrolling(
    browser, live_server, content, width, tmp_path
):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.goto(live_server.url + "/meldung/kl-digital-bekommt-neue-geschaeftsleitung/")
    page.screenshot(path=tmp_path / f"artikel-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert (tmp_path / f"artikel-{width}.png").stat().st_size > 10_000
    context.close()


def test_text_zoomed_to_200_percent_still_fits(page, live_server, content):
    page.set_viewport_size({"width": 640, "height": 900})  # 1280 px at 200 % zoom
    page.goto(live_server.url + "/meldung/kl-digital-bekommt-neue-geschaeftsleitung/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 640
