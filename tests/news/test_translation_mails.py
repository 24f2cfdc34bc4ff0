"""Mails in the reader's language: "Link mailen" from a translated page, and the newsletter."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation

from news import newsletter
from news.models import Subscription
from tests.factories import ArticleFactory, ArticleTranslationFactory, SubscriptionFactory
from tests.news.conftest import NOW, SITE_URL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter_site")]


@pytest.fixture
def english(section):
    article = ArticleFactory(
        section=section, slug="neue-radwege", title="Neue Radwege", published_at=NOW - timedelta(1)
    )
    return ArticleTranslationFactory(
        article=article, slug="new-cycle-paths", title="New cycle paths", lead="Three new paths."
    )


def share(client, path):
    fields = {"recipient": "freundin@example.org", "sender_name": "", "note": "", "website": ""}
    return client.post(path, fields, REMOTE_ADDR="203.0.113.7")


def test_link_mailen_from_a_translated_page_sends_the_translation(client, english):
    response = share(client, "/en/meldung/new-cycle-paths/mailen/")
    assert response.status_code == 302
    assert response["Location"] == "/en/meldung/new-cycle-paths/"
    [message] = mail.outbox
    assert "New cycle paths" in message.subject
    assert f"{SITE_URL}/en/meldung/new-cycle-paths/" in message.body
    assert "Three new paths." in message.body
    assert message.extra_headers["Content-Language"] == "en"


def test_link_mailen_from_a_german_page_stays_german(client, english):
    share(client, "/meldung/neue-radwege/mailen/")
    [message] = mail.outbox
    assert "Neue Radwege" in message.subject
    assert f"{SITE_URL}/meldung/neue-radwege/" in message.body
    assert message.extra_headers["Content-Language"] == "de"


def test_link_mailen_from_a_fallback_page_keeps_the_pages_language(client, section):
    ArticleFactory(section=section, slug="nur-deutsch", title="Nur auf Deutsch")
    share(client, "/uk/meldung/nur-deutsch/mailen/")
    [message] = mail.outbox
    assert "Nur auf Deutsch" in message.subject
    assert f"{SITE_URL}/uk/meldung/nur-deutsch/" in message.body
    assert message.extra_headers["Content-Language"] == "uk"


def test_sign_up_form_offers_the_pages_language(client, section):
    html = client.get("/ar/newsletter/").content.decode()
    assert '<option value="ar" lang="ar" selected>' in html
    assert '<option value="de" lang="de">Deutsch</option>' in html


def test_confirmation_goes_out_in_the_chosen_language(client, section):
    client.post(
        "/newsletter/",
        {"email": "reader@example.org", "sections": [section.pk], "language": "en"},
    )
    assert Subscription.objects.get().language == "en"
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "en"
    assert re.search(re.escape(SITE_URL) + r"/en/newsletter/bestaetigen/\S+/", message.body)


def test_subscriber_changes_the_language_on_their_page(client, section):
    subscription = SubscriptionFactory(sections=[section], confirmed_at=NOW)
    from news.newsletter.tokens import manage_url

    path = manage_url(subscription).removeprefix(SITE_URL)
    response = client.post(path, {"sections": [section.pk], "language": "uk"})
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.language == "uk"


def test_newsletter_lists_translated_titles_and_links(english, section):
    for language in ("en", "de"):
        SubscriptionFactory(
            email=f"{language}@example.org",
            sections=[section],
            confirmed_at=NOW - timedelta(days=2),
            language=language,
        )
    list(newsletter.newsletter_send())
    sent = {message.to[0]: message for message in mail.outbox}
    english_mail, german_mail = sent["en@example.org"], sent["de@example.org"]
    assert "New cycle paths" in english_mail.subject
    assert f"{SITE_URL}/en/meldung/new-cycle-paths/" in english_mail.body
    assert english_mail.extra_headers["Content-Language"] == "en"
    assert "Neue Radwege" in german_mail.subject
    assert f"{SITE_URL}/meldung/neue-radwege/" in german_mail.body
    assert f"{SITE_URL}/meldung/neue-radwege/" in german_mail.alternatives[0][0]


@pytest.mark.parametrize("active", [None, "ar"])  # a worker without a language, or a stray one
def test_send_newsletter_command_writes_each_mail_in_its_subscribers_language(
    english, section, active
):
    ArticleFactory(
        section=section,
        slug="nur-deutsch",
        title="Nur auf Deutsch",
        lead="Ein Vorspann.",
        published_at=NOW - timedelta(1),
    )
    for language in ("en", "uk", "de"):
        SubscriptionFactory(
            email=f"{language}@example.org",
            sections=[section],
            confirmed_at=NOW - timedelta(days=2),
            language=language,
        )
    with translation.override(active):
        call_command("send_newsletter", stdout=io.StringIO())
        assert translation.get_language() == active  # the command leaves it as it was
    sent = {message.to[0]: message for message in mail.outbox}
    english_mail, html = sent["en@example.org"], sent["en@example.org"].alternatives[0][0]
    assert english_mail.subject == "KL.digital Nachrichten: 2 new articles"
    assert f"{SITE_URL}/en/meldung/new-cycle-paths/" in english_mail.body
    assert f"{SITE_URL}/en/meldung/nur-deutsch/" in english_mail.body
    assert '<html lang="en">' in html and "Read the article" in html
    assert 'lang="de" dir="ltr">Nur auf Deutsch</a>' in html
    assert '<span lang="de" dir="ltr">Ein Vorspann.</span>' in html
    assert ">New cycle paths</a>" in html
    ukrainian = sent["uk@example.org"]
    assert ukrainian.extra_headers["Content-Language"] == "uk"
    assert "Читати новину" in ukrainian.alternatives[0][0]
    assert f"{SITE_URL}/uk/meldung/neue-radwege/" in ukrainian.body  # no Ukrainian translation
    german = sent["de@example.org"]
    assert "Meldung lesen" in german.alternatives[0][0] and "Neue Radwege" in german.body
    assert "/ar/" not in german.body and "/en/" not in german.body
    assert 'lang="de"' not in german.alternatives[0][0].partition("<body")[2]
