import email
import logging
import time
from datetime import timedelta
from email import policy

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from news.sharing import SENT_MESSAGE
from tests.factories import ArticleFactory
from tests.servers import closed_port, silent_server, use_smtp

SITE_URL = "https://news.example.org"


@pytest.fixture(autouse=True)
def site_settings(settings):
    settings.SITE_URL = SITE_URL
    settings.DEFAULT_FROM_EMAIL = "KL.digital <redaktion@example.org>"
    settings.NEWS_SHARE_IP_LIMIT = (10, 3600)
    settings.NEWS_SHARE_RECIPIENT_LIMIT = (3, 86400)
    settings.TRUSTED_PROXY_COUNT = 0


def share_url(article):
    return reverse("news:share", kwargs={"slug": article.slug})


def post(client, article, remote_addr="203.0.113.7", **data):
    fields = {"recipient": "leserin@example.org", "sender_name": "", "note": "", "website": ""}
    fields.update(data)
    return client.post(share_url(article), fields, REMOTE_ADDR=remote_addr)


def test_share_page_offers_form_and_mailto_link(client, article):
    response = client.get(share_url(article))
    html = response.content.decode()

    assert response.status_code == 200
    assert 'type="email" name="recipient"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="note"' in html and 'maxlength="500"' in html
    assert "<div hidden>" in html and 'name="website"' in html
    assert f'href="mailto:?subject={article.title.replace(" ", "%20")}&amp;body=' in html
    assert "https%3A%2F%2Fnews.example.org%2Fmeldung%2F" in html
    assert 'content="noindex"' in html


def test_share_sends_text_and_html_mail_with_absolute_link(client, article, mailoutbox):
    response = post(
        client, article, sender_name="Anna Beispiel", note="Das dürfte Dich interessieren."
    )

    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    url = f"{SITE_URL}{article.get_absolute_url()}"
    assert mail.to == ["leserin@example.org"]
    assert mail.cc == [] and mail.bcc == []
    assert mail.from_email == "KL.digital <redaktion@example.org>"
    assert mail.subject == f"Lesetipp von KL.digital Nachrichten: {article.title}"
    assert "Anna Beispiel möchte Sie auf diese Meldung hinweisen" in mail.body
    assert article.title in mail.body
    assert article.lead in mail.body
    assert f"Zur Meldung: {url}" in mail.body
    assert "Das dürfte Dich interessieren." in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html"
    assert f'<a href="{url}"' in html
    assert article.lead in html
    assert "Das dürfte Dich interessieren." in html


def test_success_shows_confirmation_on_article_page(client, article, mailoutbox):
    response = client.post(
        share_url(article),
        {"recipient": "leserin@example.org"},
        REMOTE_ADDR="203.0.113.7",
        follow=True,
    )

    assert response.redirect_chain == [(article.get_absolute_url(), 302)]
    assert str(SENT_MESSAGE) in response.content.decode()


def test_note_is_sent_as_plain_text(client, article, mailoutbox):
    post(client, article, note='<b>fett</b> & <script>alert("x")</script>')

    html = mailoutbox[0].alternatives[0][0]
    assert "&lt;b&gt;fett&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "<script>" not in html
    assert '<b>fett</b> & <script>alert("x")</script>' in mailoutbox[0].body


def test_post_without_csrf_token_is_refused(article, mailoutbox):
    client = Client(enforce_csrf_checks=True)

    response = post(client, article)

    assert response.status_code == 403
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "recipient",
            "leserin@example.org\r\nBcc: viele@example.org",
            "Bitte ohne Zeilenumbruch eingeben.",
        ),
        ("recipient", "leserin@example.org\n", "Bitte ohne Zeilenumbruch eingeben."),
        ("sender_name", "Anna\r\nBcc: viele@example.org", "Bitte ohne Zeilenumbruch eingeben."),
        ("note", "Hallo\nBcc: viele@example.org", "Bitte ohne Zeilenumbruch eingeben."),
        (
            "recipient",
            "a@example.org, b@example.org",
            "Bitte geben Sie genau eine E-Mail-Adresse ein.",
        ),
        (
            "recipient",
            "a@example.org;b@example.org",
            "Bitte geben Sie genau eine E-Mail-Adresse ein.",
        ),
        (
            "recipient",
            "a@example.org b@example.org",
            "Bitte geben Sie genau eine E-Mail-Adresse ein.",
        ),
        ("recipient", "Anna <a@example.org>", "Bitte geben Sie genau eine E-Mail-Adresse ein."),
        ("recipient", "keine-adresse", "Bitte geben Sie eine gültige E-Mail-Adresse ein"),
        ("recipient", "", "Bitte geben Sie die E-Mail-Adresse ein"),
        ("sender_name", "anna@example.org", "keine E-Mail-Adresse"),
        ("note", "Schreib auch an b@example.org", "keine E-Mail-Adresse in die Notiz"),
        ("note", "Siehe https://spam.example/", "keine Links in die Notiz"),
        ("note", "Siehe www.spam.example", "keine Links in die Notiz"),
        ("note", "x" * 501, "höchstens 500 Zeichen"),
        ("sender_name", "y" * 81, "höchstens 80 Zeichen"),
    ],
)
def test_bad_input_gets_german_error_next_to_field_and_sends_nothing(
    client, article, mailoutbox, field, value, message
):
    response = post(client, article, **{field: value})
    html = response.content.decode()

    assert response.status_code == 200
    assert mailoutbox == []
    error_start = html.index(f'id="id_{field}_error"')
    field_start = html.index(f'name="{field}"')
    assert message in html[error_start:field_start]
    assert f'aria-describedby="id_{field}_error' in html
    assert 'aria-invalid="true"' in html


