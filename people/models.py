from dataclasses import dataclass
from datetime import timedelta
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from kldigital.images import CleanImageField

from .dates import BEGINNING, FOREVER, PartialDate, Precision, describe_period
from .photos import validate_photo


class PersonQuerySet(models.QuerySet):
    def with_terms(self):
        """Load each person's terms with post and organisation: one query for all people."""
        return self.prefetch_related(
            Prefetch("terms", queryset=Term.objects.select_related("post__organization"))
        )


class Person(models.Model):
    """A real person the portal reports on: an official, a manager, a council member."""

    class Gender(models.TextChoices):
        FEMALE = "f", "weiblich"
        MALE = "m", "männlich"
        NEUTRAL = "n", "neutral / unbekannt"

    name = models.CharField("Name", max_length=200, help_text="Vor- und Nachname, ohne Titel.")
    slug = models.SlugField("Kurzname in der Adresse", max_length=200, unique=True)
    honorific = models.CharField(
        "Titel",
        max_length=50,
        blank=True,
        help_text="Akademischer Titel, z. B. „Prof.“ oder „Dr.“.",
    )
    gender = models.CharField(
        "Grammatisches Geschlecht",
        max_length=1,
        choices=Gender.choices,
        default=Gender.NEUTRAL,
        help_text=(
            "Bestimmt die Amtsbezeichnung: Geschäftsführerin, Geschäftsführer, Geschäftsführung."
        ),
    )
    bio = models.TextField(
        "Kurzbiografie", blank=True, help_text="Zwei, drei Sätze, belegt durch Quellen. Nur Text."
    )
    photo = CleanImageField(
        "Foto",
        upload_to="people/",
        blank=True,
        validators=[validate_photo],
        width_field="photo_width",
        height_field="photo_height",
        help_text="JPEG, PNG oder WebP, höchstens 5 MB. Nur mit Nutzungsrecht.",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_alt = models.CharField(
        "Alternativtext",
        max_length=250,
        blank=True,
        help_text="Beschreibt, was auf dem Foto zu sehen ist, für Menschen, die es nicht sehen.",
    )
    photo_credit = models.CharField(
        "Bildquelle", max_length=150, blank=True, help_text="Fotografin, Fotograf oder Agentur."
    )
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)
    updated_at = models.DateTimeField("Geändert am", auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "Person"
        verbose_name_plural = "Personen"

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("people:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.photo:
            errors = {}
            if not self.photo_alt.strip():
                errors["photo_alt"] = "Bitte beschreiben Sie das Foto in einem Alternativtext."
            if not self.photo_credit.strip():
                errors["photo_credit"] = "Bitte geben Sie die Bildquelle des Fotos an."
            if errors:
                raise ValidationError(errors)

    @property
    def full_name(self):
        return f"{self.honorific} {self.name}".strip()

    def terms_on(self, day):
        """Return the terms the person may have held on `day`, from prefetched terms if loaded."""
        return [term for term in self.terms.all() if term.may_cover(day)]


class Organization(models.Model):
    """A body in which offices exist: a city, a municipal company, an association."""

    name = models.CharField(
        "Name",
        max_length=200,
        unique=True,
        help_text="Vollständiger Name, z. B. „KL.digital GmbH“.",
    )
    slug = models.SlugField("Kurzname in der Adresse", max_length=200, unique=True)
    # SET_NULL: a subsidiary and its offices outlive the deletion of its parent's record.
    parent = models.ForeignKey(
        "self",
        verbose_name="Übergeordnete Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text="Z. B. die Stadt als Gesellschafterin ihrer Tochtergesellschaft.",
    )
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)
    updated_at = models.DateTimeField("Geändert am", auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "Organisation"
        verbose_name_plural = "Organisationen"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:organization", kwargs={"slug": self.slug})

    def clean(self):
        ancestor, seen = self.parent, {self.pk}
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError(
                    {"parent": "Eine Organisation kann nicht sich selbst untergeordnet sein."}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


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
        return reverse("people:post", kwargs={"slug": self.slug})

    def clean(self):
        if self.pk is None or self.seats is None:
            return
        terms = list(Term.objects.filter(post_id=self.pk).select_related("person"))
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
        FULL_TIME = "hauptamtlich", "hauptamtlich"
        HONORARY = "ehrenamtlich", "ehrenamtlich"
        ACTING = "kommissarisch", "kommissarisch"
        ADVISORY = "beratend", "beratend"

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
    # SET_NULL: the term stays true when the article that reported it is deleted.
    source_article = models.ForeignKey(
        "news.Article",
        verbose_name="Quelle",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sourced_terms",
        help_text="Die Meldung, die diese Amtszeit belegt.",
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
        self.start, self.end = self.start, self.end  # store the widest span, see the fields
        super().save(*args, **kwargs)

    def clean(self):
        if self.is_end_unknown and self.end_date:
            raise ValidationError(
                {"is_end_unknown": "Es ist ein Ende eingetragen; „Ende unbekannt“ passt nicht."}
            )
        self.start, self.end = self.start, self.end
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
        self.start_date = value.earliest if value else None
        self.start_precision = value.precision if value else Precision.DAY

    @property
    def end(self):
        return PartialDate(self.end_date, self.end_precision) if self.end_date else None

    @end.setter
    def end(self, value):
        self.end_date = value.latest if value else None
        self.end_precision = value.precision if value else Precision.DAY

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
