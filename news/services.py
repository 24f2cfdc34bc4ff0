"""Editorial actions with more than one step: publishing and withdrawing articles."""

import reversion
from django.utils import timezone

from .models import Article


def article_publish(article, user):
    """Publish a draft now, or at its future time if one is set; record who did it."""
    if article.status == Article.Status.PUBLISHED:
        return article
    now = timezone.now()
    article.status = Article.Status.PUBLISHED
    if article.published_at <= now:
        article.published_at = now
    with reversion.create_revision():
        article.save()
        reversion.set_user(user)
        reversion.set_comment(
            "Veröffentlicht" if article.published_at == now else "Zur Veröffentlichung eingeplant"
        )
    return article


def article_withdraw(article, user):
    """Take an article off the site by turning it back into a draft; record who did it."""
    if article.status == Article.Status.DRAFT:
        return article
    article.status = Article.Status.DRAFT
    with reversion.create_revision():
        article.save()
        reversion.set_user(user)
        reversion.set_comment("Zurückgezogen")
    return article
