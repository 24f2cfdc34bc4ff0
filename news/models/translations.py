"""Article translations: an article in English, Arabic or Ukrainian, linked to its German
original, public only once an editor who may publish has released it and the article is out."""

import copy

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation

from ..text import german_slugify, sanitize_html
from .articles import Article, visible

RTL_LANGUAGES = {"ar", "fa", "he", "ur"}


def translation_languages():
    """Return the languages an article may be translated into: all but the German original."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def text_direction(language):
    return "rtl" if language in RTL_LANGUAGES else "ltr"


class ArticleTranslationQuerySet(models.QuerySet):
    def published(self):
        """Return the translations visitors may see: released, of a published article."""
        return self.filter(visible("article__"), is_released=True)


class ArticleTranslation(models.Model):
    """An article in another language than German, written by an editor from the original."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,  # a translation has no meaning without its original
        related_name="translations",
        verbose_name="Deutsches Original",
    )
    language = models.CharField("Sprache", max_length=7, choices=translation_languages)
    slug = models.SlugField(
        "Kurzname in der Adresse",
        max_length=200,
        blank=True,
        help_text="Nur lateinische Buchstaben, Ziffern und Bindestriche, z. B. eine Umschrift "
        "der Überschrift. Leer: aus der Überschrift gebildet, sonst der deutsche Kurzname.",
    )
    title = models.CharField("Überschrift", max_length=200)
    lead = models.TextField(
        "Vorspann", help_text="Ein bis drei Sätze, übersetzt aus dem deutschen Vorspann. Nur Text."
    )
    body = models.TextField(
        "Text",
        blank=True,
        help_text="Absätze, Zwischenüberschriften, Listen und Links. Anderes Markup wird entfernt.",
    )
    image_alt = models.CharField(
        "Alternativtext des Bildes",
        max_length=250,
        blank=True,
        help_text="Nur wenn die Meldung ein Bild hat: der deutsche Alternativtext, übersetzt.",
    )
    image_caption = models.CharField(
        "Bildunterschrift",
        max_length=300,
        blank=True,
        help_text="Nur wenn die Meldung ein Bild hat. Die Bildquelle bleibt wie im Original.",
    )
    translator = models.CharField(
        "Übersetzt von",
        max_length=150,
        blank=True,
        help_text="Wer übersetzt hat (Person oder Büro); nur für die Redaktion.",
    )
    is_demo = models.BooleanField(
        "Demo-Übersetzung",
        default=False,
        help_text="Nur für Beispielinhalte: die Seite sagt dann, dass es ein Demo-Text ist.",
    )
    is_released = models.BooleanField(
        "Freigegeben",
        default=False,
        help_text="Erst freigegebene Übersetzungen erscheinen, und nur mit ihrer veröffentlichten "
        "Meldung. Freigeben und zurücknehmen darf nur die Chefredaktion.",
    )
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)
    updated_at = models.DateTimeField("Geändert am", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Zuletzt bearbeitet von",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,  # the translation stays when the account goes
        related_name="+",
    )

    objects = ArticleTranslationQuerySet.as_manager()

    class Meta:
        ordering = ["article", "language"]
        verbose_name = "Übersetzung"
        verbose_name_plural = "Übersetzungen"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"], name="one_translation_per_language"
            ),
            models.UniqueConstraint(
                fields=["language", "slug"], name="unique_translation_slug_per_language"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_language_display()})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = german_slugify(self.title)[:200] or self.article.slug
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("news:detail", kwargs={"slug": self.slug})

    def clean(self):
        # A released translation is what readers get: it must not lack what the original has.
        if self.is_released and self.article_id:
            if self.article.image and self.article.image_alt and not self.image_alt:
                raise ValidationError(
                    {"image_alt": "Die Meldung hat ein Bild: bitte den Alternativtext übersetzen."}
                )

    @property
    def direction(self):
        return text_direction(self.language)

    def is_public(self):
        return self.is_released and self.article.is_published()

    def read_as(self, article=None):
        """Return a copy of `article` (default: the original) that reads as this translation.

        Title, lead, body, image texts, slug and address are the translation's, the rest
        (date, section, image, tags) the original's. The copy renders through the article's
        templates; it is never saved (save() raises), so the original cannot be overwritten.
        """
        reading = copy.copy(article or self.article)
        reading.title, reading.lead, reading.body = self.title, self.lead, self.body
        reading.slug = self.slug
        if self.image_alt:
            reading.image_alt = self.image_alt
        if self.image_caption:
            reading.image_caption = self.image_caption
        reading.translation = self
        reading.get_absolute_url = self.get_absolute_url
        reading.save = _refuse_save
        return reading


def _refuse_save(*args, **kwargs):
    raise TypeError("A translated reading of an article is not saved; save its translation.")
