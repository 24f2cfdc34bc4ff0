"""The accessibility statement (Erklärung zur Barrierefreiheit) and the barriers readers report.

The statement is generated from facts editors keep in one row (`AccessibilityStatement`) and
its known barriers; reports sent with "Barriere melden" are `BarrierReport` rows that must be
answered within a month (§ 12b BGG).
"""

import calendar

from django.db import models
from django.urls import reverse
from django.utils import timezone

TO_BE_COMPLETED = "[bitte ergänzen]"
# The standing page at the statement's address; its text is the statement's intro.
STATEMENT_PAGE_SLUG = "barrierefreiheit"


def one_month_after(moment):
    """Return the same day and time a calendar month later (31 January → 28/29 February)."""
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


class AccessibilityStatement(models.Model):
    """The one set of facts the "Erklärung zur Barrierefreiheit" is generated from."""

    class Compliance(models.TextChoices):
        FULL = "full", "vollständig vereinbar"
        PARTIAL = "partial", "teilweise vereinbar"
        NONE = "none", "nicht vereinbar"

    compliance = models.CharField(
        "Stand der Vereinbarkeit",
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text="Mit der BITV 2.0 (WCAG 2.1, Stufe AA). „Vollständig“ nur, wenn eine Prüfung "
        "keine Barriere gefunden hat und unten keine bekannte Barriere steht.",
    )
    review_date = models.DateField(
        "Zuletzt geprüft am",
        null=True,
        blank=True,
        help_text="Datum der letzten Prüfung; leer erscheint als „[bitte ergänzen]“.",
    )
    review_method = models.TextField(
        "Wie geprüft wurde",
        help_text="Z. B. Selbstbewertung, BITV-Test durch …, automatische Tests. Reiner Text.",
    )
    contact = models.TextField(
        "Kontakt für Rückmeldungen",
        help_text="Stelle, Anschrift, Telefon; erscheint in der Erklärung. Reiner Text.",
    )
    contact_email = models.EmailField(
        "E-Mail-Adresse für Rückmeldungen",
        blank=True,
        help_text="Erscheint in der Erklärung; an sie gehen die Meldungen aus „Barriere melden“ "
        "(leer: an die Absenderadresse des Portals).",
    )
    enforcement_body = models.CharField(
        "Schlichtungs- oder Durchsetzungsstelle",
        max_length=200,
        help_text="Die Stelle, an die sich Leserinnen und Leser wenden können, wenn sie keine "
        "zufriedenstellende Antwort erhalten.",
    )
    enforcement_address = models.TextField("Anschrift und Kontakt der Stelle", blank=True)
    enforcement_url = models.URLField("Internetseite der Stelle", blank=True)
    updated_at = models.DateTimeField("Geändert am", auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "Erklärung zur Barrierefreiheit"
        verbose_name_plural = "Erklärung zur Barrierefreiheit"

    def __str__(self):
        return "Erklärung zur Barrierefreiheit"

    def get_absolute_url(self):
        return reverse("news:accessibility-statement")

    @classmethod
    def load(cls):
        """Return the statement, creating it with placeholders if an admin deleted it."""
        statement = cls.objects.order_by("pk").first()
        if statement is None:
            statement = cls.objects.create(
                review_method=TO_BE_COMPLETED,
                contact=TO_BE_COMPLETED,
                enforcement_body=TO_BE_COMPLETED,
            )
        return statement


class KnownBarrier(models.Model):
    """A part of the portal known not to be accessible, with the reason and an alternative."""

    statement = models.ForeignKey(
        AccessibilityStatement,
        on_delete=models.CASCADE,  # a barrier is only ever listed in its statement
        related_name="known_barriers",
        verbose_name="Erklärung",
    )
    description = models.TextField(
        "Was ist nicht barrierefrei?", help_text="Für Leserinnen und Leser verständlich."
    )
    reason = models.TextField(
        "Warum?",
        help_text="Z. B. unverhältnismäßige Belastung (mit Begründung) oder nicht in unserer "
        "Verantwortung.",
    )
    alternative = models.TextField(
        "Barrierefreie Alternative", blank=True, help_text="Wie man den Inhalt trotzdem erhält."
    )
    order = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "bekannte Barriere"
        verbose_name_plural = "bekannte Barrieren"

    def __str__(self):
        return self.description[:80]


class BarrierReport(models.Model):
    """A barrier a reader reported with "Barriere melden", and how the editors answered."""

    class Status(models.TextChoices):
        NEW = "new", "neu"
        IN_PROGRESS = "in_progress", "in Bearbeitung"
        ANSWERED = "answered", "beantwortet"

    page_url = models.CharField("Seite", max_length=500, blank=True)
    description = models.TextField("Beschreibung der Barriere")
    name = models.CharField("Name", max_length=100, blank=True)
    email = models.EmailField("E-Mail-Adresse für die Antwort", blank=True)
    created_at = models.DateTimeField("Eingegangen am", default=timezone.now)
    answer_by = models.DateTimeField(
        "Antwort bis", editable=False, help_text="Ein Monat nach Eingang (§ 12b BGG)."
    )
    status = models.CharField("Status", max_length=12, choices=Status, default=Status.NEW)
    answered_at = models.DateTimeField(
        "Beantwortet am",
        null=True,
        blank=True,
        help_text="Wird beim Status „beantwortet“ gesetzt, wenn es leer ist.",
    )
    answer_note = models.TextField(
        "Notiz zur Antwort", blank=True, help_text="Was geantwortet oder geändert wurde."
    )

    class Meta:
        ordering = ["answer_by", "pk"]
        get_latest_by = "created_at"
        verbose_name = "gemeldete Barriere"
        verbose_name_plural = "gemeldete Barrieren"

    def __str__(self):
        return f"Meldung vom {timezone.localtime(self.created_at):%d.%m.%Y %H:%M}"

    def save(self, *args, **kwargs):
        self.answer_by = one_month_after(self.created_at)
        if self.status == self.Status.ANSWERED and self.answered_at is None:
            self.answered_at = timezone.now()
        super().save(*args, **kwargs)

    def is_overdue(self, now=None):
        """Return whether the answer is due and not yet given."""
        return self.status != self.Status.ANSWERED and (now or timezone.now()) > self.answer_by
