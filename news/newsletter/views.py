"""The newsletter's pages: sign-up, cancellation request, confirmation, the subscriber's page
and one-click unsubscribe."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from kldigital.abuse import Limit, ProtectedFormMixin

from ..models import Section, Subscription
from .forms import CancellationForm, SectionsForm, SubscriptionForm
from .services import cancellation_request, subscription_confirm, subscription_request
from .tokens import CONFIRM_SALT, SUBSCRIBER_SALT, BadToken, read_token

IP_LIMIT_MESSAGE = _(
    "Von Ihrem Internetanschluss kamen in letzter Zeit sehr viele Anmeldungen. "
    "Bitte versuchen Sie es später noch einmal."
)


class NewsletterRequestMixin(ProtectedFormMixin):
    """The two forms that may send a mail: one limit per client address for both."""

    action_name = "Newsletter"
    success_url_name = None

    def get_limits(self, form):
        count, window = settings.NEWS_NEWSLETTER_IP_LIMIT
        return [(Limit("newsletter-ip", count, window, IP_LIMIT_MESSAGE), self.client())]

    def done(self, form):
        return redirect(self.success_url_name)


@method_decorator(never_cache, name="dispatch")
class NewsletterView(NewsletterRequestMixin, FormView):
    """ "Aboverwaltung": sign up for the newsletter of some sections."""

    template_name = "news/newsletter/subscribe.html"
    form_class = SubscriptionForm
    success_url_name = "news:newsletter-requested"

    def get_initial(self):
        return {"sections": list(Section.objects.all()), "language": get_language()}

    def get_context_data(self, **kwargs):
        kwargs["purge_days"] = settings.NEWS_NEWSLETTER_UNCONFIRMED_DAYS
        return super().get_context_data(**kwargs)

    def perform(self, form):
        data = form.cleaned_data
        language = data["language"] or get_language()
        subscription_request(data["email"], data["sections"], language)


@method_decorator(never_cache, name="dispatch")
class NewsletterCancelView(NewsletterRequestMixin, FormView):
    """ "Abonnement kündigen": ask for the unsubscribe link by mail."""

    template_name = "news/newsletter/cancel.html"
    form_class = CancellationForm
    success_url_name = "news:newsletter-cancel-requested"

    def perform(self, form):
        cancellation_request(form.cleaned_data["email"])


class NewsletterRequestedView(TemplateView):
    """The same neutral answer to every sign-up or cancellation request."""

    template_name = "news/newsletter/requested.html"


class TokenMixin:
    """Resolves the token in the URL to a subscription, or answers with a friendly error page."""

    salt = SUBSCRIBER_SALT

    def token_max_age(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        try:
            pk = read_token(kwargs["token"], self.salt, self.token_max_age())
        except BadToken as error:
            return self.bad_link(expired=error.expired)
        self.subscription = Subscription.objects.filter(pk=pk).first()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.update(subscription=self.subscription, token=self.kwargs["token"])
        return super().get_context_data(**kwargs)

    def bad_link(self, expired=False):
        """Answer a forged, damaged or expired link with an explanation; nothing changes."""
        return TemplateResponse(
            self.request, "news/newsletter/bad_link.html", {"expired": expired}, status=400
        )


@method_decorator(never_cache, name="dispatch")
class NewsletterConfirmView(TokenMixin, TemplateView):
    """The link in the confirmation mail: GET asks, POST records the consent."""

    template_name = "news/newsletter/confirm.html"
    salt = CONFIRM_SALT

    def token_max_age(self):
        return timedelta(days=settings.NEWS_NEWSLETTER_CONFIRM_DAYS)

    def get(self, request, *args, **kwargs):
        if self.subscription is None:  # purged or unsubscribed meanwhile
            return self.bad_link(expired=True)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.subscription is None:
            return self.bad_link(expired=True)
        subscription_confirm(self.subscription)
        return self.render_to_response(self.get_context_data(confirmed=True))


@method_decorator(never_cache, name="dispatch")
class NewsletterManageView(TokenMixin, FormView):
    """The subscriber's page: change the sections, or go on to unsubscribe."""

    template_name = "news/newsletter/manage.html"
    form_class = SectionsForm

    def get(self, request, *args, **kwargs):
        if self.subscription is None:
            return self.gone()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.subscription is None:
            return self.gone()
        return super().post(request, *args, **kwargs)

    def gone(self):
        return TemplateResponse(
            self.request, "news/newsletter/unsubscribe.html", {"unsubscribed": True}
        )

    def get_initial(self):
        return {
            "sections": list(self.subscription.sections.all()),
            "language": self.subscription.language,
        }

    def form_valid(self, form):
        self.subscription.sections.set(form.cleaned_data["sections"])
        if form.cleaned_data["language"]:
            self.subscription.language = form.cleaned_data["language"]
            self.subscription.save(update_fields=["language"])
        messages.success(self.request, _("Ihre Auswahl ist gespeichert."))
        return redirect("news:newsletter-manage", token=self.kwargs["token"])


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class NewsletterUnsubscribeView(TokenMixin, TemplateView):
    """ "Abonnement kündigen" from a mail: GET shows a button, POST unsubscribes at once.

    The POST is also the RFC 8058 one-click target named in List-Unsubscribe: mail providers
    send it without cookies, which is why this view alone is exempt from CSRF. The signed
    token in the URL is what authorises it, and the worst a forged request could do with a
    valid token is what the link's owner may do anyway.
    """

    template_name = "news/newsletter/unsubscribe.html"

    def get(self, request, *args, **kwargs):
        if self.subscription is None:
            return self.render_to_response(self.get_context_data(unsubscribed=True))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.subscription is not None:
            self.subscription.delete()
        return self.render_to_response(self.get_context_data(unsubscribed=True))
