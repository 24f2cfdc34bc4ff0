"""The newsletter ("Aboverwaltung"): sign-up with double opt-in, management, one-click
unsubscribe, and the mailing of new articles.

- No enumeration: every sign-up and every "Abonnement kündigen" request gets the same reply,
  whether the address is new, pending or confirmed. At most one mail a day goes to an
  address (`Subscription.notice_sent_at`); an unconfirmed address only ever gets the
  confirmation mail.
- Links carry signed tokens (django.core.signing) naming the subscription: the confirmation
  link expires after NEWS_NEWSLETTER_CONFIRM_DAYS, the subscriber link (management and
  unsubscribe, in every newsletter) does not, so unsubscribing from an old mail still works.
  A subscription that is gone makes every old token void; tampering breaks the signature.
- Confirming and unsubscribing happen on POST only: mail scanners that follow links must not
  subscribe or unsubscribe anyone. The unsubscribe POST is the RFC 8058 one-click target that
  mail providers call without cookies, so it alone is exempt from CSRF; its token authorises it.
- Pages with a form or a token are never cached: they hold a CSRF token or show the state of
  one subscription.
- Consent is the time the confirmation was posted, kept in `confirmed_at`. Unsubscribing
  deletes the address and its delivery records.
- Sending (`newsletter_send`): see `subscription_deliver` for why an article never goes
  twice to one address, even when a run is killed.
"""

import logging
import smtplib
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from .models import Article, NewsletterDelivery, Section, Subscription
from .sharing import client_ip, within_limit
from .views import LatestArticlesMixin

logger = logging.getLogger(__name__)

CONFIRM_SALT = "news.newsletter.confirm"
SUBSCRIBER_SALT = "news.newsletter.subscriber"
NOTICE_INTERVAL = timedelta(days=1)

MAIL_FAILED_MESSAGE = (
    "Die E-Mail konnte gerade nicht verschickt werden, weil unser Mailserver nicht erreichbar "
    "ist. Bitte versuchen Sie es in einigen Minuten noch einmal."
)
IP_LIMIT_MESSAGE = (
    "Von Ihrem Internetanschluss kamen in letzter Zeit sehr viele Anmeldungen. "
    "Bitte versuchen Sie es später noch einmal."
)


# Tokens -----------------------------------------------------------------------------------


def confirm_token(subscription):
    return signing.dumps({"id": subscription.pk}, salt=CONFIRM_SALT, compress=True)


def subscriber_token(subscription):
    return signing.dumps({"id": subscription.pk}, salt=SUBSCRIBER_SALT, compress=True)


class BadToken(Exception):
    """A link whose token is forged, damaged or expired; `expired` tells which."""

    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def read_token(token, salt, max_age=None):
    """Return the subscription id a token names, or raise BadToken."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadToken(expired=True) from error
    except signing.BadSignature as error:
        raise BadToken() from error
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        raise BadToken()
    return data["id"]


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def confirm_url(subscription):
    return absolute(reverse("news:newsletter-confirm", args=[confirm_token(subscription)]))


def manage_url(subscription):
    return absolute(reverse("news:newsletter-manage", args=[subscriber_token(subscription)]))


def unsubscribe_url(subscription):
    return absolute(reverse("news:newsletter-unsubscribe", args=[subscriber_token(subscription)]))


# Mails ------------------------------------------------------------------------------------


def _mail(subject, template, context, to, headers=None, connection=None):
    """Build a plain-text mail with an HTML alternative from templates/news/newsletter/."""
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"news/newsletter/{template}.txt", context),
        to=[to],
        headers={"Auto-Submitted": "auto-generated", **(headers or {})},
        connection=connection,
    )
    html = render_to_string(f"news/newsletter/{template}.html", context)
    message.attach_alternative(html, "text/html")
    return message


def confirmation_mail(subscription):
    return _mail(
        f"{settings.SITE_NAME}: Bitte bestätigen Sie Ihr Newsletter-Abonnement",
        "confirm_mail",
        {
            "confirm_url": confirm_url(subscription),
            "sections": list(subscription.sections.all()),
            "valid_until": timezone.now() + timedelta(days=settings.NEWS_NEWSLETTER_CONFIRM_DAYS),
            "purge_days": settings.NEWS_NEWSLETTER_UNCONFIRMED_DAYS,
        },
        subscription.email,
    )


def link_mail(subscription):
    return _mail(
        f"{settings.SITE_NAME}: Ihr Link zur Aboverwaltung",
        "link_mail",
        {
            "manage_url": manage_url(subscription),
            "unsubscribe_url": unsubscribe_url(subscription),
            "sections": list(subscription.sections.all()),
        },
        subscription.email,
    )


def list_headers(subscription):
    """Return the RFC 2369/8058 headers that let mail programs offer one-click unsubscribe."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return {
        "List-Id": f"{settings.SITE_NAME} <newsletter.{host}>",
        "List-Unsubscribe": f"<{unsubscribe_url(subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def newsletter_mail(subscription, articles, connection=None):
    """Return the newsletter for `subscription` listing `articles`, with unsubscribe headers."""
    if len(articles) == 1:
        subject = f"{settings.SITE_NAME}: {articles[0].title}"
    else:
        subject = f"{settings.SITE_NAME}: {len(articles)} neue Meldungen"
    return _mail(
        subject,
        "newsletter_mail",
        {
            "articles": [(article, absolute(article.get_absolute_url())) for article in articles],
            "subscription": subscription,
            "sections": list(subscription.sections.all()),
            "manage_url": manage_url(subscription),
            "unsubscribe_url": unsubscribe_url(subscription),
        },
        subscription.email,
        headers=list_headers(subscription),
        connection=connection,
    )


