"""The accessibility statement generated from the facts editors keep, and "Barriere melden"."""

import logging
from datetime import datetime

import pytest

from news.accessibility.views import MAIL_FAILED_MESSAGE, RECEIVED_MESSAGE
from news.models import AccessibilityStatement, BarrierReport, KnownBarrier
from news.models.accessibility import one_month_after
from tests.servers import closed_port, use_smtp

SITE_URL = "https://news.example.org"
REPORT_URL = "/barriere-melden/"
STATEMENT_URL = "/seite/barrierefreiheit/"


@pytest.fixture(autouse=True)
def site_settings(settings):
    settings.SITE_URL = SITE_URL
    settings.DEFAULT_FROM_EMAIL = "KL.digital <redaktion@example.org>"
    settings.NEWS_BARRIER_REPORT_IP_LIMIT = (5, 3600)
    settings.NEWS_BARRIER_REPORT_ADDRESS_LIMIT = (3, 86400)
    settings.TRUSTED_PROXY_COUNT = 0


@pytest.fixture
def statement(db):
    statement = AccessibilityStatement.load()
    statement.contact_email = "barrierefrei@example.org"
    statement.save()
    return statement


def report(client, remote_addr="203.0.113.7", follow=False, **data):
    fields = {
        "page_url": "/meldung/ratssitzung/",
        "description": "Das Diagramm hat keinen Alternativtext.",
        "name": "Anna Beispiel",
        "email": "anna@example.org",
        "website": "",
    }
    fields.update(data)
    return client.post(REPORT_URL, fields, REMOTE_ADDR=remote_addr, follow=follow)


# The statement -------------------------------------------------------------------------------


def test_statement_is_seeded_with_known_facts_and_marks_the_unknown(client, db):
    html = client.get(STATEMENT_URL).content.decode()

    assert "<h1>Erklärung zur Barrierefreiheit</h1>" in html
    assert "Die KL.digital GmbH ist bemüht" in html  # the standing page's text as intro
    assert "<strong>teilweise vereinbar</strong>" in html
    assert "Ratsdokumente als PDF-Datei" in html  # the seeded known barrier
    assert "Selbstbewertung" in html and "axe-core" in html
    assert "Zuletzt geprüft: [bitte ergänzen]" in html
    assert "[bitte ergänzen: Schlichtungs- oder Durchsetzungsstelle" in html
    assert f'href="{REPORT_URL}"' in html


def test_statement_renders_the_facts_editors_keep(client, statement):
    statement.compliance = AccessibilityStatement.Compliance.FULL
    statement.review_date = datetime(2026, 11, 20).date()
    statement.enforcement_body = "Schlichtungsstelle nach dem BGG"
    statement.enforcement_url = "https://schlichtung.example.org/"
    statement.save()
    statement.known_barriers.all().delete()

    html = client.get(STATEMENT_URL).content.decode()

    assert "<strong>vollständig vereinbar</strong>" in html
    assert "Nicht barrierefreie Inhalte" not in html
    assert "Zuletzt geprüft: 20. November 2026." in html
    assert "<strong>Schlichtungsstelle nach dem BGG</strong>" in html
    assert '<a href="https://schlichtung.example.org/">' in html
    assert '<a href="mailto:barrierefrei@example.org">barrierefrei@example.org</a>' in html


def test_statement_escapes_editor_text(client, statement):
    KnownBarrier.objects.create(
        statement=statement,
        description="<script>alert(1)</script>Videos",
        reason="<b>Kosten</b>",
        alternative="<img src=x onerror=alert(2)>Abschrift",
    )
    statement.contact = "<a href='javascript:x()'>Kontakt</a>"
    statement.save()

    html = client.get(STATEMENT_URL).content.decode()

    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>Kosten</b>" not in html and "&lt;b&gt;Kosten" in html
    assert "<img src=x" not in html
    assert "javascript:x()" not in html.replace("&#x27;javascript:x()&#x27;", "")


