"""Corrections ("Korrektur"): dated notes that put a published article's error on the record.

A correction is shown under the article, in its print version and PDF, in its structured
data (schema.org `correction`) and on the corrections page. Adding or changing one moves
the article's `content_updated_at`, so `dateModified`, the sitemap and the Atom feed follow.
"""

from datetime import timedelta

from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone


class CorrectionQuerySet(models.QuerySet):
    def published(self):
        """Return the corrections readers may see: those of published articles."""
        from .models import Article

        return self.filter(
            article__status=Article.Status.PUBLISHED, article__published_at__lte=timezone.now()
        )


class Correction(models.Model):
    """A dated note that corrects something a published article said."""

    article = models.ForeignKey(
        "news.Article",
        verbose_name="Artikel",
        on_delete=models.CASCADE,  # a note without its article corrects nothing
        related_name="corrections",
    )
    published_at = models.DateTimeField(
        "Datum",
        default=timezone.now,
        help_text="Wann die Korrektur erschienen ist; steht so unter dem Artikel.",
    )
    text = models.TextField(
        "Korrektur",
        help_text="Was falsch war und was richtig ist, in ganzen Sätzen. Nur Text.",
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["published_at", "pk"]
        get_latest_by = "published_at"
        verbose_name = "Korrektur"
        verbose_name_plural = "Korrekturen"

    def __str__(self):
        return f"Korrektur vom {timezone.localdate(self.published_at):%d.%m.%Y}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.article_touch()

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#korrektur-{self.pk}"

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.article_touch()
        return result

    def article_touch(self):
        """Move the article's last visible change to this correction; refresh caches and PDF."""
        article = self.article
        # A note dated ahead is shown at once; the article does not claim a change to come.
        noted_at = min(self.published_at, timezone.now())
        article.content_updated_at = max(filter(None, [article.content_updated_at, noted_at]))
        # Saved through the model (not update()) so that page-cache signals fire, and with
        # updated_at so that the PDF, keyed on it, is rendered again with the note.
        article.save(update_fields=["content_updated_at", "updated_at"])


# Publishing stamps both dates within moments; only a later change is an update to show.
UPDATE_THRESHOLD = timedelta(minutes=1)


def article_shows_update(article):
    """Return whether the article changed visibly after publication ("Aktualisiert am …")."""
    changed = article.content_updated_at
    return changed is not None and changed - article.published_at >= UPDATE_THRESHOLD


@receiver(pre_save, sender="news.Article", dispatch_uid="article-content-change")
def article_stamp_content_change(sender, instance, update_fields=None, **kwargs):
    """Move `content_updated_at` to now when a save changes what readers see.

    A new article, a draft and a scheduled one carry their publication time; so does an
    article loaded from the demo. A save the editor marks as minor (`is_minor_change`, the
    admin's "kleine Änderung" box) keeps the date, as does a save of chosen fields only.
    """
    if update_fields is not None:
        return
    is_visible = not instance._state.adding and instance.is_published()
    if is_visible and not getattr(instance, "is_minor_change", False):
        instance.content_updated_at = timezone.now()
    elif instance.content_updated_at is None or instance.content_updated_at < instance.published_at:
        instance.content_updated_at = instance.published_at
