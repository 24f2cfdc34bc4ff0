import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import Client

from news import newsletter
from news.models import NewsletterDelivery, Subscription
from tests.factories import ArticleFactory, SubscriptionFactory
from tests.news.conftest import NOW, SITE_URL
from tests.servers import closed_port, use_smtp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter_site")]


LINK = re.compile(re.escape(SITE_URL) + r"(/newsletter/[a-z]+/[^/\s]+/)")


def links(message):
    """Return the site paths linked from a mail's text, by kind ("bestaetigen", "abo", …)."""
    return {path.split("/")[2]: path for path in LINK.findall(message.body)}


def subscribe(client, email="leserin@example.org", sections=()):
    return client.post("/newsletter/", {"email": email, "sections": [s.pk for s in sections]})


# Sign-up ----------------------------------------------------------------------------------


def test_form_offers_every_section_ticked(client, section, verwaltung):
    page = client.get("/newsletter/").content.decode()
    assert "<h1>Newsletter: Aboverwaltung</h1>" in page
    assert page.count('type="checkbox" name="sections"') == 2
    assert page.count("checked") == 2


def test_sign_up_stores_a_pending_subscription_and_sends_one_confirmation(client, section, frozen):
    response = subscribe(client, "Leserin@Example.ORG ", [section])
    assert response.status_code == 302 and response["Location"] == "/newsletter/angefordert/"
    subscription = Subscription.objects.get()
    assert subscription.email == "leserin@example.org"
    assert subscription.confirmed_at is None and subscription.notice_sent_at == NOW
    assert list(subscription.sections.all()) == [section]
    [message] = mail.outbox
    assert message.to == ["leserin@example.org"]
    assert "bestätigen" in message.subject
    assert "bestaetigen" in links(message)
    assert "List-Unsubscribe" not in message.extra_headers
    assert "Bitte prüfen Sie Ihr Postfach" in client.get(response["Location"]).content.decode()


def test_sign_up_needs_an_address_and_a_section(client, section):
    response = client.post("/newsletter/", {"email": "kein-at-zeichen", "sections": []})
    page = response.content.decode()
    assert "gültige E-Mail-Adresse" in page
    assert "Bitte wählen Sie mindestens eine Rubrik." in page
    assert Subscription.objects.count() == 0 and mail.outbox == []


def test_repeated_sign_ups_send_one_mail_a_day_with_the_same_reply(
    client, section, verwaltung, frozen
):
    replies = [subscribe(client, sections=[section]) for _ in range(3)]
    assert {(r.status_code, r["Location"]) for r in replies} == {(302, "/newsletter/angefordert/")}
    assert len(mail.outbox) == 1
    subscribe(client, sections=[verwaltung])
    assert list(Subscription.objects.get().sections.all()) == [verwaltung]  # still unconfirmed
    frozen.shift(timedelta(hours=23))
    subscribe(client, sections=[section])
    assert len(mail.outbox) == 1
    frozen.shift(timedelta(hours=1))
    subscribe(client, sections=[section])
    assert len(mail.outbox) == 2 and "bestaetigen" in links(mail.outbox[1])


def test_reply_does_not_tell_known_addresses_from_new_ones(client, section):
    SubscriptionFactory(email="bekannt@example.org", sections=[section])
    known = subscribe(client, "bekannt@example.org", [section])
    new = subscribe(client, "neu@example.org", [section])
    assert (known.status_code, known["Location"]) == (new.status_code, new["Location"])
    assert client.get(known["Location"]).content == client.get(new["Location"]).content


def test_subscriber_signing_up_again_gets_their_links_not_a_change(client, section, verwaltung):
    subscription = SubscriptionFactory(email="bekannt@example.org", sections=[section])
    subscribe(client, "bekannt@example.org", [verwaltung])
    assert list(subscription.sections.all()) == [section]
    [message] = mail.outbox
    assert set(links(message)) == {"abo", "abmelden"}
    subscribe(client, "bekannt@example.org", [verwaltung])
    assert len(mail.outbox) == 1


def test_honeypot_gets_the_usual_reply_and_nothing_happens(client, section):
    response = client.post(
        "/newsletter/", {"email": "bot@example.org", "sections": [section.pk], "website": "x"}
    )
    assert response["Location"] == "/newsletter/angefordert/"
    assert Subscription.objects.count() == 0 and mail.outbox == []


