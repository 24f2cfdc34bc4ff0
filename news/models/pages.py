"""Standing pages outside the news flow: Impressum, Datenschutz, Barrierefreiheit."""

from django.db import models

from kldigital.links import slug_path

from ..text import sanitize_html


class Page(models.Model):
    """A standing page outside the news flow, such as "Impressum" or "Barrierefreiheit"."""

    title = models.CharField("Titel", max_length=150)
    slug = models.SlugField(
        "Kurzname in der Adresse",
        max_length=100,
        unique=True,
        help_text="Impressum, Datenschutz und Barrierefreiheit sind im Seitenfuß verlinkt.",
    )
    body = models.TextField(
        "Text",
        help_text="Absätze, Zwischenüberschriften, Listen und Links. Anderes Markup wird entfernt.",
    )
    show_in_footer = models.BooleanField("Im Seitenfuß verlinken", default=True)
    is_easy_read = models.BooleanField(
        "In Leichter Sprache",
        default=False,
        help_text=(
            "Die Seite ist in Leichter Sprache geschrieben: sie wird so gekennzeichnet und auf "
            "der Startseite unter „Leichte Sprache“ gezeigt."
        ),
    )
    order = models.PositiveSmallIntegerField("Reihenfolge", default=0)
    updated_at = models.DateTimeField("Geändert am", auto_now=True)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "Seite"
        verbose_name_plural = "Seiten"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_path("news:page", self.slug)
