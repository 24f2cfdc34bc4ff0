"""The "Barriere melden" form: which page, what is wrong, and optionally whom to answer."""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kldigital.abuse import HoneypotForm

from ..sharing import DescribedErrorsMixin, RecipientField, SingleLineCharField

DESCRIPTION_MAX_LENGTH = 5000
FOREIGN_PAGE_MESSAGE = _(
    "Bitte geben Sie eine Adresse dieses Portals an, zum Beispiel /meldung/… "
    "Barrieren auf anderen Internetseiten melden Sie bitte deren Anbieter."
)


def same_site_path(value):
    """Return `value` as a path on this site, or None if it points elsewhere.

    A full address on SITE_URL becomes its path; anything with another scheme or host, a
    protocol-relative "//host" or a backslash (which browsers read as a slash) is refused.
    """
    value = value.strip()
    site = urlsplit(settings.SITE_URL)
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return None
        value = parts.path or "/"
        if parts.query:
            value += f"?{parts.query}"
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return None
    if any(character.isspace() or ord(character) < 32 for character in value):
        return None
    return value


class BarrierReportForm(DescribedErrorsMixin, HoneypotForm):
    page_url = SingleLineCharField(
        label=_("Seite, auf der die Barriere ist"),
        required=False,
        max_length=500,
        help_text=_("Die Adresse der Seite, von der Sie kommen, ist schon eingetragen."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    description = forms.CharField(
        label=_("Was ist nicht barrierefrei?"),
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_(
            "Beschreiben Sie bitte, was Sie nicht lesen, bedienen oder verstehen konnten, "
            "und womit Sie die Seite genutzt haben (z. B. Screenreader, Vergrößerung)."
        ),
        error_messages={"required": _("Bitte beschreiben Sie die Barriere.")},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    name = SingleLineCharField(
        label=_("Ihr Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = RecipientField(
        label=_("Ihre E-Mail-Adresse für unsere Antwort"),
        required=False,
        max_length=254,
        help_text=_("Dann bestätigen wir den Eingang und antworten Ihnen innerhalb eines Monats."),
        error_messages={
            "invalid": _(
                "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org."
            ),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    field_order = ["page_url", "description", "name", "email"]

    def clean_page_url(self):
        value = self.cleaned_data["page_url"]
        if not value:
            return ""
        path = same_site_path(value)
        if path is None:
            raise ValidationError(FOREIGN_PAGE_MESSAGE, code="foreign")
        return path