def test_many_sign_ups_from_one_address_are_refused(client, section, settings):
    settings.NEWS_NEWSLETTER_IP_LIMIT = (2, 3600)
    for n in range(2):
        assert subscribe(client, f"person{n}@example.org", [section]).status_code == 302
    response = subscribe(client, "person3@example.org", [section])
    assert response.status_code == 429 and response["Retry-After"] == "3600"
    assert "sehr viele Anmeldungen" in response.content.decode()
    assert len(mail.outbox) == 2


def test_mail_server_failure_stores_nothing_and_says_so(client, section, settings):
    settings.EMAIL_BACKEND = "tests.servers.FailingBackend"
    response = subscribe(client, sections=[section])
    assert response.status_code == 503
    assert "Mailversand gestört" in response.content.decode()
    assert Subscription.objects.count() == 0


def test_unreachable_mail_server_gives_german_503_and_keeps_input(client, section, settings):
    use_smtp(settings, closed_port())
    response = subscribe(client, "leserin@example.org", [section])
    html = response.content.decode()
    assert response.status_code == 503
    assert "Die E-Mail konnte gerade nicht verschickt werden" in html
    assert 'value="leserin@example.org"' in html
    assert Subscription.objects.count() == 0


def test_refusing_mail_server_gives_german_503_and_keeps_input(client, section, smtp_server):
    smtp_server.refuse_recipients = True
    response = subscribe(client, "leserin@example.org", [section])
    assert response.status_code == 503
    assert 'value="leserin@example.org"' in response.content.decode()
    assert smtp_server.messages == [] and Subscription.objects.count() == 0


def test_confirmation_mail_names_the_sections_as_text(client, section, verwaltung):
    subscribe(client, sections=[section, verwaltung])
    [message] = mail.outbox
    assert "mit neuen Meldungen aus: Smart City, Verwaltung." in message.body
    assert "<Section" not in message.body and "[" not in message.body
    assert "mit neuen Meldungen aus: Smart City, Verwaltung." in message.alternatives[0][0]


# Confirmation -----------------------------------------------------------------------------


def test_confirmation_link_asks_first_and_records_consent_on_post(client, section, frozen):
    subscribe(client, sections=[section])
    confirm = links(mail.outbox[0])["bestaetigen"]
    page = client.get(confirm)
    assert page.status_code == 200 and "Ja, Newsletter bestellen" in page.content.decode()
    assert Subscription.objects.get().confirmed_at is None
    frozen.shift(timedelta(hours=5))
    done = client.post(confirm)
    assert "Ihr Abonnement ist bestätigt" in done.content.decode()
    assert Subscription.objects.get().confirmed_at == NOW + timedelta(hours=5)
    client.post(confirm)
    assert Subscription.objects.get().confirmed_at == NOW + timedelta(hours=5)
    assert "Schon bestätigt" in client.get(confirm).content.decode()


def test_expired_confirmation_link_changes_nothing(client, section, frozen, settings):
    subscribe(client, sections=[section])
    confirm = links(mail.outbox[0])["bestaetigen"]
    frozen.shift(timedelta(days=settings.NEWS_NEWSLETTER_CONFIRM_DAYS, seconds=1))
    response = client.post(confirm)
    assert response.status_code == 400
    assert "Dieser Link ist abgelaufen" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token[:10],
        lambda token: signing.dumps({"id": 1}, salt="etwas anderes"),
        lambda token: signing.dumps({"id": "1"}, salt=newsletter.tokens.CONFIRM_SALT),
        lambda token: "%00",
    ],
)
def test_tampered_confirmation_link_gets_a_friendly_page(client, section, damage):
    subscribe(client, sections=[section])
    token = links(mail.outbox[0])["bestaetigen"].split("/")[3]
    response = client.post(f"/newsletter/bestaetigen/{damage(token)}/")
    assert response.status_code == 400
    assert "Dieser Link funktioniert nicht" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_subscriber_link_does_not_confirm(client, section):
    subscription = SubscriptionFactory(confirmed_at=None, sections=[section])
    token = newsletter.subscriber_token(subscription)
    assert client.post(f"/newsletter/bestaetigen/{token}/").status_code == 400
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


# Unsubscribing ----------------------------------------------------------------------------


