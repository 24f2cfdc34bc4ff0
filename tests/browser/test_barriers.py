""" "Barriere melden" from an article to the admin, and the statement and form at every width."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_violations
from tests.browser.test_admin_editor import log_in
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

STATEMENT = "/seite/barrierefreiheit/"
FORM = "/barriere-melden/?seite=/meldung/ratssitzung/"


@pytest.fixture
def article(db):
    return ArticleFactory(title="Ratssitzung im Dezember", slug="ratssitzung")


def test_reader_reports_a_barrier_and_the_editor_finds_it_in_the_admin(
    browser, live_server, article, editor
):
    reader = browser.new_context(locale="de-DE").new_page()
    reader.goto(f"{live_server.url}/meldung/ratssitzung/")
    reader.get_by_role("contentinfo").get_by_role("link", name="Barriere melden").click()
    expect(reader.get_by_label("Seite, auf der die Barriere ist")).to_have_value(
        "/meldung/ratssitzung/"
    )
    reader.get_by_label("Was ist nicht barrierefrei?").fill("Die Tabelle hat keine Überschriften.")
    reader.get_by_label("Ihre E-Mail-Adresse für unsere Antwort").fill("anna@example.org")
    reader.get_by_role("button", name="Meldung abschicken").click()

    expect(reader.get_by_role("status")).to_contain_text("Ihre Meldung ist bei uns eingegangen")
    reader.get_by_role("link", name="Zurück zur Seite, von der Sie kamen").click()
    expect(reader.get_by_role("heading", level=1)).to_contain_text("Ratssitzung im Dezember")
    assert [message.to for message in mail.outbox][1] == ["anna@example.org"]
    reader.context.close()

    editor_page = browser.new_context(locale="de-DE").new_page()
    log_in(editor_page, live_server)
    editor_page.goto(f"{live_server.url}/admin/news/barrierreport/")
    row = editor_page.locator("#result_list tbody tr").first
    expect(row).to_contain_text("/meldung/ratssitzung/")
    expect(row).to_contain_text("neu")
    row.get_by_role("link").first.click()
    expect(editor_page.locator("body")).to_contain_text("Die Tabelle hat keine Überschriften.")
    editor_page.context.close()


@pytest.mark.parametrize("path", [STATEMENT, FORM])
@pytest.mark.parametrize("width", [320, 375, 1280, 640], ids=["320", "375", "1280", "200%"])
def test_new_pages_have_no_wcag_violations_and_fit_at_every_width(
    browser, live_server, db, path, width
):
    """640 px wide is a 1280 px screen at 200 % zoom."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="de-DE")
    page = context.new_page()
    page.goto(live_server.url + path)

    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_form_with_errors_has_no_wcag_violations(page, live_server, db):
    page.goto(live_server.url + FORM)
    page.get_by_label("Was ist nicht barrierefrei?").fill("   ")  # passes the browser's check
    page.get_by_label("Ihre E-Mail-Adresse für unsere Antwort").fill("anna@beispiel")
    page.get_by_role("button", name="Meldung abschicken").click()

    expect(page.get_by_text("Bitte beschreiben Sie die Barriere.")).to_be_visible()
    expect(page.get_by_label("Ihre E-Mail-Adresse für unsere Antwort")).to_have_value(
        "anna@beispiel"
    )
    assert axe_violations(page) == []
