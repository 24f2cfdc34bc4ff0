import pytest

from news.models import Article
from tests.browser.test_admin_editor import log_in
from tests.conftest import make_image_upload
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_clicking_the_preview_sets_the_focal_point_without_csp_errors(page, live_server, editor):
    errors = []
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and errors.append(f"{message.location.get('url')}: {message.text}")
        ),
    )
    article = ArticleFactory(image=make_image_upload(size=(800, 600)), image_alt="Ein Platz")
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/news/article/{article.pk}/change/")
    page.wait_for_load_state("networkidle")

    preview = page.locator("[data-focal-point] img")
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.1})
    assert abs(int(page.input_value("#id_image_focus_x")) - 25) <= 1
    assert abs(int(page.input_value("#id_image_focus_y")) - 10) <= 1
    marker = page.locator(".focal-point__marker")
    assert marker.evaluate("m => m.style.left") == page.input_value("#id_image_focus_x") + "%"

    page.locator("input[name=_save]").first.click()
    page.wait_for_url(f"{live_server.url}/admin/news/article/")
    article = Article.objects.get()
    assert abs(article.image_focus_x - 25) <= 1 and abs(article.image_focus_y - 10) <= 1
    # The rich-text editor's own inline style is known (issue 14, editor surface); ours adds none.
    assert not [e for e in errors if "focal_point" in e or "editing." in e], errors
