from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client

from news import newsletter
from news.models import Article, NewsletterDelivery, Subscription
from tests.factories import ArticleFactory, SubscriptionFactory
from tests.news.conftest import NOW, SITE_URL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter_site")]


# Sending ----------------------------------------------------------------------------------


def send(*args):
    """Run send_newsletter and return its report."""
    out, err = StringIO(), StringIO()
    call_command("send_newsletter", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_subscriber_gets_new_articles_of_their_sections_only(section, verwaltung, frozen):
    subscription = SubscriptionFactory(
        email="leserin@example.org", sections=[section], confirmed_at=NOW - timedelta(days=2)
    )
    ArticleFactory(section=section, title="Vor dem Abo", published_at=NOW - timedelta(days=3))
    ArticleFactory(section=section, title="Radarsensoren", published_at=NOW - timedelta(days=1))
    ArticleFactory(section=verwaltung, title="Andere Rubrik", published_at=NOW - timedelta(days=1))
    ArticleFactory(section=section, title="Entwurf", status=Article.Status.DRAFT)
    ArticleFactory(section=section, title="Geplant", published_at=NOW + timedelta(hours=1))
    SubscriptionFactory(email="offen@example.org", confirmed_at=None, sections=[section])

    report = send()

    [message] = mail.outbox
    assert message.to == ["leserin@example.org"]
    assert message.subject == "KL.digital Nachrichten: Radarsensoren"
    assert "Radarsensoren" in message.body
    for absent in ("Vor dem Abo", "Andere Rubrik", "Entwurf", "Geplant"):
        assert absent not in message.body
    assert "l…@example.org bekommt 1 Meldung(en): Radarsensoren" in report
    assert "1 E-Mails mit zusammen 1 Meldungen verschickt" in report
    subscription.refresh_from_db()
    assert subscription.last_sent_at == NOW


def test_every_newsletter_carries_one_click_unsubscribe(client, section, frozen):
    subscription = SubscriptionFactory(sections=[section], confirmed_at=NOW - timedelta(days=2))
    ArticleFactory(section=section, title="Eins", published_at=NOW - timedelta(days=1))
    ArticleFactory(section=section, title="Zwei", published_at=NOW - timedelta(hours=1))
    send()
    [message] = mail.outbox
    assert message.subject == "KL.digital Nachrichten: 2 neue Meldungen"
    unsubscribe = newsletter.unsubscribe_url(subscription)
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    list_id = "KL.digital Nachrichten <newsletter.news.example.org>"
    assert message.extra_headers["List-Id"] == list_id
    assert f"Abonnement kündigen: {unsubscribe}" in message.body
    assert message.body.startswith("KL.digital Nachrichten: Neue Meldungen aus Smart City\n")
    html = message.alternatives[0][0]
    assert f'href="{unsubscribe}"' in html and "Eins" in html
    headers = message.message()
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    Client(enforce_csrf_checks=True).post(
        unsubscribe.removeprefix(SITE_URL),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert Subscription.objects.count() == 0


def test_no_article_is_sent_twice(section, frozen):
    SubscriptionFactory(sections=[section], confirmed_at=NOW - timedelta(days=2))
    ArticleFactory(section=section, title="Erste", published_at=NOW - timedelta(days=1))
    send()
    assert "0 E-Mails" in send()
    frozen.shift(timedelta(days=1))
    ArticleFactory(section=section, title="Zweite", published_at=NOW + timedelta(hours=1))
    send()
    assert len(mail.outbox) == 2
    assert "Zweite" in mail.outbox[1].body and "Erste" not in mail.outbox[1].body


def test_interrupted_run_never_sends_again_and_reports_it(section, frozen, monkeypatch):
    SubscriptionFactory(sections=[section], confirmed_at=NOW - timedelta(days=2))
    ArticleFactory(section=section, title="Radarsensoren", published_at=NOW - timedelta(days=1))

    def killed(self, *args, **kwargs):
        raise KeyboardInterrupt  # the process dies between claiming and marking

    monkeypatch.setattr(EmailMultiAlternatives, "send", killed)
    with pytest.raises(KeyboardInterrupt):
        send()
    monkeypatch.undo()

    report = send()
    assert mail.outbox == []
    assert "1 Meldungen wurden bei einem früheren Lauf vorgemerkt" in report
    assert NewsletterDelivery.objects.get().sent_at is None

    assert "1 Vormerkungen ohne bestätigten Versand freigegeben" in send("--release-unconfirmed")
    assert len(mail.outbox) == 1


def test_refused_mail_is_retried_on_the_next_run(section, frozen, settings):
    SubscriptionFactory(sections=[section], confirmed_at=NOW - timedelta(days=2))
    ArticleFactory(section=section, title="Radarsensoren", published_at=NOW - timedelta(days=1))
    settings.EMAIL_BACKEND = "tests.servers.FailingBackend"
    assert "fehlgeschlagen, wird beim nächsten Lauf wiederholt" in send()
    assert NewsletterDelivery.objects.count() == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send()
    assert len(mail.outbox) == 1 and NewsletterDelivery.objects.get().sent_at == NOW


def test_a_parallel_run_that_claimed_first_wins(section, frozen, monkeypatch):
    subscription = SubscriptionFactory(sections=[section], confirmed_at=NOW - timedelta(days=2))
    article = ArticleFactory(section=section, published_at=NOW - timedelta(days=1))
    pending = list(newsletter.subscription_pending_articles(subscription))
    NewsletterDelivery.objects.create(subscription=subscription, article=article)  # the other run
    monkeypatch.setattr(newsletter.services, "subscription_pending_articles", lambda s: pending)
    assert newsletter.subscription_deliver(subscription).outcome == "skipped"
    assert mail.outbox == []


def test_database_refuses_a_second_delivery_of_an_article(section):
    subscription = SubscriptionFactory(sections=[section])
    article = ArticleFactory(section=section)
    NewsletterDelivery.objects.create(subscription=subscription, article=article)
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsletterDelivery.objects.create(subscription=subscription, article=article)


def test_dry_run_sends_and_records_nothing(section, frozen):
    SubscriptionFactory(sections=[section], confirmed_at=NOW - timedelta(days=2))
    ArticleFactory(section=section, title="Radarsensoren", published_at=NOW - timedelta(days=1))
    assert "würde bekommen 1 Meldung(en): Radarsensoren" in send("--dry-run")
    assert mail.outbox == [] and NewsletterDelivery.objects.count() == 0


# Purging ----------------------------------------------------------------------------------


def test_unconfirmed_sign_ups_are_purged_after_the_configured_days(section, frozen, settings):
    settings.NEWS_NEWSLETTER_UNCONFIRMED_DAYS = 7
    old = SubscriptionFactory(
        confirmed_at=None,
        created_at=NOW - timedelta(days=8),
        notice_sent_at=NOW - timedelta(days=8),
    )
    reminded = SubscriptionFactory(
        confirmed_at=None,
        created_at=NOW - timedelta(days=8),
        notice_sent_at=NOW - timedelta(days=2),
    )
    fresh = SubscriptionFactory(
        confirmed_at=None,
        created_at=NOW - timedelta(days=6),
        notice_sent_at=NOW - timedelta(days=6),
    )
    confirmed = SubscriptionFactory(
        created_at=NOW - timedelta(days=30), confirmed_at=NOW - timedelta(days=29)
    )
    out = StringIO()
    call_command("purge_subscriptions", stdout=out)
    assert "1 unbestätigte Anmeldungen gelöscht" in out.getvalue()
    assert set(Subscription.objects.all()) == {reminded, fresh, confirmed}
    assert not Subscription.objects.filter(pk=old.pk).exists()
