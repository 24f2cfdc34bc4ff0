"""The review workflow: who may move an article to which status, by every route."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Version

from news.models import Article, ArticleStateChange
from tests.conftest import EDITOR_PASSWORD
from tests.factories import ArticleFactory
from tests.news.test_admin import ADD_URL, article_form

pytestmark = pytest.mark.django_db
LIST_URL = "/admin/news/article/"
Status = Article.Status


def change_url(article):
    return f"/admin/news/article/{article.pk}/change/"


def change_form(article, **overrides):
    """Return the POST data of an existing article's change form."""
    data = article_form(
        article.section,
        title=article.title,
        slug=article.slug,
        status=article.status,
        published_at_0=timezone.localtime(article.published_at).strftime("%d.%m.%Y"),
        published_at_1=timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        **{"links-TOTAL_FORMS": "0"},
    )
    data.update(overrides)
    return data


def test_editor_submits_a_new_article_for_review(editor_client, editor, section):
    response = editor_client.post(ADD_URL, article_form(section, status="review"))

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Status.REVIEW
    change = ArticleStateChange.objects.get()
    assert (change.from_status, change.to_status, change.user) == ("draft", "review", editor)


def test_editor_is_offered_only_draft_and_review(editor_client):
    page = editor_client.get(ADD_URL).content.decode()
    assert '<option value="review">Zur Prüfung</option>' in page
    assert 'value="published"' not in page


def test_editor_cannot_publish_through_the_add_form(editor_client, section):
    response = editor_client.post(ADD_URL, article_form(section, status="published"))

    assert response.status_code == 200
    assert "status" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_editor_cannot_publish_a_submitted_article_by_tampering(editor_client, section):
    article = ArticleFactory(section=section, status=Status.REVIEW)

    response = editor_client.post(change_url(article), change_form(article, status="published"))

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    assert not ArticleStateChange.objects.exists()


def test_editor_cannot_move_a_scheduled_article_to_now(editor_client, section):
    later = timezone.now() + timedelta(days=3)
    article = ArticleFactory(section=section, published_at=later, title="Geplant")
    now = timezone.localtime()

    response = editor_client.post(
        change_url(article),
        change_form(
            article,
            status="draft",
            title="Geplant, korrigiert",
            published_at_0=now.strftime("%d.%m.%Y"),
            published_at_1=now.strftime("%H:%M:%S"),
        ),
    )

    assert response.status_code == 302  # the text may be corrected, time and status stay
    article.refresh_from_db()
    assert article.title == "Geplant, korrigiert"
    assert (article.status, article.published_at) == (Status.PUBLISHED, later)


@pytest.mark.parametrize("action", ["publish", "withdraw", "send_back"])
def test_editor_cannot_use_the_chief_actions(editor_client, section, action):
    draft = ArticleFactory(section=section, status=Status.REVIEW)
    live = ArticleFactory(section=section)

    editor_client.post(LIST_URL, {"action": action, "_selected_action": [draft.pk, live.pk]})

    draft.refresh_from_db(), live.refresh_from_db()
    assert (draft.status, live.status) == (Status.REVIEW, Status.PUBLISHED)
    page = editor_client.get(LIST_URL).content.decode()
    assert 'value="submit_for_review"' in page
    assert 'value="publish"' not in page and 'value="withdraw"' not in page