def test_unsubscribe_get_only_shows_a_button(client, section):
    subscription = SubscriptionFactory(sections=[section])
    page = client.get(newsletter.unsubscribe_url(subscription).removeprefix(SITE_URL))
    assert page.status_code == 200 and "Ja, abmelden" in page.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_one_click_post_without_cookies_unsubscribes(section):
    subscription = SubscriptionFactory(sections=[section])
    article = ArticleFactory(section=section)
    NewsletterDelivery.objects.create(subscription=subscription, article=article)
    path = newsletter.unsubscribe_url(subscription).removeprefix(SITE_URL)
    cookieless = Client(enforce_csrf_checks=True)
    response = cookieless.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "Sie sind abgemeldet" in response.content.decode()
    assert not response.cookies
    assert Subscription.objects.count() == 0 and NewsletterDelivery.objects.count() == 0
    assert cookieless.post(path).status_code == 200  # again: still a calm answer


def test_tampered_unsubscribe_link_changes_nothing(client, section):
    subscription = SubscriptionFactory(sections=[section])
    token = newsletter.subscriber_token(subscription)
    for bad in (token[:-2], newsletter.confirm_token(subscription), "x"):
        response = Client(enforce_csrf_checks=True).post(f"/newsletter/abmelden/{bad}/")
        assert response.status_code == 400
        assert "Es hat sich nichts geändert" in response.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_other_newsletter_forms_keep_csrf_protection(section):
    subscription = SubscriptionFactory(confirmed_at=None, sections=[section])
    csrf_client = Client(enforce_csrf_checks=True)
    confirm = f"/newsletter/bestaetigen/{newsletter.confirm_token(subscription)}/"
    assert csrf_client.post(confirm).status_code == 403
    assert csrf_client.post("/newsletter/", {"email": "a@example.org"}).status_code == 403


def test_cancel_form_mails_the_link_to_subscribers_only(client, section):
    SubscriptionFactory(email="dabei@example.org", sections=[section])
    SubscriptionFactory(email="offen@example.org", confirmed_at=None, sections=[section])
    replies = [
        client.post("/newsletter/kuendigen/", {"email": email})
        for email in ("dabei@example.org", "offen@example.org", "fremd@example.org")
    ]
    assert {r["Location"] for r in replies} == {"/newsletter/kuendigen/angefordert/"}
    [message] = mail.outbox
    assert message.to == ["dabei@example.org"]
    client.post(links(message)["abmelden"])
    assert not Subscription.objects.filter(email="dabei@example.org").exists()


# Managing ---------------------------------------------------------------------------------


def test_subscriber_changes_sections(client, section, verwaltung):
    subscription = SubscriptionFactory(sections=[section])
    path = newsletter.manage_url(subscription).removeprefix(SITE_URL)
    page = client.get(path).content.decode()
    assert subscription.email in page and "Abonnement kündigen" in page
    response = client.post(path, {"sections": [verwaltung.pk]})
    assert response.status_code == 302
    assert list(subscription.sections.all()) == [verwaltung]
    assert "Ihre Auswahl ist gespeichert." in client.get(path).content.decode()


def test_manage_link_of_a_removed_subscription_says_so(client, section):
    subscription = SubscriptionFactory(sections=[section])
    path = newsletter.manage_url(subscription).removeprefix(SITE_URL)
    subscription.delete()
    assert "Sie sind abgemeldet" in client.get(path).content.decode()


def test_links_in_the_sidebar_and_footer(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count('<a href="/newsletter/">Aboverwaltung</a>') == 2  # sidebar and footer
    assert '<a href="/newsletter/kuendigen/">Abonnement kündigen</a>' in page


def test_pages_with_a_form_or_a_token_are_never_cached(client, section):
    subscription = SubscriptionFactory(sections=[section])
    pending = SubscriptionFactory(confirmed_at=None, sections=[section])
    for path in [
        "/newsletter/",
        "/newsletter/kuendigen/",
        f"/newsletter/bestaetigen/{newsletter.confirm_token(pending)}/",
        newsletter.manage_url(subscription).removeprefix(SITE_URL),
        newsletter.unsubscribe_url(subscription).removeprefix(SITE_URL),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path


def test_admin_lists_subscriptions_but_cannot_add_one(admin_client, section):
    subscription = SubscriptionFactory(email="leserin@example.org", sections=[section])
    assert "leserin@example.org" in admin_client.get("/admin/news/subscription/").content.decode()
    assert (
        admin_client.get(f"/admin/news/subscription/{subscription.pk}/change/").status_code == 200
    )
    assert admin_client.get("/admin/news/subscription/add/").status_code == 403
    assert admin_client.get("/admin/news/newsletterdelivery/").status_code == 200
