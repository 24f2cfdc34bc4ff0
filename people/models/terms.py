"""Terms of office: a person in a post from a partial date to another."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..dates import BEGINNING, FOREVER, PartialDate, Precision, describe_period
from .persons import Person
from .posts import Post


class TermQuerySet(models.QuerySet):
    def on(self, day):
        """Return the terms that may have run on `day`; imprecise or unknown bounds count as may."""
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=day),
            Q(end_date__isnull=True) | Q(end_date__gte=day),
        )

    def current(self):
        """Return the terms running today; a term whose end is unknown is not known to run."""
        return self.on(timezone.localdate()).exclude(is_end_unknown=True)


class Term(models.Model):
    """A person's time in an office: who held which post, from when to when, and how."""

    class Kind(models.TextChoices):
        FULL_TIME = "hauptamtlich", _("hauptamtlich")
        HONORARY = "ehrenamtlich", _("ehrenamtlich")
        ACTING = "kommissarisch", _("kommissarisch")
        ADVISORY = "beratend", _("beratend")

    # CASCADE: a term is a fact about its holder and means nothing without them.
    person = models.ForeignKey(
        Person, verbose_name="Person", on_delete=models.CASCADE, related_name="terms"
    )
    # PROTECT: deleting an office must not silently erase who held it.
    post = models.ForeignKey(
        Post, verbose_name="Amt", on_delete=models.PROTECT, related_name="terms"
    )
    # Stored as the first day of the start's period and the last day of the end's period, so
    # that the two columns are the widest span the term may cover: the database can compare
    # them directly. The PostgreSQL seat guard (migration 0003) reads these four columns.
    start_date = models.DateField("Beginn", null=True, blank=True)
    start_precision = models.CharField(
        "Genauigkeit des Beginns", max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end_date = models.DateField("Ende", null=True, blank=True)
    end_precision = models.CharField(
        "Genauigkeit des Endes", max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    is_end_unknown = models.BooleanField(
        "Ende unbekannt",
        default=False,
        help_text="Ankreuzen, wenn offen ist, ob oder wann die Amtszeit endete. "
        "Ein leeres Ende ohne Haken heißt: im Amt.",
    )
    kind = models.CharField(
        "Art",
        max_length=13,
        choices=Kind.choices,
        blank=True,
        help_text="Leer lassen, wenn die Quelle es nicht sagt.",
    )
    note = models.TextField(
        "Anmerkung", blank=True, help_text="Erscheint auf der Seite der Person."
    )
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)
    updated_at = models.DateTimeField("Geändert am", auto_now=True)

    objects = TermQuerySet.as_manager()

    is_vacancy = False

    class Meta:
        # By start; a term with an unknown start by its end; terms without any date last.
        ordering = [Coalesce("start_date", "end_date").asc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="term_end_not_before_start",
                violation_error_message="Das Ende einer Amtszeit liegt vor ihrem Beginn.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(is_end_unknown=False),
                name="term_unknown_end_has_no_date",
                violation_error_message="Eine Amtszeit mit Ende kann kein unbekanntes Ende haben.",
            ),
        ]
        verbose_name = "Amtszeit"
        verbose_name_plural = "Amtszeiten"

    def __str__(self):
        return f"{self.person}: {self.title} ({self.period_display})"

    def save(self, *args, **kwargs):
        self.set_period(self.start, self.end)
        super().save(*args, **kwargs)

    def clean(self):
        if self.is_end_unknown and self.end_date:
            raise ValidationError(
                {"is_end_unknown": "Es ist ein Ende eingetragen; „Ende unbekannt“ passt nicht."}
            )
        self.set_period(self.start, self.end)
        if self.start and self.end and self.end.latest < self.start.earliest:
            raise ValidationError(
                {"end_date": f"Das Ende ({self.end}) liegt vor dem Beginn ({self.start})."}
            )
        # TermInlineFormSet sets defer_seat_check: it checks all terms of a submission together.
        if self.post_id and not getattr(self, "defer_seat_check", False):
            others = Term.objects.filter(post_id=self.post_id).exclude(pk=self.pk)
            message = self.post.seat_conflict_message(self, list(others.select_related("person")))
            if message:
                raise ValidationError(message, code="seats")

    @property
    def start(self):
        return PartialDate(self.start_date, self.start_precision) if self.start_date else None

    @start.setter
    def start(self, value):
        self.set_period(value, self.end)

    @property
    def end(self):
        return PartialDate(self.end_date, self.end_precision) if self.end_date else None

    @end.setter
    def end(self, value):
        self.set_period(self.start, value)

    def set_period(self, start, end):
        """Store `start` and `end` (PartialDates or None) as the widest span they may mean.

        The one place that writes the four date columns: the start's first day and the end's
        last day, each with its precision (see the fields).
        """
        self.start_date = start.earliest if start else None
        self.start_precision = start.precision if start else Precision.DAY
        self.end_date = end.latest if end else None
        self.end_precision = end.precision if end else Precision.DAY

    @property
    def is_open(self):
        """Tell whether the term has no end because it is still running."""
        return self.end_date is None and not self.is_end_unknown

    @cached_property
    def title(self):
        """Return the post's title for this holder: "Geschäftsführerin", "Geschäftsführer"."""
        return self.post.label_for(self.person)

    @property
    def possible_span(self):
        """Return the first and last day the term may have covered; unknown bounds are unlimited."""
        return (
            self.start.earliest if self.start else BEGINNING,
            self.end.latest if self.end else FOREVER,
        )

    @property
    def certain_span(self):
        """Return the first and last day the person surely held the post, or None if no day is sure.

        "2017 – 31.03.2022" is sure from 31.12.2017 on; an unknown start leaves only the end
        day itself, an unknown end only the start day, and an open end runs until FOREVER.
        """
        start, end = self.start, self.end
        if start:
            low = start.latest
        elif end:
            low = end.latest
        else:
            low = FOREVER if self.is_open else None
        if end:
            high = end.earliest
        elif self.is_open:
            high = FOREVER
        else:
            high = start.earliest if start else None
        if low is None or high is None or low > high:
            return None
        return low, high

    def may_cover(self, day):
        low, high = self.possible_span
        return low <= day <= high

    def surely_covers(self, day):
        span = self.certain_span
        return span is not None and span[0] <= day <= span[1]

    @property
    def is_current(self):
        """Tell whether the term runs today (it may have started earlier this year or month)."""
        return not self.is_end_unknown and self.may_cover(timezone.localdate())

    @property
    def has_started(self):
        return self.start is None or self.start.earliest <= timezone.localdate()

    @property
    def period_display(self):
        """Return the dates in German at their precision: "2017 – 31.03.2022", "seit 2017"."""
        return describe_period(
            self.start, self.end, is_open=self.is_open, has_started=self.has_started
        )

    def _neighbour(self, step):
        """Return the term before (step -1) or after (+1) this one in a one-seat post."""
        if self.post.seats != 1:
            return None
        terms = list(self.post.terms.all())
        position = next((i for i, term in enumerate(terms) if term.pk == self.pk), None)
        if position is None or not 0 <= position + step < len(terms):
            return None
        return terms[position + step]

    @property
    def predecessor(self):
        """Return the term that came just before this one in a one-seat post, or None."""
        return self._neighbour(-1)

    @property
    def successor(self):
        """Return the term that came just after this one in a one-seat post, or None."""
        return self._neighbour(+1)
