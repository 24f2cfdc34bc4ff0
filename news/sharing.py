""" "Link mailen": a reader sends an article's address to one other person.

A form that sends mail to any address is what spammers look for, so the form takes one
recipient and no sender address, refuses line breaks (header injection) and further
addresses or links in any field, has a honeypot, and counts mails per client address and
per recipient in the cache. The mail itself is fixed: headline, lead and link, plus an
optional short note that is sent as plain text. It goes out in the language of the page it
was sent from, with the article's translation into that language where there is one.
"""

import re
from urllib.parse import quote, urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override as language_override
from django.views.generic import FormView

from kldigital.abuse import HoneypotForm, Limit, ProtectedFormMixin
from kldigital.links import absolute_url
from kldigital.mail import template_mail

from . import languages
from .models import Article, ArticleTranslation

NOTE_MAX_LENGTH = 500
SENDER_NAME_MAX_LENGTH = 80
# Every character that could end a mail header line, Unicode line separators included.
LINE_BREAK = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
ADDRESS_LIKE = re.compile(r"\S@\S")
SEPARATOR = re.compile(r"[\s,;]")
LINK_LIKE = re.compile(r"(?i)(?:\b[a-z][a-z0-9+.-]*://|\bwww\.|\bmailto:)")

LINE_BREAK_MESSAGE = _("Bitte ohne Zeilenumbruch eingeben.")
SENT_MESSAGE = _("Vielen Dank! Der Link zu dieser Meldung wurde per E-Mail verschickt.")
IP_LIMIT_MESSAGE = _(
    "Von Ihrem Internetanschluss wurden in letzter Zeit schon viele Links verschickt. "
    "Bitte versuchen Sie es später noch einmal."
)
RECIPIENT_LIMIT_MESSAGE = _(
    "An diese Adresse wurden heute schon mehrere Links verschickt. "
    "Bitte versuchen Sie es morgen noch einmal."
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
            raise ValidationError(
                _("Bitte geben Sie genau eine E-Mail-Adresse ein."), code="several"
            )
        return value


class SingleLineCharField(SingleLineMixin, forms.CharField):
    pass


class DescribedErrorsMixin:
    """Points each field with an error to its message, so screen readers announce it."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                described_by = [f"id_{name}_error"]
                if self.fields[name].help_text:
                    described_by.append(f"id_{name}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described_by)


class ArticleShareForm(DescribedErrorsMixin, HoneypotForm):
    recipient = RecipientField(
        label=_("E-Mail-Adresse der Empfängerin oder des Empfängers"),
        max_length=254,
        error_messages={
            "required": _("Bitte geben Sie die E-Mail-Adresse ein, an die der Link gehen soll."),
            "invalid": _(
                "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org."
            ),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    sender_name = SingleLineCharField(
        label=_("Ihr Name"),
        required=False,
        max_length=SENDER_NAME_MAX_LENGTH,
        help_text=_("Steht in der E-Mail, damit die Empfängerin oder der Empfänger Sie erkennt."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    note = SingleLineCharField(
        label=_("Kurze Notiz"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=format_lazy(
            _("Höchstens {count} Zeichen, ohne Links und E-Mail-Adressen."), count=NOTE_MAX_LENGTH
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    field_order = ["recipient", "sender_name", "note"]

    def clean_sender_name(self):
        name = self.cleaned_data["sender_name"]
        if ADDRESS_LIKE.search(name):
            raise ValidationError(
                _("Bitte geben Sie hier nur Ihren Namen an, keine E-Mail-Adresse."), code="address"
            )
        if LINK_LIKE.search(name):
            raise ValidationError(
                _("Bitte geben Sie hier nur Ihren Namen an, ohne Link."), code="link"
            )
        return name

    def clean_note(self):
        note = self.cleaned_data["note"]
        if ADDRESS_LIKE.search(note):
            raise ValidationError(
                _(
                    "Bitte schreiben Sie keine E-Mail-Adresse in die Notiz; "
                    "der Link geht nur an die Adresse oben."
                ),
                code="address",
            )
        if LINK_LIKE.search(note):
            raise ValidationError(
                _(
                    "Bitte schreiben Sie keine Links in die Notiz; "
                    "die E-Mail enthält den Link zur Meldung."
                ),
                code="link",
            )
        return note


def article_url(article):
    return absolute_url(article.get_absolute_url())


def mailto_href(article):
    """Return a mailto: link with subject and body for the reader's own mail program."""
    query = urlencode(
        {"subject": article.title, "body": f"{article.title}\r\n\r\n{article_url(article)}"},
        quote_via=quote,
    )
    return f"mailto:?{query}"


def article_send_share_mail(article, recipient, sender_name="", note="", language=None):
    """Send the fixed "Link mailen" mail (plain text and HTML) about `article` to `recipient`.

    `article` may be a translated reading (ArticleTranslation.read_as); the mail's texts are
    in `language` (default German). Raises smtplib.SMTPException or OSError when the mail
    server fails.
    """
    language = language or settings.LANGUAGE_CODE
    with language_override(language):
        subject = gettext("Lesetipp von {site}: {title}").format(
            site=settings.SITE_NAME, title=article.title
        )
        context = {
            "article": article,
            "article_url": article_url(article),
            "sender_name": sender_name,
            "note": note,
        }
        message = template_mail(
            subject,
            "news/article_share_mail",
            context,
            recipient,
            headers={"Content-Language": language},
        )
    message.send()


class ArticleShareView(ProtectedFormMixin, FormView):
    """The "Link mailen" form of a published article."""

    action_name = "Link mailen"
    template_name = "news/article_share.html"
    form_class = ArticleShareForm

    def dispatch(self, request, *args, **kwargs):
        self.language = get_language() or settings.LANGUAGE_CODE
        article, translation, moved_to = languages.find_article(
            kwargs["slug"],
            self.language,
            Article.objects.published(),
            ArticleTranslation.objects.published,
        )
        translation = translation or moved_to  # the German slug of a translated article
        self.article = translation.read_as(article) if translation else article
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            article=self.article,
            mailto_href=mailto_href(self.article),
            note_max_length=NOTE_MAX_LENGTH,
            **kwargs,
        )

    def get_limits(self, form):
        ip_count, ip_window = settings.NEWS_SHARE_IP_LIMIT
        recipient_count, recipient_window = settings.NEWS_SHARE_RECIPIENT_LIMIT
        return [
            (
                Limit("share-ip", ip_count, ip_window, IP_LIMIT_MESSAGE),
                self.client(),
            ),
            (
                Limit(
                    "share-recipient", recipient_count, recipient_window, RECIPIENT_LIMIT_MESSAGE
                ),
                form.cleaned_data["recipient"],
            ),
        ]

    def perform(self, form):
        data = form.cleaned_data
        article_send_share_mail(
            self.article, data["recipient"], data["sender_name"], data["note"], self.language
        )

    def done(self, form):
        messages.success(self.request, SENT_MESSAGE)
        return redirect(self.article)
