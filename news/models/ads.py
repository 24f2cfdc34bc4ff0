"""Ad slots ("Anzeige"): booked for a place on the page over a span of days."""

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kldigital.images import CleanImageField

from .. import images


class AdSlotQuerySet(models.QuerySet):
    def current(self, placement=None):
        """Return the ads running today, newest booking first; optionally of one placement."""
        today = timezone.localdate()
        ads = self.filter(Q(end_date__isnull=True) | Q(end_date__gte=today), start_date__lte=today)
        if placement:
            ads = ads.filter(placement=placement)
        return ads.order_by("-start_date", "-pk")


class AdSlot(models.Model):
    """An advertisement ("Anzeige") booked for one place on the page over a span of days."""

    class Placement(models.TextChoices):
        SIDEBAR = "sidebar", "Seitenleiste"
        IN_ARTICLE = "in_article", "Im Artikel, unter dem Text"

    name = models.CharField(
        "Bezeichnung",
        max_length=150,
        help_text="Nur für die Redaktion, z. B. Kunde und Kampagne. Leser sehen sie nicht.",
    )
    placement = models.CharField("Platz", max_length=20, choices=Placement.choices)
    image = CleanImageField(
        "Bild",
        upload_to="anzeigen/%Y/",
        validators=[images.validate_image_upload],
        width_field="image_width",
        height_field="image_height",
        help_text="JPEG, PNG oder WebP, höchstens 10 MB. Wird vom Portal selbst ausgeliefert.",
    )
    image_width = models.PositiveIntegerField(null=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, editable=False)
    image_alt = models.CharField(
        "Alternativtext",
        max_length=250,
        help_text="Was auf der Anzeige steht und zu sehen ist, für Menschen, die sie nicht sehen.",
    )
    target_url = models.URLField(
        "Ziel-Adresse",
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Wohin ein Klick führt. Direkt, ohne Umleitung oder Zählung.",
    )
    start_date = models.DateField("Erster Tag", help_text="Ab diesem Tag erscheint die Anzeige.")
    end_date = models.DateField(
        "Letzter Tag", null=True, blank=True, help_text="Leer: ohne Enddatum."
    )
    created_at = models.DateTimeField("Angelegt am", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("Geändert am", auto_now=True)

    objects = AdSlotQuerySet.as_manager()

    class Meta:
        ordering = ["placement", "-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="ad_slot_ends_after_start",
                violation_error_message="Der letzte Tag liegt vor dem ersten.",
            )
        ]
        verbose_name = "Anzeige"
        verbose_name_plural = "Anzeigen"

    def __str__(self):
        return self.name

    def is_current(self):
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)