def test_statement_and_report_form_are_linked_from_every_page(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    assert f'<a href="{STATEMENT_URL}">Erklärung zur Barrierefreiheit</a>' in html
    assert f'<a href="{REPORT_URL}?seite=/meldung/{article.slug}/">Barriere melden</a>' in html


def test_a_changed_statement_is_not_served_from_the_page_cache(client, statement, settings):
    settings.NEWS_PAGE_CACHE_SECONDS = 600
    assert "teilweise vereinbar" in client.get(STATEMENT_URL).content.decode()

    statement.compliance = AccessibilityStatement.Compliance.NONE
    statement.save()

    assert "<strong>nicht vereinbar</strong>" in client.get(STATEMENT_URL).content.decode()


# The form ------------------------------------------------------------------------------------


def test_form_has_the_referring_page_filled_in(client, db):
    html = client.get(REPORT_URL, {"seite": "/meldung/ratssitzung/"}).content.decode()

    assert 'name="page_url" value="/meldung/ratssitzung/"' in html
    assert "<textarea" in html and 'name="description"' in html
    assert "<div hidden>" in html and 'name="website"' in html
    assert 'content="noindex"' in html


@pytest.mark.parametrize(
    "foreign",
    ["https://evil.example/phish", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"],
)
def test_foreign_page_is_neither_filled_in_nor_accepted(client, statement, mailoutbox, foreign):
    html = client.get(REPORT_URL, {"seite": foreign}).content.decode()
    assert "evil.example" not in html and "javascript:" not in html

    response = report(client, page_url=foreign)

    assert response.status_code == 200
    assert "Bitte geben Sie eine Adresse dieses Portals an" in response.content.decode()
    assert BarrierReport.objects.count() == 0 and mailoutbox == []


def test_full_address_of_this_site_is_stored_as_its_path(client, statement, mailoutbox):
    report(client, page_url=f"{SITE_URL}/meldung/ratssitzung/")

    assert BarrierReport.objects.get().page_url == "/meldung/ratssitzung/"


def test_report_is_stored_mailed_to_the_editor_and_confirmed(client, statement, mailoutbox):
    response = report(client, follow=True)

    stored = BarrierReport.objects.get()
    assert stored.page_url == "/meldung/ratssitzung/"
    assert stored.description == "Das Diagramm hat keinen Alternativtext."
    assert (stored.name, stored.email, stored.status) == (
        "Anna Beispiel",
        "anna@example.org",
        "new",
    )
    assert stored.answer_by == one_month_after(stored.created_at)

    html = response.content.decode()
    assert response.redirect_chain == [
        ("/barriere-melden/eingegangen/?seite=/meldung/ratssitzung/", 302)
    ]
    assert str(RECEIVED_MESSAGE) in html and "Eine Bestätigung ist an Ihre E-Mail-Adresse" in html
    assert '<a href="/meldung/ratssitzung/">Zurück zur Seite' in html

    to_editor, receipt = mailoutbox
    assert to_editor.to == ["barrierefrei@example.org"]
    assert to_editor.reply_to == [] and to_editor.extra_headers["Reply-To"] == "anna@example.org"
    assert to_editor.subject == "Barriere gemeldet: /meldung/ratssitzung/"
    assert "Das Diagramm hat keinen Alternativtext." in to_editor.body
    assert f"Seite: {SITE_URL}/meldung/ratssitzung/" in to_editor.body
    assert f"{SITE_URL}/admin/news/barrierreport/{stored.pk}/change/" in to_editor.body
    assert receipt.to == ["anna@example.org"]
    assert "Wir antworten Ihnen bis spätestens" in receipt.body
    assert "Diagramm" not in receipt.body  # a stranger's text never goes to a typed address


def test_report_without_address_goes_to_the_portal_sender_and_gets_no_receipt(
    client, db, mailoutbox
):
    response = report(client, name="", email="", follow=True)

    assert [mail.to for mail in mailoutbox] == [["redaktion@example.org"]]
    assert "Reply-To" not in mailoutbox[0].extra_headers
    assert str(RECEIVED_MESSAGE) in response.content.decode()


def test_editor_mail_escapes_the_description(client, statement, mailoutbox):
    report(client, description="<script>alert(1)</script> kaputt")

    html = mailoutbox[0].alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; kaputt" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("description", "", "Bitte beschreiben Sie die Barriere."),
        ("email", "keine-adresse", "Bitte geben Sie eine gültige E-Mail-Adresse ein"),
        ("email", "a@example.org, b@example.org", "genau eine E-Mail-Adresse"),
        ("name", "Anna\r\nBcc: viele@example.org", "Bitte ohne Zeilenumbruch eingeben."),
        ("description", "x" * 5001, "höchstens 5000 Zeichen"),
    ],
)
def test_bad_input_gets_german_error_and_keeps_what_was_typed(
    client, statement, mailoutbox, field, value, message
):
    response = report(client, **{field: value})

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "<title>Fehler: Barriere melden" in html
    assert f'aria-describedby="id_{field}_error' in html
    assert "/meldung/ratssitzung/" in html
    assert BarrierReport.objects.count() == 0 and mailoutbox == []


