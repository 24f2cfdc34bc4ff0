"""The accessibility statement page and the "Barriere melden" form."""

import logging
import smtplib
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from kldigital.abuse import Limit, ProtectedFormMixin

from ..models import AccessibilityStatement, BarrierReport, Page
from ..models.accessibility import STATEMENT_PAGE_SLUG
from .forms import BarrierReportForm, same_site_path
from .mails import barrier_report_send_mails

logger = logging.getLogger(__name__)

STATEMENT_TITLE = _("Erklärung zur Barrierefreiheit")
RECEIVED_MESSAGE = _("Vielen Dank! Ihre Meldung ist bei uns eingegangen.")
RECEIPT_SENT_MESSAGE = _("Eine Bestätigung ist an Ihre E-Mail-Adresse unterwegs.")
MAIL_FAILED_MESSAGE = _(
    "Ihre Meldung ist gespeichert und die Redaktion sieht sie. Wegen einer Störung unseres "
    "Mailversands konnten wir die Redaktion und Sie aber gerade nicht per E-Mail benachrichtigen."
)
IP_LIMIT_MESSAGE = _(
    "Von Ihrem Internetanschluss wurden in letzter Zeit schon viele Barrieren gemeldet. "
    "Bitte versuchen Sie es später noch einmal oder schreiben Sie uns eine E-Mail."
)
ADDRESS_LIMIT_MESSAGE = _(
    "An diese E-Mail-Adresse wurden heute schon mehrere Bestätigungen verschickt. "
    "Bitte versuchen Sie es morgen noch einmal oder lassen Sie das Feld leer."
)


class AccessibilityStatementView(TemplateView):
    """The statement: the standing page's text as intro, then the facts editors keep."""

    template_name = "news/accessibility/statement.html"

    def get_context_data(self, **kwargs):
        statement = AccessibilityStatement.load()
        # The statement is required by law: it stands even if the intro page was deleted.
        page = Page.objects.filter(slug=STATEMENT_PAGE_SLUG).first()
        return super().get_context_data(
            title=page.title if page else STATEMENT_TITLE,
            intro=page.body if page else "",
            statement=statement,
            known_barriers=list(statement.known_barriers.all()),
            **kwargs,
        )


class BarrierReportView(ProtectedFormMixin, FormView):
    """The form "Barriere melden": stores the report, then mails the editor and the sender.

    The report is stored before any mail is sent, so a broken mail server loses nothing: the
    reader is told it arrived and that the mails failed, and the admin shows it all the same.
    """

    action_name = "Barriere melden"
    template_name = "news/accessibility/report.html"
    form_class = BarrierReportForm

    def get_initial(self):
        return {"page_url": same_site_path(self.request.GET.get("seite", "")) or ""}

    def get_limits(self, form):
        ip_count, ip_window = settings.NEWS_BARRIER_REPORT_IP_LIMIT
        limits = [(Limit("barrier-ip", ip_count, ip_window, IP_LIMIT_MESSAGE), self.client())]
        if form.cleaned_data["email"]:
            count, window = settings.NEWS_BARRIER_REPORT_ADDRESS_LIMIT
            limits.append(
                (
                    Limit("barrier-address", count, window, ADDRESS_LIMIT_MESSAGE),
                    form.cleaned_data["email"],
                )
            )
        return limits

    def perform(self, form):
        data = form.cleaned_data
        report = BarrierReport.objects.create(
            page_url=data["page_url"],
            description=data["description"],
            name=data["name"],
            email=data["email"],
        )
        self.mail_failed = False
        try:
            barrier_report_send_mails(report, AccessibilityStatement.load())
        except (smtplib.SMTPException, OSError):
            logger.exception("Barriere melden: report %s stored, mails not sent", report.pk)
            self.mail_failed = True

    def done(self, form):
        if getattr(self, "mail_failed", False):
            messages.warning(self.request, f"{RECEIVED_MESSAGE} {MAIL_FAILED_MESSAGE}")
        elif form.cleaned_data.get("email"):
            messages.success(self.request, f"{RECEIVED_MESSAGE} {RECEIPT_SENT_MESSAGE}")
        else:
            messages.success(self.request, RECEIVED_MESSAGE)
        target = reverse("news:barrier-report-received")
        page = form.cleaned_data.get("page_url")
        return redirect(f"{target}?seite={quote(page)}" if page else target)


class BarrierReportReceivedView(TemplateView):
    """The answer after a report: when to expect a reply, and the way back to the page."""

    template_name = "news/accessibility/report_received.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            back_url=same_site_path(self.request.GET.get("seite", "")), **kwargs
        )
