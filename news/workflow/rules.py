"""Two pairs of eyes: who may move an article from one status to another, and the record of it.

Entwurf → Zur Prüfung (anyone who may change articles: "Redaktion"), Zur Prüfung → Freigegeben
(published now, or "Geplant" when its time lies ahead) or back to Entwurf with a note, and
Freigegeben → Entwurf (withdrawn): these need `news.publish_article` ("Chefredaktion").
Every change is saved as a version (django-reversion) and as an `ArticleStateChange`; the mails
it triggers live in `mails.py`.
"""

import reversion
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ..models import Article, ArticleStateChange
from ..roles import PUBLISH_PERMISSION

Status = Article.Status
# Which status each role may choose, whatever the article's status was.
EDITOR_STATUSES = [Status.DRAFT, Status.REVIEW]
VERB = {
    (Status.DRAFT, Status.REVIEW): "Zur Prüfung gegeben",
    (Status.REVIEW, Status.DRAFT): "Zurück an die Redaktion",
    (Status.PUBLISHED, Status.DRAFT): "Zurückgezogen",
    (Status.PUBLISHED, Status.REVIEW): "Zurückgezogen zur Prüfung",
}


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def may_change_status(user, from_status, to_status):
    """Return whether `user` may move an article from one status to the other.

    Anything that touches the published status (approving, publishing, scheduling,
    withdrawing) needs the permission to publish; everything else needs only the editor's.
    """
    if from_status == to_status:
        return True
    if Status.PUBLISHED in (from_status, to_status):
        return can_publish(user)
    return True


def status_choices(user, article=None):
    """Return the status choices `user` may pick in the form for `article` (None: a new one)."""
    if can_publish(user):
        return Status.choices
    allowed = EDITOR_STATUSES
    if article is not None and article.status == Status.PUBLISHED:
        allowed = [Status.PUBLISHED]
    return [(value, label) for value, label in Status.choices if value in allowed]


def describe(from_status, to_status, published_at=None):
    """Return the German name of a change of status, e.g. "Freigegeben, geplant"."""
    if to_status == Status.PUBLISHED:
        if published_at is not None and published_at > timezone.now():
            return "Freigegeben, geplant"
        return "Freigegeben und veröffentlicht"
    return VERB.get((from_status, to_status), f"Status: {Status(to_status).label}")


def article_record_state_change(article, from_status, user, note=""):
    """Record that `article`, already saved, went from `from_status` to its status now.

    Refuses (PermissionDenied) a change the user may not make; returns the record, or None
    when the status did not change.
    """
    if from_status == article.status:
        return None
    if not may_change_status(user, from_status, article.status):
        raise PermissionDenied("Nur die Chefredaktion darf Artikel freigeben oder zurückziehen.")
    return ArticleStateChange.objects.create(
        article=article,
        from_status=from_status,
        to_status=article.status,
        user=user,
        published_at=article.published_at if article.status == Status.PUBLISHED else None,
        note=note,
    )


def article_change_status(article, to_status, user, note=""):
    """Move `article` to `to_status` as `user` would, save it as a version, record the change.

    Publishing dates an article whose time has passed to now and keeps a future time (then it
    is scheduled). Returns the `ArticleStateChange`, or None when nothing changed.
    """
    from_status = article.status
    if from_status == to_status:
        return None
    if not may_change_status(user, from_status, to_status):
        raise PermissionDenied("Nur die Chefredaktion darf Artikel freigeben oder zurückziehen.")
    now = timezone.now()
    article.status = to_status
    if to_status == Status.PUBLISHED and article.published_at <= now:
        article.published_at = now
    with reversion.create_revision():
        article.save()
        reversion.set_user(user)
        reversion.set_comment(describe(from_status, to_status, article.published_at))
    return article_record_state_change(article, from_status, user, note)


def submitter(article):
    """Return the user who last gave `article` for review (None if nobody did)."""
    change = (
        article.state_changes.filter(to_status=Status.REVIEW, user__isnull=False)
        .select_related("user")
        .first()
    )
    return change.user if change else None
