"""People and the organisations in which they hold offices."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch

from kldigital.images import CleanImageField
from kldigital.links import slug_path

from ..photos import validate_photo


class PersonQuerySet(models.QuerySet):
    def with_terms(self):
        """Load each person's terms with post and organisation: one query for all people."""
        from .terms import Term  # terms.py imports this module

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
        return slug_path("people:detail", self.slug)

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
        return slug_path("people:organization", self.slug)

    def clean(self):
        ancestor, seen = self.parent, {self.pk}
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError(
                    {"parent": "Eine Organisation kann nicht sich selbst untergeordnet sein."}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
