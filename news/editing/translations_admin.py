"""Translations in the admin: written under the article (inline) or on a page of their own
with the German original beside them. Only those who may publish release a translation.

Releasing makes a translation public with its published article, so it needs the same
right as publishing (`news.publish_article`): for everyone else "Freigegeben" is shown, not
offered, and a field that is not in the form cannot be set by a tampered request either.
Versions keep a translation's text but not its release: restoring one (the article's or the
translation's) leaves the translation unreleased until a chief editor releases it again.
"""

import reversion
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..models import ArticleTranslation
from ..text import sanitize_html
from ..workflow import can_publish
from .rich_text import RichTextAdmin, rich_text_field

# Before the admins below register it themselves, without the exclusion.
reversion.register(ArticleTranslation, exclude=["is_released"])

TRANSLATION_FIELDS = [
    "language",
    "title",
    "slug",
    "lead",
    "body",
    "image_alt",
    "image_caption",
    "translator",
    "is_demo",
    "is_released",
]


class ArticleTranslationForm(forms.ModelForm):
    body = rich_text_field(ArticleTranslation, required=False)
    editor = None  # the user saving, set per request by translation_form()

    class Meta:
        model = ArticleTranslation
        fields = TRANSLATION_FIELDS

    def clean(self):
        # Moving a released translation to another language or article would publish its
        # text there: that is releasing, so it is the chief editors' too.
        data = super().clean()
        moved = {"article", "language"} & set(self.changed_data)
        if moved and self.instance.pk and self.instance.is_released:
            if self.editor is None or not can_publish(self.editor):
                raise ValidationError(
                    "Eine freigegebene Übersetzung wechselt Sprache oder Meldung nur durch "
                    "die Chefredaktion."
                )
        return data

    def save(self, commit=True):
        if self.editor is not None and self.has_changed():
            self.instance.updated_by = self.editor
        return super().save(commit)


def translation_form(user):
    return type("ArticleTranslationForm", (ArticleTranslationForm,), {"editor": user})


class ReleaseRightsMixin:
    """Shows "Freigegeben" read-only to those who may not publish; records who edited."""

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj)]
        if not can_publish(request.user):
            readonly.append("is_released")
        return readonly


class ArticleTranslationInline(ReleaseRightsMixin, admin.StackedInline):
    model = ArticleTranslation
    form = ArticleTranslationForm
    extra = 0
    show_change_link = True  # "Ändern": the translation beside its German original
    verbose_name = "Übersetzung"
    verbose_name_plural = (
        "Übersetzungen – Englisch, Arabisch, Ukrainisch; sie erscheinen, wenn die "
        "Chefredaktion sie freigibt und die Meldung veröffentlicht ist"
    )

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = translation_form(request.user)
        return super().get_formset(request, obj, **kwargs)


@admin.register(ArticleTranslation)
class ArticleTranslationAdmin(ReleaseRightsMixin, RichTextAdmin):
    form = ArticleTranslationForm
    list_display = ["title", "language", "article", "is_released", "is_demo", "updated_at"]
    list_filter = ["language", "is_released", "is_demo"]
    list_select_related = ["article"]
    search_fields = ["title", "lead", "article__title"]
    autocomplete_fields = ["article"]
    readonly_fields = ["original", "updated_by", "updated_at"]
    fieldsets = [
        ("Deutsches Original (zum Vergleich)", {"fields": ["article", "original"]}),
        (
            "Übersetzung",
            {"fields": [*TRANSLATION_FIELDS, "updated_by", "updated_at"]},
        ),
    ]

    class Media:
        css = {"all": ["admin/css/translation.css"]}  # original and translation side by side

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = translation_form(request.user)
        return super().get_form(request, obj, change, **kwargs)

    @admin.display(description="Original")
    def original(self, obj):
        article = obj.article if obj and obj.article_id else None
        if article is None:
            return "Erst die Meldung wählen und sichern: dann steht hier ihr deutscher Text."
        # Every plain-text field is escaped; the body was cleaned by the sanitiser on save
        # and is cleaned again here, so only the allow-listed markup reaches the admin.
        return format_html(
            '<div class="translation-original" lang="de"><h2>{}</h2><p><strong>{}</strong></p>'
            "{}{}</div>",
            article.title,
            article.lead,
            mark_safe(sanitize_html(article.body)),  # noqa: S308  (sanitised just above)
            format_html(
                "<p>Bild: {} – Alternativtext: {} – Bildunterschrift: {}</p>",
                article.image.name,
                article.image_alt,
                article.image_caption,
            )
            if article.image
            else "",
        )
