import re

import pytest
from playwright.sync_api import expect

from news.models import Article
from tests.conftest import EDITOR_PASSWORD
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "redakteurin")
    page.fill("#id_password", EDITOR_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_editor_types_into_the_rich_text_editor_and_saves(page, live_server, editor):
    article = ArticleFactory(title="Radwege", body="<p>Alt.</p>")
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/news/article/{article.pk}/change/")

    # The editor's modules load after the page; wait for them, then put the caret after "Alt.".
    page.wait_for_load_state("networkidle")
    editor_area = page.locator(".ProseMirror[contenteditable=true]")
    editor_area.locator("p", has_text="Alt.").click()
    expect(editor_area).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+b")
    page.keyboard.type("Neu und fett")
    page.locator("input[name=_save]").first.click()
    page.wait_for_url(f"{live_server.url}/admin/news/article/")

    article.refresh_from_db()
    assert article.body == "<p>Alt.</p><p><strong>Neu und fett</strong></p>"
    assert Article.objects.count() == 1


def test_slug_is_prefilled_from_the_title_in_german(page, live_server, editor):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/news/article/add/")
    page.locator("#id_title").press_sequentially("KL.digital pflanzt Straßenbäume")
    assert page.input_value("#id_slug") == "kl-digital-pflanzt-strassenbaeume"


# Chromium reports CSP violations and ProseMirror its CSS warnings on the console; the
# event listener catches violations that do not reach it.
COLLECT_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
});
"""


def watch_console(page):
    """Return the list that collects the page's console errors, warnings and script errors."""
    problems = []
    page.add_init_script(COLLECT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            problems.append(f"{message.type}: {message.text}")
            if message.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    return problems


def open_editor(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    editor_area = page.locator(".ProseMirror[contenteditable=true]")
    expect(editor_area).to_be_visible()
    return editor_area


def test_console_stays_clean_on_the_add_and_change_forms(page, live_server, editor):
    article = ArticleFactory(body="<h2>Zwischentitel</h2><p>Alt.</p>")
    problems = watch_console(page)
    log_in(page, live_server)
    for url in ["/admin/news/article/add/", f"/admin/news/article/{article.pk}/change/"]:
        editor_area = open_editor(page, f"{live_server.url}{url}")
        editor_area.click()
        page.keyboard.type("Getippt, damit ProseMirror sein CSS prüft.")
        page.keyboard.press("Enter")
        page.wait_for_timeout(200)
        assert page.evaluate("window.cspViolations") == [], url
    assert problems == []


def test_editor_offers_room_and_grows_with_the_text(page, live_server, editor):
    log_in(page, live_server)
    editor_area = open_editor(page, f"{live_server.url}/admin/news/article/add/")
    empty_height = editor_area.bounding_box()["height"]
    assert empty_height >= 300

    editor_area.click()
    for line in range(30):
        page.keyboard.type(f"Absatz {line} der Meldung.")
        page.keyboard.press("Enter")
    assert editor_area.bounding_box()["height"] > empty_height + 300
    # The page scrolls, not a box inside it.
    assert editor_area.evaluate("el => el.scrollHeight <= el.clientHeight + 1")


def test_toolbar_speaks_german_and_offers_only_the_page_s_heading_levels(page, live_server, editor):
    log_in(page, live_server)
    open_editor(page, f"{live_server.url}/admin/news/article/add/")
    titles = page.locator(".prose-menubar button[title]").evaluate_all(
        "buttons => buttons.map(button => button.title)"
    )
    assert titles[:2] == ["Absatz", "Aufzählung"]
    assert {"Fett", "Kursiv", "Zitat", "Link einfügen (Strg+K)", "Rückgängig (Strg+Z)"} <= set(
        titles
    )
    options = page.locator(".prose-menubar__option").evaluate_all(
        "options => options.map(option => option.firstElementChild.tagName + ' ' + option.textContent)"
    )
    assert options == [
        "H2 Zwischenüberschrift",
        "H3 Unterüberschrift",
        "H4 Unterüberschrift, 2. Stufe",
        "P Absatz",
    ]
    # A level the page does not use is not offered by the shortcut either.
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("Titel")
    page.keyboard.press("Control+Alt+1")
    expect(page.locator(".ProseMirror[contenteditable=true] h1")).to_have_count(0)


def test_link_dialog_is_german_and_inserts_the_link(page, live_server, editor):
    article = ArticleFactory(body="<p>Mehr beim Stadtrat.</p>")
    log_in(page, live_server)
    editor_area = open_editor(page, f"{live_server.url}/admin/news/article/{article.pk}/change/")
    editor_area.locator("p").dblclick(position={"x": 60, "y": 5})  # selects "beim"
    page.wait_for_function("getSelection().toString().trim().length > 0")  # slow machines
    page.locator(".prose-menubar button[data-name=link]").click()

    dialog = page.locator("dialog.prose-editor-dialog")
    expect(dialog.locator("h3")).to_have_text("Link einfügen oder bearbeiten")
    expect(dialog.locator("label")).to_have_text(
        ["Adresse (https://…, mailto:…)", "Titel (optional, erscheint beim Überfahren)"]
    )
    expect(dialog.locator("button")).to_have_text(["Übernehmen", "Abbrechen"])
    dialog.locator("input").first.fill("https://www.kaiserslautern.de/")
    dialog.get_by_role("button", name="Übernehmen").click()
    page.locator("input[name=_save]").first.click()
    page.wait_for_url(f"{live_server.url}/admin/news/article/")

    article.refresh_from_db()
    assert re.search(
        r'Mehr <a href="https://www.kaiserslautern.de/"[^>]*>beim</a> Stadtrat', article.body
    )


def test_editor_names_a_person_by_typing_part_of_the_name(page, live_server, editor):
    # The people are offered under another name than the model's relation (news.editing.
    # people_field); the admin's autocomplete must still find them.
    article = ArticleFactory(title="Radwege")
    PersonFactory(name="Ilona Benz")
    PersonFactory(name="Dieter Rombach")
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/news/article/{article.pk}/change/")

    page.locator(".field-named_people .select2-selection").click()
    page.keyboard.type("Ben")
    page.locator(".select2-results__option", has_text="Ilona Benz").click()
    page.locator("input[name=_save]").first.click()
    page.wait_for_url(f"{live_server.url}/admin/news/article/")

    assert [person.name for person in article.people.all()] == ["Ilona Benz"]
