from django.db import models
from django.urls import reverse


class Person(models.Model):
    """A real person the portal reports on: an official, a manager, a council member."""

    class Gender(models.TextChoices):
        FEMALE = "f", "weiblich"
        MALE = "m", "männlich"
        NEUTRAL = "n", "neutral / unbekannt"

    name = models.CharField("Name", max_length=200, help_text="Vor- und Nachname, ohne Titel.")
    slug = models.SlugField("Kurzname in der Adresse", max_length=200, unique=True)
    honorific = models.CharField(
        "Titel", max_length=50, blank=True, help_text="Akademischer Titel, z. B. „Prof.“ oder „Dr.“."
    )
    gender = models.CharField(
        "Grammatisches Geschlecht",
        max_length=1,
        choices=Gender.choices,
        default=Gender.NEUTRAL,
        help_text="Bestimmt die Amtsbezeichnung: Geschäftsführerin, Geschäftsführer, Geschäftsführung.",
    )
    bio = models.TextField("Kurzbiografie", blank=True)
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)
    updated_at = models.DateTimeField("Geändert am", auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "Person"
        verbose_name_plural = "Personen"

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("people:detail", kwargs={"slug": self.slug})

    @property
    def full_name(self):
        return f"{self.honorific} {self.name}".strip()
