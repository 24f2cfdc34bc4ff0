from datetime import date

import pytest

from people.dates import FOREVER, PartialDate
from people.models import Person, Term
from tests.factories import OrganizationFactory, PersonFactory, PostFactory, TermFactory

pytestmark = pytest.mark.django_db


def day(text):
    return PartialDate.parse(text).earliest


def test_a_term_stores_the_widest_span_its_dates_allow():
    term = TermFactory(start="2017", end="03/2022")
    term.refresh_from_db()
    assert (term.start_date, term.end_date) == (date(2017, 1, 1), date(2022, 3, 31))
    assert (str(term.start), str(term.end)) == ("2017", "März 2022")
    assert (term.start.iso, term.end.iso) == ("2017", "2022-03")


def test_post_title_follows_the_holders_grammatical_gender():
    post = PostFactory(
        label="Geschäftsführung", label_female="Geschäftsführerin", label_male="Geschäftsführer"
    )
    titles = {
        gender: TermFactory(
            post=PostFactory(
                label=post.label, label_female=post.label_female, label_male=post.label_male
            ),
            person=PersonFactory(gender=gender),
        ).title
        for gender in ("f", "m", "n")
    }
    assert titles == {"f": "Geschäftsführerin", "m": "Geschäftsführer", "n": "Geschäftsführung"}


def test_a_post_without_gendered_labels_uses_its_label_for_everyone():
    post = PostFactory(label="Chief Digital Officer (CDO)", label_female="", label_male="")
    assert post.label_for(PersonFactory(gender="f")) == "Chief Digital Officer (CDO)"


def test_a_persons_offices_come_in_order_of_time():
    person = PersonFactory()
    later = TermFactory(person=person, start="01.02.2022")
    undated = TermFactory(person=person, start=None, is_end_unknown=True)
    earlier = TermFactory(person=person, start="2018", end="31.01.2022")
    no_start = TermFactory(person=person, start=None, end="31.12.2019")
    assert list(person.terms.all()) == [earlier, no_start, later, undated]


def test_current_holds_open_terms_and_those_ending_later(frozen_today):
    running = TermFactory(start="2017")
    ends_later = TermFactory(start="2020", end="31.12.2027")
    started_this_month = TermFactory(start="11/2026")
    ended = TermFactory(start="2017", end="31.03.2022")
    ended_yesterday = TermFactory(start="2017", end="21.11.2026")
    not_yet = TermFactory(start="01.01.2027")
    end_unknown = TermFactory(start="2017", end=None, is_end_unknown=True)
    current = set(Term.objects.current())
    assert current == {running, ends_later, started_this_month}
    assert not current & {ended, ended_yesterday, not_yet, end_unknown}


def test_today_is_the_last_day_of_a_term_ending_today(frozen_today):
    term = TermFactory(start="2017", end="22.11.2026")
    assert list(Term.objects.current()) == [term]
    assert term.is_current


def test_on_a_day_includes_terms_whose_imprecise_dates_may_cover_it():
    term = TermFactory(start="2017", end="31.03.2022")
    assert list(Term.objects.on(date(2017, 1, 1))) == [term]
    assert list(Term.objects.on(date(2022, 3, 31))) == [term]
    assert list(Term.objects.on(date(2022, 4, 1))) == []
    assert list(Term.objects.on(date(2016, 12, 31))) == []


def test_certain_span_is_where_the_dates_leave_no_doubt():
    assert TermFactory(start="2017", end="31.03.2022").certain_span == (
        date(2017, 12, 31),
        date(2022, 3, 31),
    )
    assert TermFactory(start="2017", end="2017").certain_span is None
    assert TermFactory(start="01.02.2022").certain_span == (date(2022, 2, 1), FOREVER)
    assert TermFactory(start=None, end="31.12.2021").certain_span == (
        date(2021, 12, 31),
        date(2021, 12, 31),
    )
    assert TermFactory(start=None, end="2021").certain_span is None
    assert TermFactory(start=None).certain_span == (FOREVER, FOREVER)
    assert TermFactory(start=None, is_end_unknown=True).certain_span is None


def test_surely_and_maybe_covered_days():
    term = TermFactory(start="2017", end="31.03.2022")
    assert term.may_cover(date(2017, 3, 15)) and not term.surely_covers(date(2017, 3, 15))
    assert term.surely_covers(date(2019, 6, 1))


