import pytest
from playwright.sync_api import expect

from news.models import Article
from tests.conftest import EDITOR_PASSWORD
from tests.factories import ArticleFactory

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
