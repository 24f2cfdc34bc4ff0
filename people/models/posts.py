"""Offices ("Ämter") and their history: who held them when, and where nobody did."""

from dataclasses import dataclass
from datetime import timedelta
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kldigital.links import slug_path

from ..dates import PartialDate, Precision, describe_period
from .persons import Organization, Person


class Situation(NamedTuple):
    """Who held a post on a day; see Post.situation_on."""

    state: str
    found: object


@dataclass(frozen=True)
class Vacancy:
    """A stretch of time in which, by the recorded terms, nobody held a post.

    `end` None means: until today.
    """

    start: PartialDate
    end: PartialDate | None = None

    is_vacancy = True
    has_started = True

    @property
    def is_open(self):
        return self.end is None

    @property
    def period_display(self):
        return describe_period(self.start, self.end, is_open=self.is_open)

    def may_cover(self, day):
        return self.start.earliest <= day and (self.end is None or day <= self.end.latest)


class Post(models.Model):
    """An office in an organisation that exists whether or not anyone holds it."""

    # PROTECT: deleting an organisation must not silently erase who held its offices.
    organization = models.ForeignKey(
        Organization, verbose_name="Organisation", on_delete=models.PROTECT, related_name="posts"
    )
    label = models.CharField(
        "Bezeichnung",
        max_length=200,
        help_text="Neutrale Bezeichnung, z. B. „Geschäftsführung“ oder "
        "„Chief Digital Officer (CDO)“.",
    )
    label_female = models.CharField(
        "Bezeichnung für eine Frau",
        max_length=200,
        blank=True,
        help_text="Z. B. „Geschäftsführerin“. Leer: die neutrale Bezeichnung.",
    )
    label_male = models.CharField(
        "Bezeichnung für einen Mann",
        max_length=200,
        blank=True,
        help_text="Z. B. „Geschäftsführer“. Leer: die neutrale Bezeichnung.",
    )
    slug = models.SlugField("Kurzname in der Adresse", max_length=200, unique=True)
    seats = models.PositiveSmallIntegerField(
        "Sitze",
        null=True,
        blank=True,
        default=1,
        validators=[MinValueValidator(1)],
        help_text="Wie viele Personen das Amt zugleich innehaben; meist 1. "
        "Leer: beliebig viele, z. B. für Beraterinnen und Berater.",
    )
    is_fully_recorded = models.BooleanField(
        "Amtsfolge vollständig erfasst",
        default=True,
        help_text="Nur dann zeigt die Website Zeiten ohne Amtszeit als „unbesetzt“; sonst gelten "
        "sie als unbekannt. Haken entfernen, wenn die Redaktion das Amt nicht laufend verfolgt.",
    )
    description = models.TextField(
        "Beschreibung", blank=True, help_text="Was zum Amt gehört, belegt durch Quellen. Nur Text."
    )
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)
    updated_at = models.DateTimeField("Geändert am", auto_now=True)

    class Meta:
        ordering = ["organization__name", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "label"],
                name="unique_post_label_per_organization",
                violation_error_message="Die Organisation hat schon ein Amt dieser Bezeichnung.",
            ),
            models.CheckConstraint(
                condition=Q(seats__isnull=True) | Q(seats__gte=1),
                name="post_seats_at_least_one",
                violation_error_message="Ein Amt hat mindestens einen Sitz.",
            ),
        ]
        verbose_name = "Amt"
        verbose_name_plural = "Ämter"

    def __str__(self):
        return f"{self.label}, {self.organization.name}"

    def get_absolute_url(self):
        return slug_path("people:post", self.slug)

    def clean(self):
        if self.pk is None or self.seats is None:
            return
        terms = list(self.terms.select_related("person"))
        busiest = max(
            (self.holders_beside(term, [t for t in terms if t is not term]) for term in terms),
            key=len,
            default=[],
        )
        if len(busiest) + 1 > self.seats:
            raise ValidationError(
                {
                    "seats": f"Zu wenige Sitze: {len(busiest) + 1} erfasste Amtszeiten laufen "
                    "zeitweise gleichzeitig. Ändern Sie zuerst die Amtszeiten."
                }
            )

    def label_for(self, person):
        """Return the title a person in this office carries: "Geschäftsführerin" for a woman."""
        if person.gender == Person.Gender.FEMALE and self.label_female:
            return self.label_female
        if person.gender == Person.Gender.MALE and self.label_male:
            return self.label_male
        return self.label

    def holders_beside(self, term, others):
        """Return the most `others` that surely hold this post on one day on which `term` does."""
        span = term.certain_span
        if span is None:
            return []
        low, high = span
        spans = [(s, other) for other in others if (s := other.certain_span) is not None]
        days = {low} | {start for (start, _), _ in spans if low <= start <= high}
        most = []
        for day in sorted(days):
            holders = [other for (start, end), other in spans if start <= day <= end]
            if len(holders) > len(most):
                most = holders
        return most

    def seat_conflict_message(self, term, others):
        """Return why `term` does not fit beside `others` in this post, or None if it does."""
        if self.seats is None:
            return None
        holders = self.holders_beside(term, others)
        if len(holders) < self.seats:
            return None
        named = "; ".join(f"{other.person} ({other.period_display})" for other in holders)
        if self.seats == 1:
            return (
                f"Die Amtszeit überschneidet sich mit der Amtszeit von {named}. "
                f"Das Amt „{self.label}“ hat nur einen Sitz."
            )
        return (
            f"Das Amt „{self.label}“ hat {self.seats} Sitze; zugleich mit dieser Amtszeit "
            f"laufen schon {len(holders)}: {named}."
        )

    def timeline(self, today=None):
        """Return the post's history: its terms in order, with a `Vacancy` where nobody held it.

        A vacancy is shown only where the recorded dates prove it, including one lasting
        until today, and only for a post whose terms are all recorded; before the first
        recorded term nothing is known.
        """
        today = today or timezone.localdate()
        if not self.is_fully_recorded:
            return list(self.terms.all())
        entries, covered_until, covered_precision = [], None, None
        for term in self.terms.all():
            start = term.start
            if covered_until and start and covered_until < start.earliest - timedelta(1):
                entries.append(
                    Vacancy(
                        PartialDate(covered_until + timedelta(1), covered_precision),
                        PartialDate(start.earliest - timedelta(1), start.precision),
                    )
                )
            entries.append(term)
            _, last_day = term.possible_span
            if covered_until is None or last_day > covered_until:
                covered_until = last_day
                covered_precision = term.end.precision if term.end else Precision.DAY
        if covered_until is not None and covered_until < today:
            entries.append(Vacancy(PartialDate(covered_until + timedelta(1), covered_precision)))
        return entries

    def situation_on(self, day, timeline=None):
        """Return who may have held the post on `day`, as a Situation.

        ("held", [terms]) when terms may cover the day, ("vacant", vacancy) when the recorded
        terms prove nobody held it, ("unknown", None) otherwise.
        """
        timeline = self.timeline() if timeline is None else timeline
        holders = [entry for entry in timeline if not entry.is_vacancy and entry.may_cover(day)]
        if holders:
            return Situation("held", holders)
        for entry in timeline:
            if entry.is_vacancy and entry.may_cover(day):
                return Situation("vacant", entry)
        return Situation("unknown", None)
