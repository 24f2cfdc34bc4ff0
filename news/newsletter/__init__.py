"""The newsletter ("Aboverwaltung"): sign-up with double opt-in, management, one-click
unsubscribe, and the mailing of new articles.

- No enumeration: every sign-up and every "Abonnement kündigen" request gets the same reply,
  whether the address is new, pending or confirmed. At most one mail a day goes to an
  address (`Subscription.notice_sent_at`); an unconfirmed address only ever gets the
  confirmation mail.
- Links carry signed tokens (django.core.signing) naming the subscription: the confirmation
  link expires after NEWS_NEWSLETTER_CONFIRM_DAYS, the subscriber link (management and
  unsubscribe, in every newsletter) does not, so unsubscribing from an old mail still works.
  A subscription that is gone makes every old token void; tampering breaks the signature.
- Confirming and unsubscribing happen on POST only: mail scanners that follow links must not
  subscribe or unsubscribe anyone. The unsubscribe POST is the RFC 8058 one-click target that
  mail providers call without cookies, so it alone is exempt from CSRF; its token authorises it.
- Pages with a form or a token are never cached: they hold a CSRF token or show the state of
  one subscription.
- Consent is the time the confirmation was posted, kept in `confirmed_at`. Unsubscribing
  deletes the address and its delivery records.
- Sending (`newsletter_send`): see `subscription_deliver` for why an article never goes
  twice to one address, even when a run is killed.

Modules, in the order a request meets them: `views` (the pages and their forms), `forms`,
`services` (sign-up, confirmation, purge and the sending run), `mails` (what goes out) and
`tokens` (the signed links in the mails). Honeypot, limits and the 429/503 answers come from
`kldigital.abuse`, the mails' plain-text and HTML parts from `kldigital.mail`.
"""

from .services import (
    cancellation_request,
    newsletter_send,
    subscription_confirm,
    subscription_deliver,
    subscription_pending_articles,
    subscription_request,
    subscriptions_purge,
    unconfirmed_deliveries,
)
from .tokens import confirm_token, confirm_url, manage_url, subscriber_token, unsubscribe_url

__all__ = [
    "cancellation_request",
    "confirm_token",
    "confirm_url",
    "manage_url",
    "newsletter_send",
    "subscriber_token",
    "subscription_confirm",
    "subscription_deliver",
    "subscription_pending_articles",
    "subscription_request",
    "subscriptions_purge",
    "unconfirmed_deliveries",
    "unsubscribe_url",
]
