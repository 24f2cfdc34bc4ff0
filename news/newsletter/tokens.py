"""Signed tokens in the newsletter's links, and the absolute links that carry them."""

from django.core import signing
from django.urls import reverse

from kldigital.links import absolute_url

CONFIRM_SALT = "news.newsletter.confirm"
SUBSCRIBER_SALT = "news.newsletter.subscriber"


def confirm_token(subscription):
    return signing.dumps({"id": subscription.pk}, salt=CONFIRM_SALT, compress=True)


def subscriber_token(subscription):
    return signing.dumps({"id": subscription.pk}, salt=SUBSCRIBER_SALT, compress=True)


class BadToken(Exception):
    """A link whose token is forged, damaged or expired; `expired` tells which."""

    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def read_token(token, salt, max_age=None):
    """Return the subscription id a token names, or raise BadToken."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadToken(expired=True) from error
    except signing.BadSignature as error:
        raise BadToken() from error
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        raise BadToken()
    return data["id"]


def confirm_url(subscription):
    return absolute_url(reverse("news:newsletter-confirm", args=[confirm_token(subscription)]))


def manage_url(subscription):
    return absolute_url(reverse("news:newsletter-manage", args=[subscriber_token(subscription)]))


def unsubscribe_url(subscription):
    return absolute_url(
        reverse("news:newsletter-unsubscribe", args=[subscriber_token(subscription)])
    )