# Sign-up and requests for a link ----------------------------------------------------------


def _notice_due(subscription, now):
    last = subscription.notice_sent_at
    return last is None or now - last >= NOTICE_INTERVAL


def subscription_request(email, sections):
    """Sign `email` up for `sections`, or remind a subscriber of their link; mail at most daily.

    A new or pending address gets the confirmation mail (its sections are replaced, since
    nobody has confirmed them yet); a confirmed one gets its management link, and its
    sections stay as they are until the subscriber changes them there. Raises
    smtplib.SMTPException or OSError when the mail server fails; nothing is stored then.
    """
    now = timezone.now()
    with transaction.atomic():
        subscription, _ = Subscription.objects.select_for_update().get_or_create(
            email=email.strip().lower()
        )
        if not subscription.is_confirmed():
            subscription.sections.set(sections)
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


# Sending ----------------------------------------------------------------------------------


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


# Forms ------------------------------------------------------------------------------------


class SectionChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Section.objects.all(),
            label="Rubriken",
            error_messages={"required": "Bitte wählen Sie mindestens eine Rubrik."},
            **kwargs,
        )


class HoneypotMixin(forms.Form):
    website = forms.CharField(label="Bitte leer lassen", required=False)

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


class SubscriptionForm(HoneypotMixin):
    email = forms.EmailField(
        label="E-Mail-Adresse",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    sections = SectionChoiceField()

    field_order = ["email", "sections", "website"]


class CancellationForm(HoneypotMixin):
    email = forms.EmailField(
        label="E-Mail-Adresse",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SectionsForm(forms.Form):
    sections = SectionChoiceField()


# Views ------------------------------------------------------------------------------------


class NewsletterRequestMixin(LatestArticlesMixin):
    """Shared handling of the two forms that may send a mail: bots, limits, mail failures."""

    success_url_name = None

    def form_valid(self, form):
        if form.is_bot():  # look like success so the bot learns nothing; send nothing
            return redirect(self.success_url_name)
        limit, window = settings.NEWS_NEWSLETTER_IP_LIMIT
        if not within_limit("newsletter", client_ip(self.request), limit, window):
            form.add_error(None, IP_LIMIT_MESSAGE)
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(window)
            return response
        try:
            self.perform(form.cleaned_data)
        except (smtplib.SMTPException, OSError):
            logger.exception("Newsletter: a confirmation or link mail could not be sent")
            form.add_error(None, MAIL_FAILED_MESSAGE)
            return self.render_to_response(self.get_context_data(form=form), status=503)
        return redirect(self.success_url_name)


@method_decorator(never_cache, name="dispatch")
class NewsletterView(NewsletterRequestMixin, FormView):
    """ "Aboverwaltung": sign up for the newsletter of some sections."""

    template_name = "news/newsletter/subscribe.html"
    form_class = SubscriptionForm
    success_url_name = "news:newsletter-requested"

    def get_initial(self):
        return {"sections": list(Section.objects.all())}

    def get_context_data(self, **kwargs):
        kwargs["purge_days"] = settings.NEWS_NEWSLETTER_UNCONFIRMED_DAYS
        return super().get_context_data(**kwargs)

    def perform(self, data):
        subscription_request(data["email"], data["sections"])


@method_decorator(never_cache, name="dispatch")
class NewsletterCancelView(NewsletterRequestMixin, FormView):
    """ "Abonnement kündigen": ask for the unsubscribe link by mail."""

    template_name = "news/newsletter/cancel.html"
    form_class = CancellationForm
    success_url_name = "news:newsletter-cancel-requested"

    def perform(self, data):
        cancellation_request(data["email"])


class NewsletterRequestedView(LatestArticlesMixin, TemplateView):
    """The same neutral answer to every sign-up or cancellation request."""

    template_name = "news/newsletter/requested.html"


class TokenMixin:
    """Resolves the token in the URL to a subscription, or answers with a friendly error page."""

    salt = SUBSCRIBER_SALT

    def token_max_age(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        try:
            pk = read_token(kwargs["token"], self.salt, self.token_max_age())
        except BadToken as error:
            return self.bad_link(expired=error.expired)
        self.subscription = Subscription.objects.filter(pk=pk).first()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.update(subscription=self.subscription, token=self.kwargs["token"])
        return super().get_context_data(**kwargs)

    def bad_link(self, expired=False):
        """Answer a forged, damaged or expired link with an explanation; nothing changes."""
        return TemplateResponse(
            self.request, "news/newsletter/bad_link.html", {"expired": expired}, status=400
        )


@method_decorator(never_cache, name="dispatch")
class NewsletterConfirmView(TokenMixin, LatestArticlesMixin, TemplateView):
    """The link in the confirmation mail: GET asks, POST records the consent."""

    template_name = "news/newsletter/confirm.html"
    salt = CONFIRM_SALT

    def token_max_age(self):
        return timedelta(days=settings.NEWS_NEWSLETTER_CONFIRM_DAYS)

    def get(self, request, *args, **kwargs):
        if self.subscription is None:  # purged or unsubscribed meanwhile
            return self.bad_link(expired=True)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.subscription is None:
            return self.bad_link(expired=True)
        subscription_confirm(self.subscription)
        return self.render_to_response(self.get_context_data(confirmed=True))


@method_decorator(never_cache, name="dispatch")
class NewsletterManageView(TokenMixin, LatestArticlesMixin, FormView):
    """The subscriber's page: change the sections, or go on to unsubscribe."""

    template_name = "news/newsletter/manage.html"
    form_class = SectionsForm

    def get(self, request, *args, **kwargs):
        if self.subscription is None:
            return self.gone()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.subscription is None:
            return self.gone()
        return super().post(request, *args, **kwargs)

    def gone(self):
        return TemplateResponse(
            self.request, "news/newsletter/unsubscribe.html", {"unsubscribed": True}
        )

    def get_initial(self):
        return {"sections": list(self.subscription.sections.all())}

    def form_valid(self, form):
        self.subscription.sections.set(form.cleaned_data["sections"])
        messages.success(self.request, "Ihre Auswahl ist gespeichert.")
        return redirect("news:newsletter-manage", token=self.kwargs["token"])


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class NewsletterUnsubscribeView(TokenMixin, LatestArticlesMixin, TemplateView):
    """ "Abonnement kündigen" from a mail: GET shows a button, POST unsubscribes at once.

    The POST is also the RFC 8058 one-click target named in List-Unsubscribe: mail providers
    send it without cookies, which is why this view alone is exempt from CSRF. The signed
    token in the URL is what authorises it, and the worst a forged request could do with a
    valid token is what the link's owner may do anyway.
    """

    template_name = "news/newsletter/unsubscribe.html"

    def get(self, request, *args, **kwargs):
        if self.subscription is None:
            return self.render_to_response(self.get_context_data(unsubscribed=True))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.subscription is not None:
            self.subscription.delete()
        return self.render_to_response(self.get_context_data(unsubscribed=True))
