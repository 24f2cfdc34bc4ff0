import reversion
from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.html import format_html
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from django_tasks_db.models import DBTaskResult
from taggit.models import Tag as TaggitTag

from kldigital.versions import HistoryAdmin
from people.admin import TermAdmin
from people.models import Term

from . import (
    tagging,
)
from .accessibility import admin as accessibility_admin  # noqa: F401  (registers its models)
from .editing.checks_admin import ArticleChecksAdminMixin
from .editing.image_admin import ArticleImageAdminMixin
from .editing.versions_admin import ArticleVersionsAdminMixin
from .models import (
    AdSlot,
    Article,
    Correction,
    EasyReadVersion,
    ExternalLink,
    NewsletterDelivery,
    Page,
    RelatedArticle,
    Section,
    SignLanguageVideo,
    Subscription,
    Tag,
    TaggedArticle,
    TermSource,
)
from .printing.admin import ArticlePDFAdminMixin
from .text import BODY_EDITOR_EXTENSIONS, sanitize_html
from .workflow import schedule  # noqa: F401  (registers the overview "Geplante Meldungen")
from .workflow.admin import ArticleStateListFilter, ArticleWorkflowAdminMixin

SUGGESTED_TAG_COUNT = 15

# A tag's or an article's version keeps which articles carry which tag.
reversion.register(TaggedArticle)
reversion.register(Tag, follow=["tagged_articles"])


@admin.register(Section)
class SectionAdmin(HistoryAdmin):
    list_display = ["title", "order"]
    list_editable = ["order"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Tag)
class TagAdmin(HistoryAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles"))

    @admin.display(description="Artikel", ordering="article_count")
    def article_count(self, tag):
        return tag.article_count


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


class PageAdminForm(forms.ModelForm):
    body = rich_text_field(Page)

    class Meta:
        model = Page
        fields = "__all__"


@admin.register(Page)
class PageAdmin(RichTextAdmin):
    form = PageAdminForm
    list_display = ["title", "slug", "show_in_footer", "order", "updated_at"]
    list_editable = ["show_in_footer", "order"]
    prepopulated_fields = {"slug": ["title"]}


class ExternalLinkInline(admin.TabularInline):
    model = ExternalLink
    extra = 1
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "from_article"
    autocomplete_fields = ["to_article"]
    extra = 1
    verbose_name = "Weitere Meldung (von Hand gewählt)"
    verbose_name_plural = (
        "Weitere Meldungen – fehlende Plätze füllt die Website mit passenden Artikeln"
    )


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["published_at", "text"]
    verbose_name_plural = (
        "Korrekturen – erscheinen datiert unter dem Artikel, im PDF und auf der Seite Korrekturen"
    )


class ArticleAdminForm(forms.ModelForm):
    body = rich_text_field(Article, required=False)
    is_minor_change = forms.BooleanField(
        label="Kleine Änderung (Tippfehler)",
        required=False,
        help_text="Ankreuzen, wenn sich für Leser nichts Wesentliches ändert: Dann bleibt "
        "„Aktualisiert am“ wie es ist. Inhaltliche Fehler bitte als Korrektur vermerken.",
    )

    class Meta:
        model = Article
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        common = Tag.objects.annotate(uses=Count("tagged_articles")).order_by("-uses", "name")
        names = ", ".join(tag.name for tag in common[:SUGGESTED_TAG_COUNT])
        # The admin shows help texts unescaped; tag names are editors' input.
        self.fields["tags"].help_text = "Mehrere Stichwörter mit Komma trennen." + (
            format_html(" Häufig verwendet: {}.", names) if names else ""
        )

    def save(self, commit=True):
        self.instance.is_minor_change = self.cleaned_data.get("is_minor_change", False)
        return super().save(commit)

    def clean_tags(self):
        return tagging.canonical_tag_names(self.cleaned_data["tags"], Tag.objects)


@admin.register(Article)
class ArticleAdmin(
    ArticleWorkflowAdminMixin,
    ArticleChecksAdminMixin,
    ArticleVersionsAdminMixin,
    ArticleImageAdminMixin,
    ArticlePDFAdminMixin,
    RichTextAdmin,
):
    form = ArticleAdminForm
    list_display = ["title", "section", "state", "published_at", "tag_list", "pdf_state"]
    list_filter = [ArticleStateListFilter, "section", "published_at"]
    list_select_related = ["section"]
    date_hierarchy = "published_at"
    search_fields = ["title", "lead", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["people", "author"]
    inlines = [ExternalLinkInline, RelatedArticleInline, CorrectionInline]
    actions = ["submit_for_review", "publish", "send_back", "withdraw", "render_pdf_again"]
    save_on_top = True
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "dateline", "lead", "body", "author_initials", "author"]},
        ),
        (
            "Bild",
            {
                "fields": [
                    "image",
                    "image_caption",
                    "image_alt",
                    "image_credit",
                    "image_focus_picker",
                    ("image_focus_x", "image_focus_y"),
                    "image_renditions_preview",
                ]
            },
        ),
        ("Stichwörter und Einordnung", {"fields": ["tags", "section", "people"]}),
        (
            "Veröffentlichung",
            {
                "fields": [
                    "status",
                    "published_at",
                    "status_note",
                    "is_minor_change",
                    "pdf_state",
                    "state_history",
                ],
                "description": "Die Redaktion gibt Artikel zur Prüfung, die Chefredaktion gibt "
                "sie frei. Ein freigegebener Artikel mit einem Zeitpunkt in der Zukunft ist "
                "geplant und erscheint automatisch zu diesem Zeitpunkt.",
            },
        ),
    ]

    def reversion_register(self, model, **options):
        if model is Article:
            options["follow"] = (*options.get("follow", ()), "tagged_items")
        super().reversion_register(model, **options)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="Stichwörter")
    def tag_list(self, article):
        return ", ".join(tag.name for tag in article.tags.all())


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "created_at", "confirmed_at", "last_sent_at"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter), "sections"]
    search_fields = ["email"]
    fields = ["email", "sections", "created_at", "confirmed_at", "notice_sent_at", "last_sent_at"]
    readonly_fields = ["email", "created_at", "confirmed_at", "notice_sent_at", "last_sent_at"]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}

    def has_add_permission(self, request):
        return False  # only the reader's own confirmation creates a subscription (double opt-in)


