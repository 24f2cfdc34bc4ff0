"""The review workflow in the article admin: status choices by role, the true state in the list,
the record "Verlauf des Status", the actions, and the mails after each change of status.

An editor without `news.publish_article` can set neither the published status nor, on a
published article, its time, by any route: the form offers only "Entwurf" and "Zur Prüfung",
the actions that publish are hidden and refused, and `save_model` checks again before saving
(a tampered POST, a restored version).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from .. import checks
from ..models import Article
from . import rules as workflow
from .mails import notify_state_change

Status = Article.Status


class ArticleStateListFilter(admin.SimpleListFilter):
    """Filters by what readers see: Entwurf, Zur Prüfung, Geplant, Veröffentlicht."""

    title = "Stand"
    parameter_name = "stand"

    def lookups(self, request, model_admin):
        return [
            ("entwurf", "Entwurf"),
            ("pruefung", "Zur Prüfung"),
            ("geplant", "Geplant"),
            ("veroeffentlicht", "Veröffentlicht"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        return {
            "entwurf": lambda: queryset.filter(status=Status.DRAFT),
            "pruefung": lambda: queryset.filter(status=Status.REVIEW),
            "geplant": lambda: queryset.filter(status=Status.PUBLISHED, published_at__gt=now),
            "veroeffentlicht": lambda: queryset.published(),
        }.get(self.value(), lambda: queryset)()


def workflow_form(base, user, article):
    """Return `base` (the article form) limited to the statuses `user` may choose."""

    class WorkflowArticleForm(base):
        status_note = forms.CharField(
            label="Hinweis zum Status",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text="Geht mit der Änderung des Status per E-Mail an die Chefredaktion "
            "(Zur Prüfung) oder an die Autorin/den Autor (Freigabe, zurück an die Redaktion).",
        )

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if "status" in self.fields:
                self.fields["status"].choices = workflow.status_choices(user, article)
                if (
                    not workflow.can_publish(user)
                    and article
                    and article.status == Status.PUBLISHED
                ):
                    self.fields["status"].disabled = True
                    self.fields["status"].help_text = "Nur die Chefredaktion ändert den Status."
                    if "published_at" in self.fields:
                        self.fields["published_at"].disabled = True

    return WorkflowArticleForm


class ArticleWorkflowAdminMixin:
    """Adds the review workflow to the article admin (see the module's docstring)."""

    workflow_fields = ["state_history"]

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.workflow_fields]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = workflow_form(kwargs.get("form", self.form), request.user, obj)
        return super().get_form(request, obj, change, **kwargs)

    @admin.display(description="Stand", ordering="status")
    def state(self, article):
        return article.state_label()

    @admin.display(description="Verlauf des Status")
    def state_history(self, article):
        if not article.pk:
            return "–"
        changes = article.state_changes.select_related("user")
        if not changes:
            return "Noch keine Änderung des Status."
        rows = format_html_join(
            "",
            '<li><time datetime="{}">{}</time>: {} ({}){}</li>',
            (
                (
                    change.changed_at.isoformat(),
                    timezone.localtime(change.changed_at).strftime("%d.%m.%Y %H:%M"),
                    change_label(change),
                    change.user.get_username() if change.user else "gelöschtes Konto",
                    format_html("<br>Hinweis: {}", change.note) if change.note else "",
                )
                for change in changes
            ),
        )
        return format_html('<ol class="state-history">{}</ol>', rows)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Restoring first writes the old version into the database; remember what was there.
        current = Article.objects.filter(pk=object_id).values("status", "published_at").first()
        request.workflow_before = current
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        request.workflow_before = {"status": Status.DRAFT, "published_at": None}
        return super().recover_view(request, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        before = getattr(request, "workflow_before", None)
        if before is None and change:
            before = Article.objects.filter(pk=obj.pk).values("status", "published_at").first()
        before = before or {"status": Status.DRAFT, "published_at": None}
        user = request.user
        if not workflow.may_change_status(user, before["status"], obj.status):
            raise PermissionDenied("Nur die Chefredaktion darf Artikel freigeben.")
        if before["status"] == Status.PUBLISHED and not workflow.can_publish(user):
            obj.published_at = before["published_at"]  # the time the chief approved stays
        super().save_model(request, obj, form, change)
        note = form.cleaned_data.get("status_note", "")
        change_record = workflow.article_record_state_change(obj, before["status"], user, note)
        if change_record:
            self.notify(request, change_record)

    def notify(self, request, change):
        """Mail those a change of status concerns and tell the editor how it went."""
        sent, error = notify_state_change(change)
        if error is not None:
            self.message_user(
                request,
                f"Der Status von „{change.article}“ ist gespeichert, aber die Benachrichtigung "
                "per E-Mail konnte nicht verschickt werden (Mailserver nicht erreichbar). "
                "Bitte sagen Sie den Beteiligten selbst Bescheid.",
                messages.WARNING,
            )
        elif sent:
            self.message_user(
                request, f"{sent} Benachrichtigung(en) per E-Mail verschickt.", messages.INFO
            )

    def change_status(self, request, queryset, to_status, done):
        """Move each selected article to `to_status`, log it, notify, and tell the editor."""
        moved, held = 0, []
        for article in queryset:
            if to_status == Status.PUBLISHED and checks.blocking_errors(article):
                held.append(str(article))  # what the change form would refuse, the list does too
                continue
            change = workflow.article_change_status(article, to_status, request.user)
            if change is None:
                continue
            moved += 1
            self.log_change(request, article, change_label(change))
            self.notify(request, change)
        self.message_user(request, f"{moved} Artikel {done}.", messages.SUCCESS)
        if held:
            self.message_user(
                request,
                "Nicht freigegeben, weil etwas fehlt, das Leser brauchen (siehe „Hinweise vor dem "
                f"Veröffentlichen“ im Artikel): {', '.join(held)}.",
                messages.ERROR,
            )

    @admin.action(description="Ausgewählte Artikel zur Prüfung geben", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self.change_status(
            request, queryset.filter(status=Status.DRAFT), Status.REVIEW, "zur Prüfung gegeben"
        )

    @admin.action(
        description="Ausgewählte Artikel freigeben und veröffentlichen (oder einplanen)",
        permissions=["publish"],
    )
    def publish(self, request, queryset):
        self.change_status(request, queryset, Status.PUBLISHED, "freigegeben")

    @admin.action(
        description="Ausgewählte Artikel zurück an die Redaktion", permissions=["publish"]
    )
    def send_back(self, request, queryset):
        self.change_status(
            request,
            queryset.filter(status=Status.REVIEW),
            Status.DRAFT,
            "zurück an die Redaktion gegeben",
        )

    @admin.action(description="Ausgewählte Artikel zurückziehen", permissions=["publish"])
    def withdraw(self, request, queryset):
        self.change_status(
            request, queryset.filter(status=Status.PUBLISHED), Status.DRAFT, "zurückgezogen"
        )


def change_label(change):
    """Return a change of status in words, with the publication time it was given."""
    label = workflow.describe(change.from_status, change.to_status, change.published_at)
    if change.published_at:
        label += f" (für {timezone.localtime(change.published_at):%d.%m.%Y %H:%M})"
    return label
