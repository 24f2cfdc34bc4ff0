"""The newsletter's mails: confirmation, link to the subscriber's page, and the newsletter."""

import functools
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import override as language_override

from kldigital.links import absolute_url
from kldigital.mail import template_mail

from ..languages import read_teasers
from .tokens import confirm_url, manage_url, unsubscribe_url


def in_subscribers_language(make_mail):
    """Build the mail in the subscriber's language: texts, links, and Content-Language."""

    @functools.wraps(make_mail)
    def wrapper(subscription, *args, **kwargs):
        with language_override(subscription.language):
            message = make_mail(subscription, *args, **kwargs)
        message.extra_headers["Content-Language"] = subscription.language
        return message

    return wrapper


def section_titles(subscription):
    """Return the titles of the subscriber's sections, as text for both parts of a mail."""
    return [section.title for section in subscription.sections.all()]


@in_subscribers_language
def confirmation_mail(subscription):
    return template_mail(
        gettext("{site}: Bitte bestätigen Sie Ihr Newsletter-Abonnement").format(
            site=settings.SITE_NAME
        ),
        "news/newsletter/confirm_mail",
        {
            "confirm_url": confirm_url(subscription),
            "sections": section_titles(subscription),
            "valid_until": timezone.now() + timedelta(days=settings.NEWS_NEWSLETTER_CONFIRM_DAYS),
            "purge_days": settings.NEWS_NEWSLETTER_UNCONFIRMED_DAYS,
        },
        subscription.email,
    )


@in_subscribers_language
def link_mail(subscription):
    return template_mail(
        gettext("{site}: Ihr Link zur Aboverwaltung").format(site=settings.SITE_NAME),
        "news/newsletter/link_mail",
        {
            "manage_url": manage_url(subscription),
            "unsubscribe_url": unsubscribe_url(subscription),
            "sections": section_titles(subscription),
        },
        subscription.email,
    )


def list_headers(subscription):
    """Return the RFC 2369/8058 headers that let mail programs offer one-click unsubscribe."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return {
        "List-Id": f"{settings.SITE_NAME} <newsletter.{host}>",
        "List-Unsubscribe": f"<{unsubscribe_url(subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@in_subscribers_language
def newsletter_mail(subscription, articles, connection=None):
    """Return the newsletter for `subscription` listing `articles`, with unsubscribe headers.

    An article with a public translation into the subscriber's language is listed with its
    translated title, lead and address.
    """
    articles = read_teasers(articles, subscription.language)
    if len(articles) == 1:
        subject = f"{settings.SITE_NAME}: {articles[0].title}"
    else:
        count = len(articles)
        subject = ngettext(
            "{site}: {count} neue Meldung", "{site}: {count} neue Meldungen", count
        ).format(site=settings.SITE_NAME, count=count)
    return template_mail(
        subject,
        "news/newsletter/newsletter_mail",
        {
            "articles": [
                (article, absolute_url(article.get_absolute_url())) for article in articles
            ],
            "subscription": subscription,
            "sections": section_titles(subscription),
            "manage_url": manage_url(subscription),
            "unsubscribe_url": unsubscribe_url(subscription),
        },
        subscription.email,
        headers=list_headers(subscription),
        connection=connection,
    )
