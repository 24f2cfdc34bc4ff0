"""Show the checks before publishing in the article admin: notes atop the form, after saving.

Blocking findings become field errors through `Article.clean()` when the article goes public.
"""

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join

from ..checks import findings_for_article

NOTES_TITLE = "Hinweise vor dem Veröffentlichen"


class ArticleChecksAdminMixin:
    """Lists the stored article's findings atop its form and reports them after each save."""

    checks_fields = ["prepublish_notes"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.checks_fields]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [(NOTES_TITLE, {"fields": self.checks_fields}), *fieldsets]

    @admin.display(description="Zu prüfen")
    def prepublish_notes(self, article):
        findings = findings_for_article(article)
        if not findings:
            return "Keine Hinweise: Alternativtext, Gliederung, Links und Längen sind in Ordnung."
        return format_html(
            '<ul class="prepublish-notes">{}</ul>',
            format_html_join(
                "",
                "<li><strong>{}</strong> – {}: {}</li>",
                ((level_label(f), field_label(article, f.field), f.message) for f in findings),
            ),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for finding in findings_for_article(obj):
            label = f"{level_label(finding)} – {field_label(obj, finding.field)}"
            messages.warning(request, f"{label}: {finding.message}")


def level_label(finding):
    return "Vor dem Veröffentlichen beheben" if finding.is_blocking else "Hinweis"


def field_label(article, field_name):
    return str(article._meta.get_field(field_name).verbose_name)
