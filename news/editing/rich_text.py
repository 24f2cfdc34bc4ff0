"""The admin's rich-text editor: German, within the CSP, offering what the sanitiser keeps."""

from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from kldigital.versions import HistoryAdmin

from ..text import BODY_EDITOR_EXTENSIONS, sanitize_html


class RichTextAdmin(HistoryAdmin):
    """An admin with the rich-text editor: its inline import map runs only with the CSP nonce."""

    class Media:
        css = {"all": ["admin/css/prose_editor.css"]}
        js = [
            "admin/js/urlify.js",
            "admin/js/urlify_de.js",  # German slugs wrap Django's
            "admin/js/prose_editor_gettext_de.js",  # the editor's dialogs in German
        ]

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = context["media"].with_nonce(request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)


def rich_text_field(model, required=True):
    """Return the body field with the editor that offers exactly what the sanitiser keeps."""
    return ProseEditorFormField(
        label="Text",
        required=required,
        extensions=BODY_EDITOR_EXTENSIONS,
        sanitize=sanitize_html,
        widget=AdminProseEditorWidget,
        preset="kldigital",  # German, within the CSP: static/admin/js/prose_editor.js
        help_text=model._meta.get_field("body").help_text,
    )