@pytest.mark.parametrize(
    ("start", "end", "is_end_unknown", "text"),
    [
        ("2017", "31.03.2022", False, "2017 – 31.03.2022"),
        ("2017", None, False, "seit 2017"),
        ("01.02.2022", None, False, "seit 01.02.2022"),
        ("04/2022", None, False, "seit April 2022"),
        ("01.01.2030", None, False, "ab 01.01.2030"),
        (None, "31.12.2021", False, "bis 31.12.2021, Beginn unbekannt"),
        (None, None, True, "Amtszeit unbekannt"),
    ],
)
def test_period_display_keeps_each_dates_precision(frozen_today, start, end, is_end_unknown, text):
    term = TermFactory(start=start, end=end, is_end_unknown=is_end_unknown)
    assert term.period_display == text


def test_predecessor_and_successor_in_a_one_seat_post():
    post = PostFactory()
    first = TermFactory(post=post, start=None, end="31.12.2021")
    second = TermFactory(post=post, start="01.02.2022", end="31.03.2022")
    third = TermFactory(post=post, start="01.04.2022")
    assert (first.predecessor, first.successor) == (None, second)
    assert (second.predecessor, second.successor) == (first, third)
    assert (third.predecessor, third.successor) == (second, None)


def test_terms_of_a_post_with_several_seats_have_no_predecessor():
    post = PostFactory(seats=None)
    first = TermFactory(post=post, start="2017")
    second = TermFactory(post=post, start="2018")
    assert second.predecessor is None and first.successor is None


def test_person_terms_on_uses_prefetched_terms(django_assert_num_queries):
    person = PersonFactory()
    TermFactory(person=person, start="2018", end="31.01.2022")
    benz_gf = TermFactory(person=person, start="01.02.2022")
    loaded = Person.objects.with_terms().get(pk=person.pk)
    with django_assert_num_queries(0):
        assert loaded.terms_on(date(2022, 4, 4)) == [benz_gf]
        assert loaded.terms_on(date(2022, 4, 4))[0].post.organization.name


def test_timeline_gaps_between_terms_are_vacancies(frozen_today):
    post = PostFactory()
    verlage = TermFactory(post=post, start=None, end="31.12.2021")
    benz = TermFactory(post=post, start="01.02.2022")
    entries = post.timeline()
    assert entries[0] == verlage and entries[2] == benz
    assert entries[1].is_vacancy
    assert entries[1].period_display == "01.01.2022 – 31.01.2022"
    assert len(entries) == 3


def test_timeline_a_post_vacant_today_ends_with_an_open_vacancy(frozen_today):
    post = PostFactory()
    TermFactory(post=post, start="2017", end="31.03.2022")
    last = post.timeline()[-1]
    assert last.is_vacancy and last.period_display == "seit 01.04.2022"
    assert post.situation_on(frozen_today).state == "vacant"


def test_timeline_handover_on_consecutive_days_leaves_no_gap(frozen_today):
    post = PostFactory()
    TermFactory(post=post, start="2017", end="31.03.2022")
    TermFactory(post=post, start="01.04.2022")
    assert not any(entry.is_vacancy for entry in post.timeline())


def test_timeline_imprecise_bounds_claim_no_gap_they_cannot_prove(frozen_today):
    post = PostFactory()
    TermFactory(post=post, start="2010", end="2017")
    TermFactory(post=post, start="2017")
    assert not any(entry.is_vacancy for entry in post.timeline())


def test_timeline_a_gap_between_imprecise_bounds_keeps_their_precision(frozen_today):
    post = PostFactory()
    TermFactory(post=post, start="2010", end="03/2015")
    TermFactory(post=post, start="2017")
    vacancy = post.timeline()[1]
    assert vacancy.period_display == "April 2015 – 2016"


def test_timeline_nothing_before_the_first_term_or_after_an_unknown_end(frozen_today):
    post = PostFactory()
    TermFactory(post=post, start="2017", end=None, is_end_unknown=True)
    assert [entry.is_vacancy for entry in post.timeline()] == [False]
    assert post.situation_on(date(2000, 1, 1)).state == "unknown"


def test_timeline_a_post_not_fully_recorded_shows_no_vacancy(frozen_today):
    post = PostFactory(is_fully_recorded=False)
    TermFactory(post=post, start="2018", end="31.01.2022")
    assert [entry.is_vacancy for entry in post.timeline()] == [False]
    assert post.situation_on(frozen_today).state == "unknown"


def test_situation_on_names_the_holder(frozen_today):
    post = PostFactory()
    rombach = TermFactory(post=post, start="2017", end="31.03.2022")
    benz = TermFactory(post=post, start="01.04.2022")
    assert post.situation_on(date(2019, 5, 1)) == ("held", [rombach])
    assert post.situation_on(frozen_today) == ("held", [benz])


def test_organization_cannot_be_its_own_ancestor():
    from django.core.exceptions import ValidationError

    city = OrganizationFactory()
    company = OrganizationFactory(parent=city)
    city.parent = company
    with pytest.raises(ValidationError, match="nicht sich selbst untergeordnet"):
        city.full_clean()
