"""The newsletter's forms."""

from django import forms

from kldigital.abuse import HoneypotForm

from ..models import Section


class SectionChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Section.objects.all(),
            label="Rubriken",
            error_messages={"required": "Bitte wählen Sie mindestens eine Rubrik."},
            **kwargs,
        )


class SubscriptionForm(HoneypotForm):
    email = forms.EmailField(
        label="E-Mail-Adresse",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    sections = SectionChoiceField()

    field_order = ["email", "sections"]


class CancellationForm(HoneypotForm):
    field_order = ["email"]

    email = forms.EmailField(
        label="E-Mail-Adresse",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SectionsForm(forms.Form):
    sections = SectionChoiceField()