def test_bad_input_keeps_what_was_typed(client, article, mailoutbox):
    response = post(
        client,
        article,
        recipient="a@example.org, b@example.org",
        sender_name="Anna",
        note="Lies das!",
    )
    form = response.context["form"]

    assert form["recipient"].value() == "a@example.org, b@example.org"
    assert "<title>Fehler: Link mailen:" in response.content.decode()
    assert 'value="Anna"' in response.content.decode()
    assert 'value="Lies das!"' in response.content.decode()


def test_honeypot_pretends_success_and_sends_nothing(client, article, mailoutbox):
    response = post(client, article, website="https://spam.example/")

    assert response.status_code == 302
    assert mailoutbox == []


def test_per_ip_limit_answers_429_in_german_and_sends_nothing(
    client, article, mailoutbox, settings
):
    settings.NEWS_SHARE_IP_LIMIT = (2, 3600)
    for number in range(2):
        assert post(client, article, recipient=f"person{number}@example.org").status_code == 302

    response = post(client, article, recipient="person9@example.org", note="Hallo")

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "schon viele Links verschickt" in response.content.decode()
    assert 'value="person9@example.org"' in response.content.decode()
    assert len(mailoutbox) == 2
    assert post(client, article, remote_addr="198.51.100.1").status_code == 302


def test_per_recipient_limit_holds_across_client_addresses(client, article, mailoutbox, settings):
    settings.NEWS_SHARE_RECIPIENT_LIMIT = (2, 86400)
    post(client, article, remote_addr="198.51.100.1", recipient="ziel@example.org")
    post(client, article, remote_addr="198.51.100.2", recipient="ZIEL@example.org")

    response = post(client, article, remote_addr="198.51.100.3", recipient="ziel@example.org")

    assert response.status_code == 429
    assert (
        "An diese Adresse wurden heute schon mehrere Links verschickt" in response.content.decode()
    )
    assert len(mailoutbox) == 2


def cache_keys(cache):
    """Return the raw keys in the test cache: local memory, or Redis when REDIS_URL is set."""
    if hasattr(cache._cache, "get_client"):
        return [key.decode() for key in cache._cache.get_client().keys("*")]
    return list(cache._cache)


def test_limits_are_counted_in_the_shared_cache_without_addresses(client, article, mailoutbox):
    from django.core.cache import cache

    post(client, article, recipient="ziel@example.org")

    keys = cache_keys(cache)
    assert sum(":limit:share-ip:" in key for key in keys) == 1
    assert sum(":limit:share-recipient:" in key for key in keys) == 1
    assert not any("ziel" in key or "203.0.113.7" in key for key in keys)


@pytest.mark.parametrize(
    "changes",
    [{"status": Article.Status.DRAFT}, {"published_at": timezone.now() + timedelta(days=1)}],
    ids=["draft", "scheduled"],
)
def test_unpublished_article_cannot_be_shared(client, section, mailoutbox, changes):
    article = ArticleFactory(section=section, **changes)

    assert client.get(share_url(article)).status_code == 404
    assert post(client, article).status_code == 404
    assert mailoutbox == []


def test_mail_goes_through_a_real_smtp_conversation(client, article, smtp_server):
    response = post(client, article, sender_name="Anna", note="Schau mal.")

    assert response.status_code == 302
    assert len(smtp_server.messages) == 1
    received = smtp_server.messages[0]
    assert received["from"] == "redaktion@example.org"
    assert received["to"] == ["leserin@example.org"]
    message = email.message_from_bytes(received["data"], policy=policy.default)
    assert message["To"] == "leserin@example.org"
    assert message["Subject"] == f"Lesetipp von KL.digital Nachrichten: {article.title}"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert f"{SITE_URL}{article.get_absolute_url()}" in text
    assert "Anna möchte Sie auf diese Meldung hinweisen" in text
    assert article.lead in html


def test_refusing_mail_server_gives_german_message_and_keeps_input(
    client, article, smtp_server, caplog
):
    smtp_server.refuse_recipients = True

    with caplog.at_level(logging.ERROR, logger="kldigital.abuse"):
        response = post(client, article, sender_name="Anna", note="Schau mal.")

    assert response.status_code == 503
    html = response.content.decode()
    assert "Die E-Mail konnte gerade nicht verschickt werden" in html
    assert 'value="leserin@example.org"' in html and 'value="Schau mal."' in html
    assert "could not be sent" in caplog.text
    assert smtp_server.messages == []


def test_unreachable_mail_server_gives_german_message_and_keeps_input(
    client, article, settings, caplog
):
    use_smtp(settings, closed_port())

    with caplog.at_level(logging.ERROR, logger="kldigital.abuse"):
        response = post(client, article, recipient="leserin@example.org", note="Schau mal.")

    assert response.status_code == 503
    html = response.content.decode()
    assert "Die E-Mail konnte gerade nicht verschickt werden" in html
    assert 'value="Schau mal."' in html
    assert "ConnectionRefusedError" in caplog.text


def test_silent_mail_server_gives_german_message_within_the_mail_timeout(client, article, settings):
    with silent_server() as port:
        use_smtp(settings, port)
        settings.EMAIL_TIMEOUT = 1
        started = time.monotonic()
        response = post(client, article, recipient="leserin@example.org", note="Schau mal.")
        seconds = time.monotonic() - started

    assert response.status_code == 503
    assert "Die E-Mail konnte gerade nicht verschickt werden" in response.content.decode()
    assert 'value="Schau mal."' in response.content.decode()
    assert seconds < 3, f"the answer took {seconds:.1f} s"
