from datetime import date

import pytest

from people.dates import PartialDate, Precision, describe_period


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2017", date(2017, 1, 1), Precision.YEAR),
        ("02/2022", date(2022, 2, 1), Precision.MONTH),
        ("2/2022", date(2022, 2, 1), Precision.MONTH),
        ("02.2022", date(2022, 2, 1), Precision.MONTH),
        ("2022-02", date(2022, 2, 1), Precision.MONTH),
        ("Februar 2022", date(2022, 2, 1), Precision.MONTH),
        ("märz 2022", date(2022, 3, 1), Precision.MONTH),
        ("01.02.2022", date(2022, 2, 1), Precision.DAY),
        ("1.2.2022", date(2022, 2, 1), Precision.DAY),
        (" 2022-02-01 ", date(2022, 2, 1), Precision.DAY),
    ],
)
def test_parse_reads_the_precision_from_the_form(text, value, precision):
    assert PartialDate.parse(text) == PartialDate(value, precision)


@pytest.mark.parametrize("text", ["", "   ", None])
def test_parse_blank_is_unknown(text):
    assert PartialDate.parse(text) is None


@pytest.mark.parametrize(
    "text", ["17", "31.02.2022", "13/2022", "Brumaire 2022", "2022-02-30", "gestern"]
)
def test_parse_refuses_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    ("text", "shown", "iso"),
    [
        ("2017", "2017", "2017"),
        ("02/2022", "Februar 2022", "2022-02"),
        ("01.02.2022", "01.02.2022", "2022-02-01"),
    ],
)
def test_a_partial_date_shows_and_exports_only_what_is_known(text, shown, iso):
    partial = PartialDate.parse(text)
    assert str(partial) == shown
    assert partial.iso == iso


def test_a_year_is_never_the_first_of_january():
    assert str(PartialDate(date(2017, 6, 15), Precision.YEAR)) == "2017"
    assert "01.01.2017" not in describe_period(PartialDate.parse("2017"), None, is_open=True)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2017", date(2017, 1, 1), date(2017, 12, 31)),
        ("02/2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("02/2023", date(2023, 2, 1), date(2023, 2, 28)),
        ("31.03.2022", date(2022, 3, 31), date(2022, 3, 31)),
    ],
)
def test_earliest_and_latest_day_of_a_partial_date(text, earliest, latest):
    partial = PartialDate.parse(text)
    assert (partial.earliest, partial.latest) == (earliest, latest)


def test_any_day_in_a_period_stands_for_the_same_period():
    assert PartialDate(date(2022, 2, 17), Precision.MONTH) == PartialDate(
        date(2022, 2, 1), Precision.MONTH
    )


@pytest.mark.parametrize(
    ("start", "end", "is_open", "text"),
    [
        ("2017", "31.03.2022", False, "2017 – 31.03.2022"),
        ("01.02.2022", None, True, "seit 01.02.2022"),
        ("2018", None, False, "ab 2018, Ende unbekannt"),
        (None, "31.12.2021", False, "bis 31.12.2021, Beginn unbekannt"),
        (None, None, True, "im Amt, Beginn unbekannt"),
        (None, None, False, "Amtszeit unbekannt"),
    ],
)
def test_describe_period_in_german(start, end, is_open, text):
    assert (
        describe_period(PartialDate.parse(start), PartialDate.parse(end), is_open=is_open) == text
    )


def test_describe_period_of_a_term_yet_to_begin():
    assert (
        describe_period(PartialDate.parse("2030"), None, is_open=True, has_started=False)
        == "ab 2030"
    )