def test_honeypot_pretends_success_and_stores_nothing(client, statement, mailoutbox):
    response = report(client, website="https://spam.example/")

    assert response.status_code == 302
    assert BarrierReport.objects.count() == 0 and mailoutbox == []


def test_per_ip_limit_answers_429_in_german_and_keeps_input(client, statement, settings):
    settings.NEWS_BARRIER_REPORT_IP_LIMIT = (2, 3600)
    for number in range(2):
        assert report(client, email=f"person{number}@example.org").status_code == 302

    response = report(client, description="Der Kontrast ist zu schwach.")

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "schon viele Barrieren gemeldet" in response.content.decode()
    assert "Der Kontrast ist zu schwach." in response.content.decode()
    assert BarrierReport.objects.count() == 2
    assert report(client, remote_addr="198.51.100.1").status_code == 302


def test_receipts_to_one_address_are_limited(client, statement, settings, mailoutbox):
    settings.NEWS_BARRIER_REPORT_ADDRESS_LIMIT = (1, 86400)
    report(client, remote_addr="198.51.100.1", email="ziel@example.org")

    response = report(client, remote_addr="198.51.100.2", email="ZIEL@example.org")

    assert response.status_code == 429
    assert "schon mehrere Bestätigungen verschickt" in response.content.decode()
    assert BarrierReport.objects.count() == 1


def test_refusing_mail_server_still_stores_the_report_and_says_so(
    client, statement, smtp_server, caplog
):
    smtp_server.refuse_recipients = True

    with caplog.at_level(logging.ERROR, logger="news.accessibility.views"):
        response = report(client, follow=True)

    assert response.status_code == 200
    assert str(MAIL_FAILED_MESSAGE) in response.content.decode()
    assert BarrierReport.objects.get().description == "Das Diagramm hat keinen Alternativtext."
    assert "mails not sent" in caplog.text
    assert smtp_server.messages == []


def test_unreachable_mail_server_still_stores_the_report(client, statement, settings):
    use_smtp(settings, closed_port())

    response = report(client, follow=True)

    assert str(MAIL_FAILED_MESSAGE) in response.content.decode()
    assert BarrierReport.objects.count() == 1


def test_report_mails_go_through_a_real_smtp_conversation(client, statement, smtp_server):
    assert report(client).status_code == 302

    assert [message["to"] for message in smtp_server.messages] == [
        ["barrierefrei@example.org"],
        ["anna@example.org"],
    ]


def test_cache_that_cannot_count_gives_503_and_keeps_input(client, statement, settings, mailoutbox):
    working = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    try:
        response = report(client, description="Der Kontrast ist zu schwach.")
    finally:
        settings.CACHES = working  # so that the test's clean-up can empty the working cache

    html = response.content.decode()
    assert response.status_code == 503
    assert "Ihre Eingaben sind erhalten" in html and "Der Kontrast ist zu schwach." in html
    assert BarrierReport.objects.count() == 0 and mailoutbox == []


def test_statement_stays_linked_and_readable_without_its_intro_page(client, article):
    from news.models import Page

    Page.objects.filter(slug="barrierefreiheit").update(show_in_footer=False)
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count(f'href="{STATEMENT_URL}"') == 1

    Page.objects.filter(slug="barrierefreiheit").delete()
    html = client.get(STATEMENT_URL).content.decode()
    assert "<h1>Erklärung zur Barrierefreiheit</h1>" in html
    assert "teilweise vereinbar" in html


def test_privacy_page_says_what_a_barrier_report_stores(client, db):
    html = client.get("/seite/datenschutz/").content.decode()
    assert "<h2>Barriere melden</h2>" in html and "Eingangsbestätigung" in html
