import pytest

from news.models import Page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "slug, heading",
    [
        ("impressum", "Impressum"),
        ("datenschutz", "Datenschutz"),
        ("barrierefreiheit", "Erklärung zur Barrierefreiheit"),
    ],
)
def test_standing_pages_exist_after_migrate_and_are_linked_in_every_footer(client, slug, heading):
    page = client.get(f"/seite/{slug}/").content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert f'<a href="/seite/{slug}/">{heading}</a>' in client.get("/").content.decode()


def test_privacy_page_describes_what_the_portal_really_does(client):
    page = client.get("/seite/datenschutz/").content.decode()
    assert "keine Cookies" in page and "Double-Opt-in" in page


def test_page_body_is_sanitised_and_editors_can_hide_a_page_from_the_footer(client):
    Page.objects.create(
        slug="hilfe", title="Hilfe", body="<p>Text<script>x()</script></p>", show_in_footer=False
    )
    assert "<script>x()" not in client.get("/seite/hilfe/").content.decode()
    assert "/seite/hilfe/" not in client.get("/").content.decode()


def test_editors_edit_pages_with_the_rich_text_editor(admin_client):
    page = Page.objects.get(slug="impressum")
    response = admin_client.get(f"/admin/news/page/{page.pk}/change/")
    assert response.status_code == 200
    assert "data-django-prose-editor-kldigital" in response.content.decode()


def test_unknown_page_is_a_404(client):
    assert client.get("/seite/gibt-es-nicht/").status_code == 404


def test_standing_pages_are_in_the_sitemap(client):
    assert "/seite/barrierefreiheit/" in client.get("/sitemap.xml").content.decode()
