from django.conf import settings
from django.db import models


def pdf_variants():
    """Return the variants of an article's PDF: the article, Leichte Sprache, translations."""
    return [
        ("", "Alltagssprache"),
        ("leichte-sprache", "Leichte Sprache"),
        *((code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE),
    ]


class ArticlePDF(models.Model):
    """The stored PDF of one version of an article, or the state of its render."""

    class Status(models.TextChoices):
        PENDING = "pending", "in Arbeit"
        READY = "ready", "fertig"
        FAILED = "failed", "fehlgeschlagen"

    # Referenced by name: this module is loaded at the end of news.models.
    article = models.ForeignKey(
        "news.Article",
        on_delete=models.CASCADE,  # a PDF has no meaning without its article
        related_name="pdfs",
        verbose_name="Artikel",
    )
    variant = models.CharField(
        "Fassung",
        max_length=20,
        blank=True,
        default="",
        choices=pdf_variants,
    )
    version = models.CharField(
        "Version",
        max_length=16,
        help_text="Ändert sich mit dem Artikel und dem Drucklayout.",
    )
    status = models.CharField(
        "Zustand", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField("Datei", max_length=255, blank=True)
    page_count = models.PositiveIntegerField("Seiten", null=True, blank=True)
    error = models.TextField("Grund des Fehlschlags", blank=True)
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)
    updated_at = models.DateTimeField("Geändert am", auto_now=True)
    rendered_at = models.DateTimeField("Erstellt am", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        verbose_name = "PDF"
        verbose_name_plural = "PDFs"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "variant", "version"], name="unique_article_pdf"
            )
        ]

    def __str__(self):
        return f"PDF {self.version} ({self.get_status_display()})"

    @property
    def is_ready(self):
        return self.status == self.Status.READY and bool(self.file)
