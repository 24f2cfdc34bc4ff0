"""The review workflow's record: each change of an article's status, with who, when and why."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .articles import Article


class ArticleStateChange(models.Model):
    """One change of an article's status, e.g. "Entwurf → Zur Prüfung" by an editor."""

    article = models.ForeignKey(
        Article, verbose_name="Artikel", on_delete=models.CASCADE, related_name="state_changes"
    )
    from_status = models.CharField("Vorher", max_length=10, choices=Article.Status.choices)
    to_status = models.CharField("Nachher", max_length=10, choices=Article.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Von",
        null=True,
        on_delete=models.SET_NULL,  # the record outlives a deleted account
        related_name="article_state_changes",
    )
    changed_at = models.DateTimeField("Am", default=timezone.now, db_index=True)
    published_at = models.DateTimeField("Veröffentlichung am", null=True, blank=True)
    note = models.TextField("Hinweis", blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        get_latest_by = "changed_at"
        verbose_name = "Statusänderung"
        verbose_name_plural = "Statusänderungen"

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ScheduledArticle(Article):
    """An article seen from the overview "Geplante Meldungen" (a list and a month calendar)."""

    class Meta:
        proxy = True
        verbose_name = "Geplante Meldung"
        verbose_name_plural = "Geplante Meldungen"
