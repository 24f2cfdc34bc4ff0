from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from news.models import Article
from tests.conftest import EDITOR_PASSWORD, make_image_upload
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/news/article/add/"


@pytest.fixture
def visitor():
    return Client()


def article_form(section, **overrides):
    """Return the POST data of the admin's article form, inlines included."""
    data = {
        "title": "Neue Radwege für die Innenstadt",
        "slug": "neue-radwege-fuer-die-innenstadt",
        "dateline": "Kaiserslautern",
        "lead": "Die Stadt baut drei neue Radwege.",
        "body": "<p>Der <strong>erste</strong> Abschnitt beginnt im Frühjahr.</p>",
        "author_initials": "aö",
        "image_caption": "",
        "image_alt": "",
        "image_credit": "",
        "tags": "Verkehr, Kaiserslautern",
        "section": section.pk,
        "status": "draft",
        "published_at_0": "01.03.2024",
        "published_at_1": "10:00:00",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-label": "www.kaiserslautern.de",
        "links-0-url": "https://www.kaiserslautern.de",
        "links-0-order": "0",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "easy_read-TOTAL_FORMS": "0",
        "easy_read-INITIAL_FORMS": "0",
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_editor_writes_previews_and_chief_publishes_an_article(
    editor_client, chief_client, visitor, section
):
    older = ArticleFactory(section=section, title="Radverkehr im Vorjahr")
    person = PersonFactory(name="Ilona Benz")
    data = article_form(
        section,
        image=make_image_upload(),
        image_alt="Ein Radweg an der Fruchthalle",
        image_caption="Der neue Radweg.",
        image_credit="Stadt Kaiserslautern",
        named_people=[person.pk],
        **{
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-to_article": older.pk,
            "related_links-0-order": "0",
        },
    )

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(slug="neue-radwege-fuer-die-innenstadt")
    assert article.status == Article.Status.DRAFT
    assert sorted(tag.name for tag in article.tags.all()) == ["Kaiserslautern", "Verkehr"]
    assert list(article.people.all()) == [person]
    assert article.related_articles()[0] == older
    assert article.links.get().url == "https://www.kaiserslautern.de"
    assert article.image_renditions

    preview = editor_client.get(article.get_absolute_url())
    assert "Vorschau:" in preview.content.decode()
    assert "no-cache" in preview["Cache-Control"]
    assert visitor.get(article.get_absolute_url()).status_code == 404

    chief_client.post(
        "/admin/news/article/", {"action": "publish", "_selected_action": [article.pk]}
    )
    page = visitor.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "Der <strong>erste</strong> Abschnitt" in page.content.decode()
    assert "Bildquelle: Stadt Kaiserslautern" in page.content.decode()


def test_future_time_schedules_the_article(chief_client, visitor, section, time_machine):
    time_machine.move_to("2024-02-20 12:00 +01:00", tick=False)
    chief_client.post(ADD_URL, article_form(section, status="published"))
    article = Article.objects.get()
    assert visitor.get(article.get_absolute_url()).status_code == 404

    time_machine.move_to("2024-03-01 10:00:01 +01:00", tick=False)
    assert visitor.get(article.get_absolute_url()).status_code == 200


def test_withdraw_action_takes_an_article_off_the_site(chief_client, visitor, article):
    chief_client.post(
        "/admin/news/article/", {"action": "withdraw", "_selected_action": [article.pk]}
    )
    assert visitor.get(article.get_absolute_url()).status_code == 404
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_publishing_a_draft_dates_it_now_and_keeps_a_published_date(chief_client, section):
    last_week = timezone.now() - timedelta(days=7)
    draft = ArticleFactory(section=section, status=Article.Status.DRAFT, published_at=last_week)
    live = ArticleFactory(section=section, published_at=last_week)

    chief_client.post(
        "/admin/news/article/", {"action": "publish", "_selected_action": [draft.pk, live.pk]}
    )

    draft.refresh_from_db(), live.refresh_from_db()
    assert draft.published_at > timezone.now() - timedelta(minutes=1)
    assert live.published_at == last_week


def test_body_is_sanitised_whatever_the_browser_sends(editor_client, section):
    editor_client.post(
        ADD_URL,
        article_form(
            section,
            body='<p onmouseover="x()">Hallo<script>alert(1)</script>'
            '<a href="jav&#x09;ascript:alert(1)">Link</a></p><iframe src="//evil"></iframe>',
        ),
    )
    body = Article.objects.get().body
    assert body == '<p>Hallo<a rel="noopener noreferrer">Link</a></p>'


def test_a_bad_upload_gets_a_german_error_and_keeps_the_input(editor_client, section):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("foto.jpg", b"GIF89a kein Bild", content_type="image/jpeg")
    response = editor_client.post(ADD_URL, article_form(section, image=fake, image_alt="Foto"))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["image"]
    assert "Bild" in errors[0]
    assert 'value="Neue Radwege für die Innenstadt"' in response.content.decode()
    assert not Article.objects.exists()


def test_image_without_alt_text_gets_a_german_error(chief_client, section):
    response = chief_client.post(
        ADD_URL, article_form(section, image=make_image_upload(), status="published")
    )
    assert (
        "Bitte beschreiben Sie das Bild"
        in response.context["adminform"].form.errors["image_alt"][0]
    )


def test_stored_upload_has_no_exif_but_keeps_its_orientation(editor_client, section, media_root):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "N", 2: (49.0, 26.0, 39.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 600), "green").save(buffer, "JPEG", exif=exif)
    upload = SimpleUploadedFile("gps.jpg", buffer.getvalue(), content_type="image/jpeg")

    editor_client.post(ADD_URL, article_form(section, image=upload, image_alt="Ein Foto"))

    with Image.open(media_root / Article.objects.get().image.name) as stored:
        assert stored.size == (600, 1000)
        assert not stored.getexif()