def test_editor_cannot_publish_by_a_bulk_edit_of_the_list(editor_client, section):
    draft = ArticleFactory(section=section, status=Status.DRAFT)
    editor_client.post(
        LIST_URL,
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": draft.pk,
            "form-0-status": "published",
            "_save": "Sichern",
        },
    )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_editor_cannot_publish_by_restoring_a_published_version(
    editor_client, chief_client, section
):
    chief_client.post(ADD_URL, article_form(section, status="published"))
    article = Article.objects.get()
    chief_client.post(LIST_URL, {"action": "withdraw", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    published_version = Version.objects.get_for_object(article).last()
    assert published_version.field_dict["status"] == "published"

    restore_url = f"/admin/news/article/{article.pk}/history/{published_version.pk}/"
    response = editor_client.post(restore_url, change_form(article, status="published"))

    assert response.status_code in (200, 403)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_editor_submits_with_the_action(editor_client, editor, section):
    draft = ArticleFactory(section=section, status=Status.DRAFT)
    editor_client.post(LIST_URL, {"action": "submit_for_review", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.REVIEW
    assert draft.state_changes.get().user == editor


def test_chief_approves_with_a_future_time_and_the_list_says_geplant(chief_client, section):
    article = ArticleFactory(section=section, status=Status.REVIEW, title="Kommt morgen")
    tomorrow = timezone.localtime() + timedelta(days=1)

    response = chief_client.post(
        change_url(article),
        change_form(
            article,
            status="published",
            published_at_0=tomorrow.strftime("%d.%m.%Y"),
            published_at_1="08:00:00",
        ),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_scheduled() and not article.is_published()
    assert article.state_label() == "Geplant"
    row = chief_client.get(LIST_URL).content.decode()
    assert '<td class="field-state">Geplant</td>' in row
    assert ArticleStateChange.objects.get().to_status == Status.PUBLISHED


def test_publish_action_holds_back_an_article_that_would_hurt_readers(chief_client, section):
    ready = ArticleFactory(section=section, status=Status.REVIEW, title="Fertig")
    unfinished = ArticleFactory(
        section=section, status=Status.REVIEW, title="Ohne Vorspann", lead=""
    )

    response = chief_client.post(
        LIST_URL, {"action": "publish", "_selected_action": [ready.pk, unfinished.pk]}, follow=True
    )

    ready.refresh_from_db(), unfinished.refresh_from_db()
    assert (ready.status, unfinished.status) == (Status.PUBLISHED, Status.REVIEW)
    assert "Nicht freigegeben, weil etwas fehlt" in response.content.decode()
    assert "Ohne Vorspann" in response.content.decode()


def test_chief_publishes_now_and_withdraws_with_the_actions(chief_client, chief_editor, section):
    article = ArticleFactory(section=section, status=Status.REVIEW)

    chief_client.post(LIST_URL, {"action": "publish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.is_published()
    chief_client.post(LIST_URL, {"action": "withdraw", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Status.DRAFT

    steps = [(c.from_status, c.to_status) for c in article.state_changes.order_by("pk")]
    assert steps == [("review", "published"), ("published", "draft")]
    assert {c.user for c in article.state_changes.all()} == {chief_editor}


def test_chief_sends_back_with_a_note_shown_in_the_history(chief_client, section):
    article = ArticleFactory(section=section, status=Status.REVIEW)

    chief_client.post(
        change_url(article),
        change_form(article, status="draft", status_note="Bitte <Quelle> nennen."),
    )

    article.refresh_from_db()
    assert article.status == Status.DRAFT
    page = chief_client.get(change_url(article)).content.decode()
    assert "Verlauf des Status" in page
    assert "Zurück an die Redaktion (chefin)" in page
    assert "Hinweis: Bitte &lt;Quelle&gt; nennen." in page


def test_state_filter_lists_each_true_state(chief_client, section):
    ArticleFactory(section=section, title="Ein Entwurf", status=Status.DRAFT)
    ArticleFactory(section=section, title="In Prüfung", status=Status.REVIEW)
    ArticleFactory(section=section, title="Für später", published_at=timezone.now() + timedelta(1))
    ArticleFactory(section=section, title="Schon online")
    expected = {
        "entwurf": "Ein Entwurf",
        "pruefung": "In Prüfung",
        "geplant": "Für später",
        "veroeffentlicht": "Schon online",
    }
    for value, title in expected.items():
        page = chief_client.get(LIST_URL, {"stand": value}).content.decode()
        shown = [t for t in expected.values() if f">{t}</a>" in page]
        assert shown == [title], value
    assert "Stand" in chief_client.get(LIST_URL).content.decode()


def test_review_articles_are_never_visible(client, section):
    article = ArticleFactory(
        section=section, status=Status.REVIEW, title="Radarsensoren geprüft", tags=["Verkehr"]
    )
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404
    for url in ["/", "/feeds/rss/", "/feeds/atom/", "/sitemap.xml", "/suche/?q=Radarsensoren"]:
        page = client.get(url).content.decode()
        assert "Radarsensoren geprüft" not in page and article.slug not in page, url


def test_staff_preview_of_a_review_article_says_so(staff_client, section):
    article = ArticleFactory(section=section, status=Status.REVIEW)
    page = staff_client.get(article.get_absolute_url()).content.decode()
    assert "liegt der Chefredaktion zur Prüfung vor" in page


def test_groups_split_the_right_to_publish(editor, chief_editor):
    assert editor.has_perm("news.change_article") and not editor.has_perm("news.publish_article")
    assert chief_editor.has_perm("news.publish_article")
    assert chief_editor.has_perm("news.change_article")
    assert not chief_editor.has_perm("auth.add_user")
    assert (
        not Group.objects.get(name="Redaktion")
        .permissions.filter(codename="change_articlestatechange")
        .exists()
    )


def test_createeditor_chief_makes_a_member_of_chefredaktion(django_user_model, monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", EDITOR_PASSWORD)
    out = StringIO()
    call_command("createeditor", "chef", "--chief", "--noinput", stdout=out)
    user = django_user_model.objects.get(username="chef")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name="Chefredaktion").exists()
    assert user.has_perm("news.publish_article")
    assert "Chefredaktion" in out.getvalue()
