"""The workflow's mails: reviewers hear of a submission, the submitter of the decision, and a
failing mail server never undoes a change of status."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.utils import timezone

from news.models import Article, ArticleStateChange
from tests.news.test_admin import ADD_URL, article_form
from tests.news.test_workflow import LIST_URL, change_form, change_url
from tests.servers import closed_port, use_smtp

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def author(editor):
    editor.email = "redakteurin@example.org"
    editor.first_name, editor.last_name = "Anna", "Özdemir"
    editor.save()
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def chief(chief_editor, django_user_model):
    # A second chief without an address, who cannot be mailed, and one who left.
    chiefs = Group.objects.get(name="Chefredaktion")
    django_user_model.objects.create_user("ohne-adresse", is_staff=True).groups.add(chiefs)
    django_user_model.objects.create_user(
        "ehemalig", email="ehemalig@example.org", is_active=False
    ).groups.add(chiefs)
    client = Client()
    client.force_login(chief_editor)
    return client


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_submission_mails_the_chief_editors_with_an_address(author, chief, section):
    response = author.post(
        ADD_URL, article_form(section, status="review", status_note="Eilt: Pressetermin <heute>.")
    )

    assert [message.to for message in mail.outbox] == [["chefin@example.org"]]
    message = mail.outbox[0]
    assert "Zur Prüfung gegeben: Neue Radwege für die Innenstadt" in message.subject
    assert "Anna Özdemir hat einen Artikel zur Prüfung gegeben" in message.body
    assert "Eilt: Pressetermin <heute>." in message.body
    article = Article.objects.get()
    assert f"/admin/news/article/{article.pk}/change/" in message.body
    html = message.alternatives[0][0]
    assert "Eilt: Pressetermin &lt;heute&gt;." in html
    assert "1 Benachrichtigung(en) per E-Mail verschickt." in messages_of(response)


def test_approval_mails_the_submitter_with_the_time(author, chief, section):
    author.post(ADD_URL, article_form(section, status="review"))
    article = Article.objects.get()
    mail.outbox.clear()
    tomorrow = timezone.localtime() + timedelta(days=1)

    chief.post(
        change_url(article),
        change_form(
            article,
            status="published",
            published_at_0=tomorrow.strftime("%d.%m.%Y"),
            published_at_1="08:00:00",
        ),
    )

    assert [message.to for message in mail.outbox] == [["redakteurin@example.org"]]
    body = mail.outbox[0].body
    assert "hat über Ihren Artikel entschieden: Freigegeben, geplant." in body
    assert f"Erscheint am: {tomorrow:%d.%m.%Y} um 08:00 Uhr" in body


def test_sending_back_mails_the_note_to_the_submitter(author, chief, section):
    author.post(ADD_URL, article_form(section, status="review"))
    article = Article.objects.get()
    mail.outbox.clear()

    chief.post(change_url(article), change_form(article, status="draft", status_note="Quelle?"))

    assert mail.outbox[0].to == ["redakteurin@example.org"]
    assert "Zurück an die Redaktion" in mail.outbox[0].subject
    assert "Quelle?" in mail.outbox[0].body


def test_publishing_by_action_mails_the_submitter(author, chief, section):
    author.post(ADD_URL, article_form(section, status="review"))
    mail.outbox.clear()
    chief.post(LIST_URL, {"action": "publish", "_selected_action": [Article.objects.get().pk]})
    assert [message.to for message in mail.outbox] == [["redakteurin@example.org"]]
    assert "Freigegeben und veröffentlicht" in mail.outbox[0].subject


def test_nobody_is_mailed_about_their_own_decision(chief, chief_editor, section):
    chief.post(ADD_URL, article_form(section, status="review"))
    chief.post(LIST_URL, {"action": "publish", "_selected_action": [Article.objects.get().pk]})
    assert mail.outbox == []


def test_a_real_smtp_server_gets_the_mail(author, chief, section, smtp_server):
    author.post(ADD_URL, article_form(section, status="review"))
    assert [message["to"] for message in smtp_server.messages] == [["chefin@example.org"]]
    assert b"Zur Pr" in smtp_server.messages[0]["data"]


def test_a_closed_mail_port_keeps_the_change_and_warns_in_german(
    author, chief, section, settings, caplog
):
    use_smtp(settings, closed_port())

    response = author.post(ADD_URL, article_form(section, status="review"))

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Status.REVIEW
    assert ArticleStateChange.objects.get().to_status == Status.REVIEW
    assert any(
        "Benachrichtigung per E-Mail konnte nicht verschickt" in m for m in messages_of(response)
    )
    assert "Mail about status change" in caplog.text


def test_a_refusing_mail_server_keeps_the_approval(author, chief, section, smtp_server):
    author.post(ADD_URL, article_form(section, status="review"))
    article = Article.objects.get()
    smtp_server.refuse_recipients = True

    response = chief.post(LIST_URL, {"action": "publish", "_selected_action": [article.pk]})

    article.refresh_from_db()
    assert article.is_published()
    assert article.state_changes.first().to_status == Status.PUBLISHED
    shown = messages_of(response)
    assert any("konnte nicht verschickt werden" in m for m in shown)
    assert "1 Artikel freigegeben." in shown
