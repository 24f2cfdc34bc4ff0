"""The workflow's mails: reviewers hear of a submitted article, its author of the decision.

A mail server that fails never undoes the change of status: `notify_state_change` logs the
error and returns it, and the admin shows it to the editor in German.
"""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.urls import reverse

from kldigital.links import absolute_url
from kldigital.mail import template_mail

from ..models import Article
from ..roles import CHIEF_EDITOR_GROUP
from .rules import describe, submitter

logger = logging.getLogger(__name__)
Status = Article.Status


def reviewers(excluding):
    """Return the active members of "Chefredaktion" who have a mail address."""
    return (
        get_user_model()
        .objects.filter(groups__name=CHIEF_EDITOR_GROUP, is_active=True)
        .exclude(email="")
        .exclude(pk=getattr(excluding, "pk", None))
        .distinct()
        .order_by("pk")
    )


def recipients(change):
    """Return who should hear of `change`: reviewers of a submission, the submitter of a
    decision (never the person who made the change themselves)."""
    if change.to_status == Status.REVIEW:
        return list(reviewers(excluding=change.user))
    author = submitter(change.article)
    if author is None or author == change.user or not author.email:
        return []
    return [author]


def state_change_mail(change, recipient):
    article = change.article
    action = describe(change.from_status, change.to_status, change.published_at)
    return template_mail(
        f"{settings.SITE_NAME}: {action}: {article.title}",
        "news/workflow/state_mail",
        {
            "article": article,
            "change": change,
            "action": action,
            "actor": change.user.get_full_name() or change.user.get_username(),
            "recipient_name": recipient.get_full_name() or recipient.get_username(),
            "admin_url": absolute_url(reverse("admin:news_article_change", args=[article.pk])),
            "is_submission": change.to_status == Status.REVIEW,
        },
        recipient.email,
    )


def notify_state_change(change):
    """Mail everyone `change` concerns; return the number sent and the error, if one occurred."""
    people = recipients(change)
    if not people:
        return 0, None
    try:
        with get_connection() as connection:
            for person in people:
                mail = state_change_mail(change, person)
                mail.connection = connection
                mail.send()
    except (smtplib.SMTPException, OSError) as error:
        logger.exception(
            "Mail about status change %s of article %s failed", change.pk, change.article_id
        )
        return 0, error
    return len(people), None
