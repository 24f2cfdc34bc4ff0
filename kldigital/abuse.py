"""Abuse protection for the public forms that send mail and for the admin login.

One client address for every limit (derived from DJANGO_TRUSTED_PROXIES, also used by
django-axes), a honeypot field, rate limits counted atomically in the shared cache, and the
German 429 and 503 answers. Limits fail closed: a form that sends mail to addresses typed by
strangers would be an open relay without its counters, so when the cache cannot count, the
form refuses with a 503 and keeps what was typed.
"""

import ipaddress
import logging
import smtplib
import sqlite3
from dataclasses import dataclass

import diskcache
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from python_ipware import ModernIpWare
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .cache import CacheUnavailable

logger = logging.getLogger(__name__)

# What the cache backends raise when they cannot answer; each means "cannot count".
CACHE_ERRORS = (
    CacheUnavailable,
    RedisConnectionError,
    RedisTimeoutError,
    OSError,
    sqlite3.Error,
    diskcache.Timeout,
)
UNAVAILABLE_MESSAGE = _(
    "Die E-Mail konnte gerade nicht verschickt werden, weil unser Mailversand gestört ist. "
    "Ihre Eingaben sind erhalten; bitte versuchen Sie es in einigen Minuten noch einmal."
)


def client_address(request):
    """Return the client's address as the nearest trusted proxy saw it, or None.

    Each of the TRUSTED_PROXY_COUNT proxies in front of the app appends the address it was
    connected from to X-Forwarded-For, so the client is that many places from the end of the
    chain "X-Forwarded-For, REMOTE_ADDR"; whatever the client wrote further left is ignored.
    An IPv6 address is cut to its /64 network, which one household usually gets whole.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    chain = remote
    if proxies:
        chain = f"{request.META.get('HTTP_X_FORWARDED_FOR', '')},{remote}"
    ip, _ = ModernIpWare(precedence=("CHAIN",), proxy_count=proxies).get_client_ip({"CHAIN": chain})
    if ip is None:  # fewer hops than configured: the nearest peer is all we know
        try:
            ip = ipaddress.ip_address(remote)
        except ValueError:
            return None
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


class HoneypotForm(forms.Form):
    """A form with a field that templates hide from people and screen readers; bots that fill
    every field fill it too."""

    website = forms.CharField(
        label=_("Bitte lassen Sie dieses Feld leer"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


@dataclass(frozen=True)
class Limit:
    """At most `count` uses in `window` seconds per identity; `message` says so in German."""

    scope: str
    count: int
    window: int
    message: str

    def allows(self, identity):
        """Count one use by `identity` and return whether it stays within the limit.

        `add` then `incr` are atomic on every backend we configure (Redis, diskcache), so
        all worker processes count against one number; a get-then-set would let parallel
        requests overshoot. Identities are stored as keyed hashes: the cache holds no
        addresses. Raises CacheUnavailable when the cache cannot count.
        """
        digest = salted_hmac("kldigital.abuse.limit", identity.lower()).hexdigest()[:32]
        key = f"limit:{self.scope}:{digest}"
        try:
            for _attempt in range(3):
                cache.add(key, 0, timeout=self.window)
                try:
                    return cache.incr(key) <= self.count
                except ValueError:  # the window ended between add and incr: start anew
                    continue
        except CACHE_ERRORS as error:
            raise CacheUnavailable(f"limit {self.scope}: {error!r}") from error
        raise CacheUnavailable(f"limit {self.scope}: the counter kept vanishing")


class ProtectedFormMixin:
    """For a FormView whose valid form sends a mail: honeypot, limits, mail failures.

    Subclasses say which limits apply (`get_limits`), what to do (`perform`) and how to answer
    success (`done`). A bot that filled the honeypot gets the success answer, so it learns
    nothing, and nothing is sent.
    """

    action_name = "Formular"

    def get_limits(self, form):
        """Return (Limit, identity) pairs, checked in order; the first one exceeded answers."""
        raise NotImplementedError

    def client(self):
        """Return the identity that per-client limits count: the client's address."""
        return client_address(self.request) or "unknown"

    def perform(self, form):
        raise NotImplementedError

    def done(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        if form.is_bot():
            logger.info("%s: honeypot filled, nothing sent", self.action_name)
            return self.done(form)
        try:
            for limit, identity in self.get_limits(form):
                if not limit.allows(identity):
                    return self.too_many(form, limit)
        except CacheUnavailable:
            logger.exception("%s: the limits could not be counted; nothing sent", self.action_name)
            return self.unavailable(form)
        try:
            self.perform(form)
        except (smtplib.SMTPException, OSError):
            logger.exception("%s: the mail could not be sent", self.action_name)
            return self.unavailable(form)
        return self.done(form)

    def too_many(self, form, limit):
        """Answer 429 with the form as typed and the limit's message; nothing is sent."""
        logger.warning("%s: limit %s reached", self.action_name, limit.scope)
        form.add_error(None, limit.message)
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        response["Retry-After"] = str(limit.window)
        return response

    def unavailable(self, form):
        """Answer 503 with the form as typed and a German explanation."""
        form.add_error(None, UNAVAILABLE_MESSAGE)
        response = self.render_to_response(self.get_context_data(form=form), status=503)
        response["Retry-After"] = "300"
        return response
