from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .dates import PartialDate
from .models import Term

PARTIAL_DATE_HELP = "So genau, wie die Quelle es sagt: „2017“, „02/2022“ oder „01.02.2022“."


class PartialDateField(forms.CharField):
    """A text field for a date known to the year, the month or the day; cleans to a PartialDate."""

    default_error_messages = {
        "invalid": "Bitte ein Datum wie „2017“, „02/2022“ oder „01.02.2022“ eingeben.",
    }

    def __init__(self, **kwargs):
        attrs = {"size": 10, "maxlength": 20, "placeholder": "TT.MM.JJJJ"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return str(value) if isinstance(value, PartialDate) else value

    def to_python(self, value):
        if isinstance(value, PartialDate):
            return value
        try:
            return PartialDate.parse(super().to_python(value))
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class TermForm(forms.ModelForm):
    """Edits a term with each date typed as precisely as it is known; the precision follows."""

    start_date = PartialDateField(
        label="Beginn", required=False, help_text=f"{PARTIAL_DATE_HELP} Leer: unbekannt."
    )
    end_date = PartialDateField(
        label="Ende",
        required=False,
        help_text=f"{PARTIAL_DATE_HELP} Leer: im Amt, außer „Ende unbekannt“ ist angekreuzt.",
    )

    class Meta:
        model = Term
        fields = [
            "person",
            "post",
            "start_date",
            "end_date",
            "is_end_unknown",
            "kind",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2, "cols": 40})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["start_date"] = self.instance.start
        self.initial["end_date"] = self.instance.end

    def clean(self):
        cleaned_data = super().clean()
        # The precision fields are not on the form: the term stores both halves of each date,
        # and the form then saves the dates the term chose.
        self.instance.set_period(
            cleaned_data.get("start_date", self.instance.start),
            cleaned_data.get("end_date", self.instance.end),
        )
        for name in ("start_date", "end_date"):
            if name in cleaned_data:
                cleaned_data[name] = getattr(self.instance, name)
        return cleaned_data


class TermInlineFormSet(BaseInlineFormSet):
    """Checks the seats of each post against all terms of a submission together.

    Each form alone would compare its term with the stored versions of terms edited in the
    same submission, and would miss two new terms that clash with each other.
    """

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.instance.defer_seat_check = True
        return form

    @property
    def empty_form(self):
        form = super().empty_form
        form.instance.defer_seat_check = True
        return form

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        submitted = [
            form.instance
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]
        in_form = {form.instance.pk for form in self.forms if form.instance.pk}
        errors = []
        for post_id in {term.post_id for term in submitted}:
            terms = [term for term in submitted if term.post_id == post_id]
            post = terms[0].post
            stored = list(
                Term.objects.filter(post_id=post_id)
                .exclude(pk__in=in_form)
                .select_related("person")
            )
            for position, term in enumerate(terms):
                message = post.seat_conflict_message(term, stored + terms[:position])
                if message:
                    errors.append(
                        ValidationError(f"{term.title} ({term.period_display}): {message}")
                    )
        if errors:
            raise ValidationError(errors)


class PostOnDateForm(forms.Form):
    """The question "Wer war am …?" on a post's page."""

    datum = forms.DateField(
        label=_("Datum"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"],
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={
            "required": _("Bitte geben Sie ein Datum ein."),
            "invalid": _("Bitte geben Sie ein gültiges Datum ein, z. B. 01.04.2022."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_datum(self):
        day = self.cleaned_data["datum"]
        if day > timezone.localdate():
            raise ValidationError(
                _("Bitte wählen Sie ein Datum bis heute; die Zukunft ist noch offen.")
            )
        return day