@admin.register(NewsletterDelivery)
class NewsletterDeliveryAdmin(admin.ModelAdmin):
    """Read-only: the record that keeps an article from going twice to one address."""

    list_display = ["article", "subscription", "claimed_at", "sent_at"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subscription__email", "article__title"]
    list_select_related = ["article", "subscription"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AdSlot)
class AdSlotAdmin(HistoryAdmin):
    list_display = ["name", "placement", "start_date", "end_date", "is_running"]
    list_filter = ["placement"]
    search_fields = ["name", "target_url"]
    fields = [
        "name",
        "placement",
        "image",
        "preview",
        "image_alt",
        "target_url",
        "start_date",
        "end_date",
    ]
    readonly_fields = ["preview"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description="Läuft heute", boolean=True)
    def is_running(self, ad):
        return ad.is_current()

    @admin.display(description="Vorschau")
    def preview(self, ad):
        if not ad.image:
            return "–"
        return format_html('<img src="{}" alt="{}" width="300">', ad.image.url, ad.image_alt)


class TermSourceInline(admin.StackedInline):
    """Lets an editor pick, on a term's page, the article that reports the term."""

    model = TermSource
    autocomplete_fields = ["article"]
    verbose_name = "Quelle"
    verbose_name_plural = "Quelle"


# people does not know news: its term page gains the source inline here, on the news side.
admin.site.unregister(Term)


@admin.register(Term)
class TermWithSourceAdmin(TermAdmin):
    inlines = [*TermAdmin.inlines, TermSourceInline]


# Each thing once in the menu: "Stichwörter" above are the tags editors manage, and a PDF's
# state shows on its article, so taggit's tag list and the raw task results are not offered.
admin.site.unregister(TaggitTag)
admin.site.unregister(DBTaskResult)


# Leichte Sprache and sign language (BITV 2.0 §4): an article's version in Leichte Sprache
# is kept under the article, a page's DGS video under the page.
class EasyReadVersionForm(forms.ModelForm):
    body = rich_text_field(EasyReadVersion)

    class Meta:
        model = EasyReadVersion
        fields = ["title", "lead", "body", "is_demo"]


class EasyReadVersionInline(admin.StackedInline):
    model = EasyReadVersion
    form = EasyReadVersionForm
    extra = 0
    max_num = 1
    verbose_name = verbose_name_plural = (
        "Leichte Sprache – eigene Fassung: kurze Sätze, ein Gedanke pro Zeile; "
        "sie erscheint mit der Meldung"
    )


class SignLanguageVideoInline(admin.StackedInline):
    model = SignLanguageVideo
    extra = 0
    max_num = 1
    fields = ["video", "captions", "poster", "poster_alt", "duration_seconds", "is_demo"]
    verbose_name = verbose_name_plural = "Video in Deutscher Gebärdensprache (DGS)"


ArticleAdmin.inlines = [*ArticleAdmin.inlines, EasyReadVersionInline]
PageAdmin.inlines = [*PageAdmin.inlines, SignLanguageVideoInline]
PageAdmin.list_display = [*PageAdmin.list_display, "is_easy_read"]
PageAdmin.list_filter = [*PageAdmin.list_filter, "is_easy_read"]
