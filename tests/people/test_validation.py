"""Impossible terms are refused: in validation with German messages, and in the database."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from people.dates import PartialDate
from people.models import Term
from tests.factories import PersonFactory, PostFactory, TermFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the seat guard is a PostgreSQL trigger"
)


def new_term(post, start=None, end=None, **kwargs):
    term = Term(post=post, person=kwargs.pop("person", None) or PersonFactory(), **kwargs)
    term.start, term.end = PartialDate.parse(start), PartialDate.parse(end)
    return term


def messages(error):
    return " ".join(error.value.messages)


def test_end_before_start_is_refused_with_a_german_message():
    term = new_term(PostFactory(), start="01.04.2022", end="31.03.2022")
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert error.value.message_dict["end_date"] == [
        "Das Ende (31.03.2022) liegt vor dem Beginn (01.04.2022)."
    ]


def test_end_in_the_same_year_as_a_more_precise_start_is_fine():
    new_term(PostFactory(), start="03/2017", end="2017").full_clean()


def test_unknown_end_with_an_end_date_is_refused():
    term = new_term(PostFactory(), start="2017", end="2018", is_end_unknown=True)
    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert "passt nicht" in error.value.message_dict["is_end_unknown"][0]


def test_database_refuses_an_end_before_the_start():
    term = TermFactory(start="2022", end="2023")
    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.filter(pk=term.pk).update(end_date=date(2021, 12, 31))


def test_database_refuses_an_unknown_end_with_a_date():
    term = TermFactory(start="2022", end="2023")
    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.filter(pk=term.pk).update(is_end_unknown=True)


def test_overlapping_terms_of_a_one_seat_post_are_refused():
    post = PostFactory(label="Chief Digital Officer (CDO)")
    TermFactory(
        post=post,
        person=PersonFactory(name="Dieter Rombach", honorific="Prof."),
        start="2017",
        end="31.03.2022",
    )
    with pytest.raises(ValidationError) as error:
        new_term(post, start="01.03.2022").full_clean()
    assert messages(error) == (
        "Die Amtszeit überschneidet sich mit der Amtszeit von Prof. Dieter Rombach "
        "(2017 – 31.03.2022). Das Amt „Chief Digital Officer (CDO)“ hat nur einen Sitz."
    )


def test_a_handover_from_one_day_to_the_next_is_fine():
    post = PostFactory()
    TermFactory(post=post, start="2017", end="31.03.2022")
    new_term(post, start="01.04.2022").full_clean()


def test_sharing_the_last_day_is_an_overlap():
    post = PostFactory()
    TermFactory(post=post, start="2017", end="31.03.2022")
    with pytest.raises(ValidationError):
        new_term(post, start="31.03.2022").full_clean()


def test_imprecise_dates_overlap_only_where_they_surely_do():
    post = PostFactory()
    TermFactory(post=post, start="2010", end="2017")
    new_term(post, start="2017").full_clean()
    with pytest.raises(ValidationError):
        new_term(post, start="2016").full_clean()


def test_two_open_terms_of_a_one_seat_post_are_refused():
    post = PostFactory()
    TermFactory(post=post, start="2020")
    with pytest.raises(ValidationError):
        new_term(post, start="2030").full_clean()
    with pytest.raises(ValidationError):
        new_term(post, start=None).full_clean()


def test_terms_without_sure_days_never_conflict():
    post = PostFactory()
    TermFactory(post=post, start="2017", end="31.03.2022")
    new_term(post, start=None, is_end_unknown=True).full_clean()
    new_term(post, start=None, end="2020").full_clean()


def test_editing_a_term_does_not_conflict_with_itself():
    term = TermFactory(start="2017", end="31.03.2022")
    term.end = PartialDate.parse("30.04.2022")
    term.full_clean()


def test_a_post_with_two_seats_takes_two_holders_but_not_three():
    post = PostFactory(label="Doppelspitze", seats=2)
    TermFactory(post=post, start="2020")
    TermFactory(post=post, start="2021")
    with pytest.raises(ValidationError) as error:
        new_term(post, start="2022").full_clean()
    assert "hat 2 Sitze" in messages(error)
    new_term(post, start="2017", end="2019").full_clean()


def test_a_post_without_a_seat_limit_takes_anyone():
    post = PostFactory(seats=None)
    for _ in range(3):
        TermFactory(post=post, start="04/2022")
    new_term(post, start="04/2022").full_clean()


def test_seats_cannot_drop_below_the_terms_running_together():
    post = PostFactory(seats=2)
    TermFactory(post=post, start="2020")
    TermFactory(post=post, start="2021")
    post.seats = 1
    with pytest.raises(ValidationError) as error:
        post.full_clean()
    assert "Zu wenige Sitze" in error.value.message_dict["seats"][0]


def test_seats_must_be_at_least_one():
    post = PostFactory()
    post.seats = 0
    with pytest.raises(ValidationError):
        post.full_clean()


def check_deferred_constraints():
    """Run the deferred checks now, as a commit would (and as the test teardown does)."""
    with transaction.atomic():
        connection.check_constraints()


@on_postgresql
def test_postgresql_refuses_overlaps_that_skip_validation():
    post = PostFactory()
    TermFactory(post=post, start="2017", end="31.03.2022")
    intruder = TermFactory(post=post, start="01.03.2022")
    with pytest.raises(IntegrityError, match="hat 1 Sitz"):
        check_deferred_constraints()
    intruder.delete()


@on_postgresql
def test_postgresql_accepts_what_validation_accepts():
    post = PostFactory()
    TermFactory(post=post, start="2010", end="2017")
    TermFactory(post=post, start="2017", end="31.03.2022")
    TermFactory(post=post, start="01.04.2022")
    TermFactory(post=post, start=None, is_end_unknown=True)
    TermFactory(post=PostFactory(seats=None), start="2020")
    check_deferred_constraints()


@on_postgresql
def test_postgresql_checks_at_commit_so_terms_can_swap_dates():
    post = PostFactory()
    first = TermFactory(post=post, start="2017", end="2019")
    second = TermFactory(post=post, start="2020")
    with transaction.atomic():
        Term.objects.filter(pk=second.pk).update(
            start_date=date(2017, 1, 1), end_date=date(2019, 12, 31)
        )
        Term.objects.filter(pk=first.pk).update(start_date=date(2020, 1, 1), end_date=None)
        connection.check_constraints()


@on_postgresql
def test_postgresql_refuses_fewer_seats_than_running_terms():
    post = PostFactory(seats=2)
    TermFactory(post=post, start="2020")
    TermFactory(post=post, start="2021")
    check_deferred_constraints()
    type(post).objects.filter(pk=post.pk).update(seats=1)
    with pytest.raises(IntegrityError):
        check_deferred_constraints()
    type(post).objects.filter(pk=post.pk).update(seats=2)