def test_editor_form_offers_the_rich_text_editor_and_tag_suggestions(editor_client, article):
    ArticleFactory(tags=["Smart City"])
    page = editor_client.get(ADD_URL).content.decode()
    assert "data-django-prose-editor-kldigital" in page
    assert "django_prose_editor/editor." in page
    assert "admin/js/prose_editor." in page
    assert "Häufig verwendet: Smart City." in page
    assert "Stichwörter und Einordnung" in page


def test_article_list_shows_columns_filters_and_search(chief_client, section):
    ArticleFactory(section=section, title="Radarsensoren", tags=["Verkehr"])
    ArticleFactory(section=section, title="Gesundheitsamt")
    page = chief_client.get("/admin/news/article/", {"q": "Radar"}).content.decode()
    assert "Radarsensoren" in page and "Gesundheitsamt" not in page
    assert "Verkehr" in page
    assert "Veröffentlichen" in page or "veröffentlichen" in page
    assert "zurückziehen" in page


def test_editors_cannot_manage_users_or_see_subscribers(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get("/admin/news/subscription/").status_code == 403
    assert editor_client.get("/admin/news/article/").status_code == 200
    assert editor_client.get("/admin/people/person/").status_code == 200


def test_every_save_keeps_a_version_with_user(editor_client, editor, section):
    editor_client.post(ADD_URL, article_form(section))
    article = Article.objects.get()
    change_url = f"/admin/news/article/{article.pk}/change/"
    editor_client.post(
        change_url,
        article_form(section, title="Geänderte Überschrift", **{"links-INITIAL_FORMS": "0"}),
    )

    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2
    assert versions[0].revision.user == editor
    assert versions[1].field_dict["title"] == "Neue Radwege für die Innenstadt"
    history = editor_client.get(f"{change_url[:-7]}history/").content.decode()
    assert "Neue Radwege" in history or "redakteurin" in history


def test_createeditor_makes_a_staff_member_of_redaktion(django_user_model, monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", EDITOR_PASSWORD)
    call_command(
        "createeditor", "chefin", "--email", "chefin@example.org", "--noinput", stdout=StringIO()
    )
    user = django_user_model.objects.get(username="chefin")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name="Redaktion").exists()
    assert user.check_password(EDITOR_PASSWORD)
    assert user.has_perm("news.change_article") and not user.has_perm("auth.add_user")
