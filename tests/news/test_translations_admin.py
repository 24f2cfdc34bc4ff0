"""Translating in the admin: under the article and beside the original; releasing is the chief's."""

import pytest
from django.test import Client

from news.models import ArticleTranslation
from tests.factories import ArticleFactory, ArticleTranslationFactory

from .test_admin import article_form

pytestmark = pytest.mark.django_db


def translation_inline(**fields):
    data = {"translations-TOTAL_FORMS": "1", "translations-INITIAL_FORMS": "0"}
    values = {
        "language": "en",
        "title": "New cycle paths for the city centre",
        "slug": "new-cycle-paths",
        "lead": "The city builds three new cycle paths.",
        "body": "<p>The first section starts in spring.</p>",
        **fields,
    }
    data.update({f"translations-0-{name}": value for name, value in values.items()})
    return data


def add_article(client, section, **inline):
    return client.post(
        "/admin/news/article/add/",
        article_form(section, status="draft", **translation_inline(**inline)),
    )


def test_editor_translates_under_the_article_but_cannot_release(editor_client, section, editor):
    response = add_article(editor_client, section, is_released="on")
    assert response.status_code == 302, response.context and response.context["errors"]
    translation = ArticleTranslation.objects.get()
    assert translation.title == "New cycle paths for the city centre"
    assert translation.is_released is False  # the field is not in the editor's form
    assert translation.updated_by == editor
    page = editor_client.get(f"/admin/news/article/{translation.article_id}/change/")
    assert 'name="translations-0-is_released"' not in page.content.decode()


def test_chief_releases_a_translation(chief_client, section):
    response = add_article(chief_client, section, is_released="on")
    assert response.status_code == 302
    assert ArticleTranslation.objects.get().is_released is True


def test_editor_cannot_release_on_the_translations_own_page(editor_client, section):
    translation = ArticleTranslationFactory(is_released=False)
    url = f"/admin/news/articletranslation/{translation.pk}/change/"
    page = editor_client.get(url).content.decode()
    assert 'name="is_released"' not in page
    response = editor_client.post(
        url,
        {
            "article": translation.article_id,
            "language": "en",
            "title": "Changed title",
            "slug": translation.slug,
            "lead": "Lead.",
            "body": "<p>Body.</p>",
            "is_released": "on",
        },
    )
    assert response.status_code == 302
    translation.refresh_from_db()
    assert (translation.title, translation.is_released) == ("Changed title", False)


def test_translation_page_shows_the_german_original_escaped(editor_client):
    article = ArticleFactory(
        title="<script>alert('titel')</script>",
        lead="Vorspann <img src=x onerror=alert(1)>",
        body="<p>Der <strong>Text</strong>.</p>",
    )
    translation = ArticleTranslationFactory(
        article=article, title="<script>alert('title')</script>"
    )
    html = editor_client.get(
        f"/admin/news/articletranslation/{translation.pk}/change/"
    ).content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#x27;titel&#x27;)&lt;/script&gt;" in html
    assert "Vorspann &lt;img src=x onerror=alert(1)&gt;" in html
    assert "<p>Der <strong>Text</strong>.</p>" in html  # the sanitised body, as readers see it
    listing = editor_client.get("/admin/news/articletranslation/").content.decode()
    assert "<script>alert(" not in listing


def test_one_translation_per_language_and_unique_slugs(chief_client, section):
    article = ArticleFactory(section=section)
    ArticleTranslationFactory(article=article, language="en", slug="taken")
    response = Client()  # not logged in: the admin refuses
    assert response.get("/admin/news/articletranslation/").status_code == 302
    data = {
        "article": article.pk,
        "language": "en",
        "title": "Second",
        "slug": "other",
        "lead": "Lead.",
        "body": "",
    }
    page = chief_client.post("/admin/news/articletranslation/add/", data)
    assert page.status_code == 200  # refused with a form error
    other = ArticleFactory(section=section)
    page = chief_client.post(
        "/admin/news/articletranslation/add/", {**data, "article": other.pk, "slug": "taken"}
    )
    assert page.status_code == 200
    assert ArticleTranslation.objects.count() == 1


def test_versions_keep_the_text_but_restoring_never_releases(chief_client, section):
    from reversion.models import Version

    add_article(chief_client, section, is_released="on")
    translation = ArticleTranslation.objects.get()
    [version] = Version.objects.get_for_object(translation)
    assert version.field_dict["title"] == "New cycle paths for the city centre"
    assert "is_released" not in version.field_dict
    version.revert()
    translation.refresh_from_db()
    assert translation.is_released is False


def test_released_translation_of_an_article_with_an_image_needs_its_alt_text(
    chief_client, section, image_upload
):
    article = ArticleFactory(section=section, image=image_upload, image_alt="Ein Radweg")
    data = {
        "article": article.pk,
        "language": "en",
        "title": "Cycle paths",
        "slug": "cycle-paths",
        "lead": "Lead.",
        "body": "",
        "is_released": "on",
    }
    page = chief_client.post("/admin/news/articletranslation/add/", data)
    assert "bitte den Alternativtext übersetzen" in page.content.decode()
    response = chief_client.post(
        "/admin/news/articletranslation/add/", {**data, "image_alt": "A cycle path"}
    )
    assert response.status_code == 302
    assert ArticleTranslation.objects.get().image_alt == "A cycle path"


def test_editor_cannot_move_a_released_translation_to_another_language_or_article(
    editor_client, section
):
    translation = ArticleTranslationFactory(article=ArticleFactory(section=section))
    other = ArticleFactory(section=section)
    url = f"/admin/news/articletranslation/{translation.pk}/change/"
    data = {
        "article": translation.article_id,
        "language": "en",
        "title": translation.title,
        "slug": translation.slug,
        "lead": "Lead.",
        "body": "",
    }
    for change in ({"language": "uk"}, {"article": other.pk}):
        page = editor_client.post(url, {**data, **change})
        assert "nur durch die Chefredaktion" in page.content.decode(), change
    translation.refresh_from_db()
    assert (translation.language, translation.article_id) == ("en", data["article"])
    assert editor_client.post(url, {**data, "title": "Corrected"}).status_code == 302
