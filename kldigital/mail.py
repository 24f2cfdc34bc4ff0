"""Outgoing mail: every mail is a plain-text part and an HTML alternative, from one pair of
templates (`<name>.txt`, `<name>.html`) rendered with the same context."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def template_mail(subject, template_name, context, to, headers=None, connection=None):
    """Return an unsent mail to `to` built from `template_name`.txt and `template_name`.html.

    Both templates also get `site_name` and `site_url`. The subject is folded onto one line,
    so that no text typed by anyone can add a header. Sending raises smtplib.SMTPException or
    OSError when the mail server fails.
    """
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"{template_name}.txt", context),
        to=[to],
        headers={"Auto-Submitted": "auto-generated", **(headers or {})},
        connection=connection,
    )
    message.attach_alternative(render_to_string(f"{template_name}.html", context), "text/html")
    return message
