"""Admin for the statement's facts and for the reported barriers with their deadlines."""

from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.html import format_html

from ..models import AccessibilityStatement, BarrierReport, KnownBarrier


class KnownBarrierInline(admin.StackedInline):
    model = KnownBarrier
    extra = 0


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(admin.ModelAdmin):
    """One statement: it can be changed, not added a second time or deleted."""

    inlines = [KnownBarrierInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "compliance", "review_date", "updated_at"]
    fieldsets = [
        (None, {"fields": ["compliance", "review_date", "review_method"]}),
        ("Feedback", {"fields": ["contact", "contact_email"]}),
        (
            "Schlichtungsverfahren",
            {"fields": ["enforcement_body", "enforcement_address", "enforcement_url"]},
        ),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not AccessibilityStatement.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class OverdueFilter(admin.SimpleListFilter):
    title = "Frist"
    parameter_name = "frist"

    def lookups(self, request, model_admin):
        return [("ueberfaellig", "überfällig"), ("offen", "offen, noch in der Frist")]

    def queryset(self, request, queryset):
        unanswered = queryset.exclude(status=BarrierReport.Status.ANSWERED)
        if self.value() == "ueberfaellig":
            return unanswered.filter(answer_by__lt=timezone.now())
        if self.value() == "offen":
            return unanswered.filter(answer_by__gte=timezone.now())
        return queryset


@admin.register(BarrierReport)
class BarrierReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "page_url", "status", "deadline", "answered_at"]
    list_filter = [OverdueFilter, "status"]
    search_fields = ["page_url", "description", "name", "email"]
    date_hierarchy = "created_at"
    readonly_fields = ["page_url", "description", "name", "email", "created_at", "deadline"]
    fieldsets = [
        ("Meldung", {"fields": ["created_at", "page_url", "description", "name", "email"]}),
        ("Antwort", {"fields": ["deadline", "status", "answered_at", "answer_note"]}),
    ]

    def has_add_permission(self, request):
        return False  # reports come from readers through the form

    @admin.display(description="Antwort bis", ordering="answer_by")
    def deadline(self, report):
        date = f"{timezone.localtime(report.answer_by):%d.%m.%Y}"
        if report.is_overdue():
            return format_html("<strong>{} – überfällig</strong>", date)
        return date
