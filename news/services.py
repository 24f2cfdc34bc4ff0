"""Editorial actions with more than one step: publishing and withdrawing articles.

Both go through the review workflow (`news/workflow/`), which checks the user's right to
publish and records the change of status.
"""

from . import workflow
from .models import Article


def article_publish(article, user):
    """Publish an article now, or at its future time if one is set; record who did it."""
    workflow.article_change_status(article, Article.Status.PUBLISHED, user)
    return article


def article_withdraw(article, user):
    """Take an article off the site by turning it back into a draft; record who did it."""
    workflow.article_change_status(article, Article.Status.DRAFT, user)
    return article
