"""The mails of "Barriere melden": the report to the responsible editor, the receipt to the
sender. The receipt goes to an address a stranger typed, so it carries only fixed text and
the page path, never the description, and cannot be used to send someone else a message."""

from email.utils import parseaddr

from django.conf import settings
from django.core.mail import get_connection
from django.urls import reverse
from django.utils.translation import gettext

from kldigital.links import absolute_url
from kldigital.mail import template_mail


def editor_address(statement):
    """Return where reports go: the statement's feedback address, else the portal's sender."""
    return statement.contact_email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def barrier_report_send_mails(report, statement):
    """Mail `report` to the responsible editor and, if the sender gave an address, a receipt.

    Both go over one connection, so a dead mail server costs one timeout. Raises
    smtplib.SMTPException or OSError when the mail server fails.
    """
    context = {
        "report": report,
        "page_url": absolute_url(report.page_url) if report.page_url else "",
        "admin_url": absolute_url(reverse("admin:news_barrierreport_change", args=[report.pk])),
        "statement_url": absolute_url(statement.get_absolute_url()),
    }
    headers = {"Reply-To": report.email} if report.email else None
    mails = [
        template_mail(
            f"Barriere gemeldet: {report.page_url or 'ohne Seitenangabe'}",
            "news/accessibility/report_mail",
            context,
            editor_address(statement),
            headers=headers,
        )
    ]
    if report.email:
        mails.append(
            template_mail(
                gettext("Ihre Meldung an {site} ist eingegangen").format(site=settings.SITE_NAME),
                "news/accessibility/receipt_mail",
                context,
                report.email,
            )
        )
    with get_connection() as connection:
        connection.send_messages(mails)
