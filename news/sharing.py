""" "Link mailen": a reader sends an article's address to one other person.

A form that sends mail to any address is what spammers look for, so the form takes one
recipient and no sender address, refuses line breaks (header injection) and further
addresses or links in any field, has a honeypot, and counts mails per client address and
per recipient in the cache. The mail itself is fixed: headline, lead and link, plus an
optional short note that is sent as plain text.
"""

import ipaddress
import logging
import re
import smtplib
from urllib.parse import quote, urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.views.generic import FormView

from .models import Article
from .views import LatestArticlesMixin

logger = logging.getLogger(__name__)

NOTE_MAX_LENGTH = 500
SENDER_NAME_MAX_LENGTH = 80
# Every character that could end a mail header line, Unicode line separators included.
LINE_BREAK = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
ADDRESS_LIKE = re.compile(r"\S@\S")
SEPARATOR = re.compile(r"[\s,;]")
LINK_LIKE = re.compile(r"(?i)(?:\b[a-z][a-z0-9+.-]*://|\bwww\.|\bmailto:)")

LINE_BREAK_MESSAGE = "Bitte ohne Zeilenumbruch eingeben."
SENT_MESSAGE = "Vielen Dank! Der Link zu dieser Meldung wurde per E-Mail verschickt."
IP_LIMIT_MESSAGE = (
    "Von Ihrem Internetanschluss wurden in letzter Zeit schon viele Links verschickt. "
    "Bitte versuchen Sie es später noch einmal."
)
RECIPIENT_LIMIT_MESSAGE = (
    "An diese Adresse wurden heute schon mehrere Links verschickt. "
    "Bitte versuchen Sie es morgen noch einmal."
)
MAIL_FAILED_MESSAGE = (
    "Die E-Mail konnte gerade nicht verschickt werden, weil unser Mailversand gestört ist. "
    "Ihre Eingaben sind erhalten; bitte versuchen Sie es in einigen Minuten noch einmal."
)


class SingleLineMixin:
    """Refuses line breaks in the raw input, before CharField strips them from the ends."""

    def to_python(self, value):
        if isinstance(value, str) and LINE_BREAK.search(value):
            raise ValidationError(LINE_BREAK_MESSAGE, code="line_break")
        return super().to_python(value)


class RecipientField(SingleLineMixin, forms.EmailField):
    """One e-mail address: a list, a second address or a display name is an error."""

    def to_python(self, value):
        value = super().to_python(value)
        if value.count("@") > 1 or SEPARATOR.search(value):
            raise ValidationError("Bitte geben Sie genau eine E-Mail-Adresse ein.", code="several")
        return value


class SingleLineCharField(SingleLineMixin, forms.CharField):
    pass


