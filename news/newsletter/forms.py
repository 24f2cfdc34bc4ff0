"""The newsletter's forms."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kldigital.abuse import HoneypotForm

from ..models import Section


class SectionChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Section.objects.all(),
            label=_("Rubriken"),
            error_messages={"required": _("Bitte wählen Sie mindestens eine Rubrik.")},
            **kwargs,
        )


class LanguageField(forms.ChoiceField):
    """The language of the subscriber's mails; each language named in itself.

    Optional: without it the sign-up takes the page's language and the subscriber's page
    keeps the one chosen before.
    """

    def __init__(self, **kwargs):
        super().__init__(
            choices=settings.LANGUAGES, label=_("Sprache der E-Mails"), required=False, **kwargs
        )


class SubscriptionForm(HoneypotForm):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    sections = SectionChoiceField()
    language = LanguageField()

    field_order = ["email", "sections", "language"]


class CancellationForm(HoneypotForm):
    field_order = ["email"]

    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SectionsForm(forms.Form):
    sections = SectionChoiceField()
    language = LanguageField()
