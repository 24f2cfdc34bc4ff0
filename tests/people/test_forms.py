from datetime import date

import pytest

from people.dates import PartialDate, Precision
from people.forms import PartialDateField, PostOnDateForm, TermForm
from tests.factories import PostFactory, TermFactory

pytestmark = pytest.mark.django_db


def test_partial_date_field_cleans_to_a_partial_date():
    field = PartialDateField(required=False)
    assert field.clean("2017") == PartialDate(date(2017, 1, 1), Precision.YEAR)
    assert field.clean("") is None


def test_partial_date_field_explains_what_it_wants():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        PartialDateField().clean("irgendwann")
    assert error.value.messages == [
        "Bitte ein Datum wie „2017“, „02/2022“ oder „01.02.2022“ eingeben."
    ]


def term_data(term_or_post, person, **changes):
    data = {
        "person": person.pk,
        "post": term_or_post.pk,
        "start_date": "",
        "end_date": "",
        "kind": "",
        "note": "",
    }
    data.update(changes)
    return data


def test_term_form_sets_date_and_precision_from_one_input(person):
    post = PostFactory()
    form = TermForm(data=term_data(post, person, start_date="2017", end_date="März 2022"))
    assert form.is_valid(), form.errors
    term = form.save()
    term.refresh_from_db()
    assert (term.start_date, term.start_precision) == (date(2017, 1, 1), "year")
    assert (term.end_date, term.end_precision) == (date(2022, 3, 31), "month")


def test_term_form_shows_stored_dates_as_they_were_typed():
    term = TermFactory(start="2017", end="31.03.2022")
    form = TermForm(instance=term)
    assert 'value="2017"' in str(form["start_date"])
    assert 'value="31.03.2022"' in str(form["end_date"])


def test_term_form_reports_an_overlap_in_german(person):
    post = PostFactory()
    TermFactory(post=post, start="2017", end="31.03.2022")
    form = TermForm(data=term_data(post, person, start_date="01.01.2022"))
    assert not form.is_valid()
    assert "überschneidet sich" in form.non_field_errors()[0]


def test_term_form_reports_an_end_before_the_start_on_the_end(person):
    form = TermForm(data=term_data(PostFactory(), person, start_date="2022", end_date="2021"))
    assert not form.is_valid()
    assert form.errors["end_date"] == ["Das Ende (2021) liegt vor dem Beginn (2022)."]


@pytest.mark.parametrize("typed", ["2022-04-01", "01.04.2022", "1.4.22"])
def test_on_date_form_reads_iso_and_german_dates(frozen_today, typed):
    form = PostOnDateForm({"datum": typed})
    assert form.is_valid()
    assert form.cleaned_data["datum"] == date(2022, 4, 1)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Bitte geben Sie ein Datum ein."),
        ("32.13.2022", "Bitte geben Sie ein gültiges Datum ein, z. B. 01.04.2022."),
        ("morgen", "Bitte geben Sie ein gültiges Datum ein, z. B. 01.04.2022."),
        ("2030-01-01", "Bitte wählen Sie ein Datum bis heute; die Zukunft ist noch offen."),
    ],
)
def test_on_date_form_refuses_bad_input_in_german(frozen_today, typed, message):
    form = PostOnDateForm({"datum": typed})
    assert not form.is_valid()
    assert form.errors["datum"] == [message]