class ArticleShareForm(forms.Form):
    recipient = RecipientField(
        label="E-Mail-Adresse der Empfängerin oder des Empfängers",
        max_length=254,
        error_messages={
            "required": "Bitte geben Sie die E-Mail-Adresse ein, an die der Link gehen soll.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    sender_name = SingleLineCharField(
        label="Ihr Name",
        required=False,
        max_length=SENDER_NAME_MAX_LENGTH,
        help_text="Steht in der E-Mail, damit die Empfängerin oder der Empfänger Sie erkennt.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    note = SingleLineCharField(
        label="Kurze Notiz",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=f"Höchstens {NOTE_MAX_LENGTH} Zeichen, ohne Links und E-Mail-Adressen.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    # The honeypot: hidden from people and screen readers; bots that fill every field fill it.
    website = forms.CharField(
        label="Bitte lassen Sie dieses Feld leer",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_sender_name(self):
        name = self.cleaned_data["sender_name"]
        if ADDRESS_LIKE.search(name):
            raise ValidationError(
                "Bitte geben Sie hier nur Ihren Namen an, keine E-Mail-Adresse.", code="address"
            )
        if LINK_LIKE.search(name):
            raise ValidationError(
                "Bitte geben Sie hier nur Ihren Namen an, ohne Link.", code="link"
            )
        return name

    def clean_note(self):
        note = self.cleaned_data["note"]
        if ADDRESS_LIKE.search(note):
            raise ValidationError(
                "Bitte schreiben Sie keine E-Mail-Adresse in die Notiz; "
                "der Link geht nur an die Adresse oben.",
                code="address",
            )
        if LINK_LIKE.search(note):
            raise ValidationError(
                "Bitte schreiben Sie keine Links in die Notiz; "
                "die E-Mail enthält den Link zur Meldung.",
                code="link",
            )
        return note

    def full_clean(self):
        super().full_clean()
        # Screen readers announce an error with its field only if the field points to it.
        for name in self.errors:
            if name in self.fields:
                described_by = [f"id_{name}_error"]
                if self.fields[name].help_text:
                    described_by.append(f"id_{name}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described_by)

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


def client_ip(request):
    """Return the client's address as the nearest trusted proxy saw it; an IPv6 address is cut
    to its /64 network, which one household usually gets whole."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.NEWS_SHARE_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def within_limit(scope, identity, limit, window):
    """Count one use by `identity` and return whether it stays within `limit` per `window` s.

    The counter lives in the Django cache: Redis in production, whose add and incr are
    atomic, so every worker process counts against the same number (a per-process counter
    would multiply the limit by the number of workers). Identities are stored as keyed
    hashes, so the cache holds no addresses.
    """
    digest = salted_hmac("news.sharing.limit", identity.lower()).hexdigest()[:32]
    key = f"news:share:{scope}:{digest}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the counter expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def article_url(article):
    return f"{settings.SITE_URL}{article.get_absolute_url()}"


def mailto_href(article):
    """Return a mailto: link with subject and body for the reader's own mail program."""
    query = urlencode(
        {"subject": article.title, "body": f"{article.title}\r\n\r\n{article_url(article)}"},
        quote_via=quote,
    )
    return f"mailto:?{query}"


def article_send_share_mail(article, recipient, sender_name="", note=""):
    """Send the fixed "Link mailen" mail (plain text and HTML) about `article` to `recipient`.

    Raises smtplib.SMTPException or OSError when the mail server fails.
    """
    context = {
        "article": article,
        "article_url": article_url(article),
        "sender_name": sender_name,
        "note": note,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
    }
    subject = " ".join(f"Lesetipp von {settings.SITE_NAME}: {article.title}".split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("news/article_share_mail.txt", context),
        to=[recipient],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(
        render_to_string("news/article_share_mail.html", context), "text/html"
    )
    message.send()


class ArticleShareView(LatestArticlesMixin, FormView):
    """The "Link mailen" form of a published article."""

    template_name = "news/article_share.html"
    form_class = ArticleShareForm

    def dispatch(self, request, *args, **kwargs):
        self.article = get_object_or_404(Article.objects.published(), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            article=self.article,
            mailto_href=mailto_href(self.article),
            note_max_length=NOTE_MAX_LENGTH,
            **kwargs,
        )

    def form_valid(self, form):
        if form.is_bot():
            # Look like success, so that the bot learns nothing; send nothing.
            logger.info("Link mailen: honeypot filled, nothing sent (article %s)", self.article.pk)
            messages.success(self.request, SENT_MESSAGE)
            return redirect(self.article)
        recipient = form.cleaned_data["recipient"]
        ip_limit, ip_window = settings.NEWS_SHARE_IP_LIMIT
        recipient_limit, recipient_window = settings.NEWS_SHARE_RECIPIENT_LIMIT
        try:
            if not within_limit("ip", client_ip(self.request), ip_limit, ip_window):
                return self.refuse(form, IP_LIMIT_MESSAGE, ip_window)
            if not within_limit("recipient", recipient, recipient_limit, recipient_window):
                return self.refuse(form, RECIPIENT_LIMIT_MESSAGE, recipient_window)
        except Exception:
            # Without its counters (Redis down) the form would be an open relay: send nothing.
            logger.exception("Link mailen: the limits could not be counted; nothing sent")
            return self.unavailable(form)
        try:
            article_send_share_mail(
                self.article, recipient, form.cleaned_data["sender_name"], form.cleaned_data["note"]
            )
        except (smtplib.SMTPException, OSError):
            logger.exception(
                "Link mailen: mail about article %s could not be sent", self.article.pk
            )
            return self.unavailable(form)
        messages.success(self.request, SENT_MESSAGE)
        return redirect(self.article)

    def unavailable(self, form):
        """Answer 503 with the form as typed and a German explanation."""
        form.add_error(None, MAIL_FAILED_MESSAGE)
        return self.render_to_response(self.get_context_data(form=form), status=503)

    def refuse(self, form, message, retry_after):
        """Answer 429 with the form as typed and `message`; nothing is sent."""
        logger.warning("Link mailen: limit reached for article %s", self.article.pk)
        form.add_error(None, message)
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        response["Retry-After"] = str(retry_after)
        return response
