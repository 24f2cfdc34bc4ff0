"""Partial dates: a day, a month or just a year, as precise as the source is.

"Seit 2017" is a year, not the 1st of January 2017. A `PartialDate` keeps the precision
beside the date, shows itself the German way ("2017", "Februar 2022", "01.02.2022") and
exports as an ISO 8601 prefix ("2017", "2022-02", "2022-02-01"), as Popolo expects.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils import dateformat
from django.utils.translation import gettext

# Stand-ins for "no limit" when spans are compared: an open end runs until FOREVER.
FOREVER = date.max
BEGINNING = date.min

GERMAN_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "januar",
            "februar",
            "märz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
        ],
        start=1,
    )
}

_YEAR = re.compile(r"(\d{4})")
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[./]\s*(\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_NAMED_MONTH = re.compile(r"([a-zäöü]+)\.?\s+(\d{4})")
_GERMAN_DAY = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class Precision(models.TextChoices):
    YEAR = "year", "Jahr"
    MONTH = "month", "Monat"
    DAY = "day", "Tag"


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or the year.

    `value` may be given as any day inside the period; it is kept as the period's first day,
    so that equal periods compare equal.
    """

    value: date
    precision: str = Precision.DAY

    def __post_init__(self):
        if self.precision not in Precision.values:
            raise ValueError(f"Unknown precision: {self.precision!r}")
        if self.precision == Precision.YEAR:
            object.__setattr__(self, "value", self.value.replace(month=1, day=1))
        elif self.precision == Precision.MONTH:
            object.__setattr__(self, "value", self.value.replace(day=1))

    def __str__(self):
        if self.precision == Precision.YEAR:
            return str(self.value.year)
        if self.precision == Precision.MONTH:
            return dateformat.format(self.value, "F Y")
        return dateformat.format(self.value, "d.m.Y")

    @property
    def earliest(self):
        """Return the first day the partial date may mean."""
        return self.value

    @property
    def latest(self):
        """Return the last day the partial date may mean."""
        if self.precision == Precision.YEAR:
            return self.value.replace(month=12, day=31)
        if self.precision == Precision.MONTH:
            last_day = calendar.monthrange(self.value.year, self.value.month)[1]
            return self.value.replace(day=last_day)
        return self.value

    @property
    def iso(self):
        """Return the ISO 8601 form at this precision: "2017", "2022-02" or "2022-02-01"."""
        if self.precision == Precision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision == Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    @classmethod
    def parse(cls, text):
        """Read "2017", "02/2022", "Februar 2022", "01.02.2022" or ISO forms; None for blank.

        Raises ValueError for anything else, including impossible dates like 31.02.2022.
        """
        text = (text or "").strip().lower()
        if not text:
            return None
        if match := _YEAR.fullmatch(text):
            return cls(date(int(match[1]), 1, 1), Precision.YEAR)
        if match := _MONTH_YEAR.fullmatch(text):
            return cls(date(int(match[2]), int(match[1]), 1), Precision.MONTH)
        if match := _ISO_MONTH.fullmatch(text):
            return cls(date(int(match[1]), int(match[2]), 1), Precision.MONTH)
        if (match := _NAMED_MONTH.fullmatch(text)) and match[1] in GERMAN_MONTHS:
            return cls(date(int(match[2]), GERMAN_MONTHS[match[1]], 1), Precision.MONTH)
        if match := _GERMAN_DAY.fullmatch(text):
            return cls(date(int(match[3]), int(match[2]), int(match[1])), Precision.DAY)
        if match := _ISO_DAY.fullmatch(text):
            return cls(date(int(match[1]), int(match[2]), int(match[3])), Precision.DAY)
        raise ValueError(f"Not a partial date: {text!r}")


def describe_period(start, end, *, is_open, has_started=True, render=str):
    """Return a span in the active language at its dates' precision: "seit 2017", "2017 – 2022".

    `start` and `end` are PartialDates or None for unknown; `is_open` says that a missing end
    means "still running"; `render` turns each date into text (or into an HTML element).
    """
    if start and end:
        return f"{render(start)} – {render(end)}"
    if start and is_open:
        text = gettext("seit {start}") if has_started else gettext("ab {start}")
        return text.format(start=render(start))
    if start:
        return gettext("ab {start}, Ende unbekannt").format(start=render(start))
    if end:
        return gettext("bis {end}, Beginn unbekannt").format(end=render(end))
    if is_open:
        return gettext("im Amt, Beginn unbekannt")
    return gettext("Amtszeit unbekannt")
