"""Sign-up, confirmation, purge and the sending run of the newsletter."""

import logging
import smtplib
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import Article, NewsletterDelivery, Subscription
from .mails import confirmation_mail, link_mail, newsletter_mail

logger = logging.getLogger(__name__)

NOTICE_INTERVAL = timedelta(days=1)


def _notice_due(subscription, now):
    last = subscription.notice_sent_at
    return last is None or now - last >= NOTICE_INTERVAL


def subscription_request(email, sections, language=None):
    """Sign `email` up for `sections`, or remind a subscriber of their link; mail at most daily.

    A new or pending address gets the confirmation mail (its sections are replaced, since
    nobody has confirmed them yet); a confirmed one gets its management link, and its
    sections (and `language`, the language of its mails) stay as they are until the
    subscriber changes them there. Raises
    smtplib.SMTPException or OSError when the mail server fails; nothing is stored then.
    """
    now = timezone.now()
    with transaction.atomic():
        subscription, _ = Subscription.objects.select_for_update().get_or_create(
            email=email.strip().lower()
        )
        if not subscription.is_confirmed():
            subscription.sections.set(sections)
            if language and language != subscription.language:
                subscription.language = language
                subscription.save(update_fields=["language"])
        if not _notice_due(subscription, now):
            return
        subscription.notice_sent_at = now
        subscription.save(update_fields=["notice_sent_at"])
        if subscription.is_confirmed():
            link_mail(subscription).send()
        else:
            confirmation_mail(subscription).send()


def cancellation_request(email):
    """Mail the unsubscribe link to `email` if it is a confirmed subscriber; at most daily."""
    now = timezone.now()
    with transaction.atomic():
        subscription = (
            Subscription.objects.confirmed()
            .select_for_update()
            .filter(email=email.strip().lower())
            .first()
        )
        if subscription is None or not _notice_due(subscription, now):
            return
        subscription.notice_sent_at = now
        subscription.save(update_fields=["notice_sent_at"])
        link_mail(subscription).send()


def subscription_confirm(subscription):
    """Record the subscriber's consent now, once."""
    if not subscription.is_confirmed():
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])


def subscriptions_purge(now=None):
    """Delete sign-ups not confirmed within NEWS_NEWSLETTER_UNCONFIRMED_DAYS; return how many.

    The clock starts at the last confirmation mail, so a fresh link is never left dangling.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.NEWS_NEWSLETTER_UNCONFIRMED_DAYS)
    stale = (
        Subscription.objects.unconfirmed()
        .filter(created_at__lt=cutoff)
        .exclude(notice_sent_at__gte=cutoff)
    )
    deleted, per_model = stale.delete()
    return per_model.get(Subscription._meta.label, 0)


def subscription_pending_articles(subscription):
    """Return the published articles of the subscriber's sections not yet mailed to them.

    Only articles published after the consent count: a new subscriber does not get the archive.
    """
    return (
        Article.objects.published()
        .filter(section__in=subscription.sections.all(), published_at__gt=subscription.confirmed_at)
        .exclude(newsletter_deliveries__subscription=subscription)
        .select_related("section")
        .order_by("published_at", "pk")
        .distinct()
    )


@dataclass
class Delivery:
    """What happened for one subscriber in one run."""

    subscription: Subscription
    articles: list = field(default_factory=list)
    outcome: str = "sent"  # sent · nothing · skipped · failed


def subscription_deliver(subscription, connection=None, dry_run=False):
    """Mail the subscriber's pending articles, never an article twice; return a Delivery.

    Order of work, and why:
    1. claim: the (subscription, article) rows are inserted and committed *before* sending.
       The unique constraint makes a parallel or later run fail to claim them, so it skips.
    2. send the mail.
    3. mark the rows sent.
    If the mail server refuses (an exception), the claims are released and the next run tries
    again. If the process dies between 1 and 3, the claims stay without `sent_at`: whether
    the mail went out is unknown, and we choose never to send it again (at most once) over
    risking a duplicate. `send_newsletter` reports such rows; after checking the mail log, an
    operator may release them with --release-unconfirmed. Call this outside a transaction,
    as the command does, so that the claims are committed before the mail leaves.
    """
    result = Delivery(subscription, list(subscription_pending_articles(subscription)))
    if not result.articles:
        result.outcome = "nothing"
        return result
    if dry_run:
        return result
    now = timezone.now()
    try:
        with transaction.atomic():
            NewsletterDelivery.objects.bulk_create(
                NewsletterDelivery(subscription=subscription, article=article, claimed_at=now)
                for article in result.articles
            )
    except IntegrityError:  # another run claimed them, or the subscriber just left
        result.outcome = "skipped"
        return result
    claims = NewsletterDelivery.objects.filter(
        subscription=subscription, article__in=result.articles
    )
    try:
        if connection is not None:
            connection.open()  # a no-op while open: one SMTP session serves the whole run
        newsletter_mail(subscription, result.articles, connection=connection).send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Newsletter: mail to subscription %s failed", subscription.pk)
        claims.filter(sent_at__isnull=True).delete()
        if connection is not None:
            with suppress(smtplib.SMTPException, OSError):
                connection.close()  # the next subscriber gets a fresh session
        result.outcome = "failed"
        return result
    sent_at = timezone.now()
    claims.update(sent_at=sent_at)
    Subscription.objects.filter(pk=subscription.pk).update(last_sent_at=sent_at)
    return result


def newsletter_send(dry_run=False):
    """Mail every confirmed subscriber their new articles; yield a Delivery per subscriber."""
    subscriptions = Subscription.objects.confirmed().prefetch_related("sections").order_by("pk")
    connection = None if dry_run else get_connection()
    try:
        for subscription in subscriptions.iterator(chunk_size=200):
            yield subscription_deliver(subscription, connection=connection, dry_run=dry_run)
    finally:
        if connection is not None:
            connection.close()


def unconfirmed_deliveries():
    """Return claims without a confirmed send: runs that died between claiming and marking."""
    return NewsletterDelivery.objects.filter(sent_at__isnull=True)
