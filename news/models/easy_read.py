"""Leichte Sprache and Deutsche Gebärdensprache (DGS): an article's Leichte-Sprache version
and the sign-language video of a standing page (BITV 2.0 §4)."""

from django.db import models
from django.urls import reverse

from .. import images
from ..media_uploads import validate_captions_upload, validate_video_upload
from ..text import sanitize_html
from .articles import Article
from .pages import Page


class EasyReadVersionQuerySet(models.QuerySet):
    def published(self):
        """Return the versions visitors may see: those of published articles."""
        return self.filter(article__in=Article.objects.published())


class EasyReadVersion(models.Model):
    """An article retold in Leichte Sprache by an editor: its own title, lead and body."""

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,  # a retelling has no meaning without its article
        related_name="easy_read",
        verbose_name="Meldung",
    )
    title = models.CharField(
        "Überschrift in Leichter Sprache",
        max_length=200,
        help_text="Kurz und klar. Ohne Fremdwörter oder mit Erklärung.",
    )
    lead = models.TextField(
        "Vorspann in Leichter Sprache",
        help_text="Ein bis drei kurze Sätze: Worum geht es?",
    )
    body = models.TextField(
        "Text in Leichter Sprache",
        help_text=(
            "Kurze Sätze. Ein Gedanke pro Zeile: jeder Satz ein eigener Absatz. "
            "Zwischenüberschriften und Listen helfen beim Lesen."
        ),
    )
    is_demo = models.BooleanField(
        "Demo-Text",
        default=False,
        help_text="Nur für Beispielinhalte: die Seite sagt dann, dass es ein Demo-Text ist.",
    )
    updated_at = models.DateTimeField("Geändert am", auto_now=True)

    objects = EasyReadVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-article__published_at"]
        verbose_name = "Fassung in Leichter Sprache"
        verbose_name_plural = "Fassungen in Leichter Sprache"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:easy-read", kwargs={"slug": self.article.slug})


class SignLanguageVideo(models.Model):
    """A self-hosted video in Deutsche Gebärdensprache (DGS) that explains one standing page."""

    page = models.OneToOneField(
        Page,
        on_delete=models.CASCADE,  # the video explains this page and nothing else
        related_name="sign_language_video",
        verbose_name="Seite",
    )
    video = models.FileField(
        "Video",
        upload_to="dgs/",
        validators=[validate_video_upload],
        help_text="MP4 oder WebM, höchstens 200 MB. Wird von diesem Server ausgeliefert.",
    )
    captions = models.FileField(
        "Untertitel (WebVTT)",
        upload_to="dgs/",
        validators=[validate_captions_upload],
        help_text="Eine .vtt-Datei, die mit WEBVTT beginnt, höchstens 512 KB.",
    )
    poster = models.ImageField(
        "Vorschaubild",
        upload_to="dgs/",
        validators=[images.validate_image_upload],
        help_text="Wird gezeigt, bevor das Video startet (JPEG, PNG oder WebP).",
    )
    poster_alt = models.CharField(
        "Alternativtext des Vorschaubilds",
        max_length=200,
        blank=True,
        help_text="Leer lassen, wenn das Vorschaubild nur das Video zeigt.",
    )
    duration_seconds = models.PositiveIntegerField(
        "Dauer in Sekunden", help_text="Wird neben dem Download-Link angezeigt."
    )
    file_size = models.PositiveBigIntegerField("Dateigröße in Bytes", default=0, editable=False)
    is_demo = models.BooleanField(
        "Demo-Video",
        default=False,
        help_text="Ein Testbild ohne Gebärdensprache: die Seite sagt das dazu.",
    )
    updated_at = models.DateTimeField("Geändert am", auto_now=True)

    class Meta:
        ordering = ["page__order"]
        verbose_name = "Video in Gebärdensprache"
        verbose_name_plural = "Videos in Gebärdensprache"

    def __str__(self):
        return f"DGS-Video: {self.page}"

    def save(self, *args, **kwargs):
        # Stored once so that a page never asks the storage (which may miss the file) for it.
        try:
            self.file_size = self.video.size
        except (FileNotFoundError, ValueError):
            self.file_size = 0
        super().save(*args, **kwargs)

    @property
    def video_type(self):
        return "video/webm" if self.video.name.lower().endswith(".webm") else "video/mp4"

    @property
    def duration_display(self):
        minutes, seconds = divmod(self.duration_seconds, 60)
        return f"{minutes}:{seconds:02d} Minuten" if minutes else f"{seconds} Sekunden"
