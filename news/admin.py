from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils.html import format_html
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from reversion.admin import VersionAdmin

from people.admin import TermAdmin
from people.models import Term

from . import services
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
    TermSource,
)
from .printing.admin import ArticlePDFAdminMixin
from .text import BODY_EDITOR_EXTENSIONS, sanitize_html

SUGGESTED_TAG_COUNT = 15


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "order"]
    list_editable = ["order"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("tagged_articles"))

    @admin.display(description="Artikel", ordering="article_count")
    def article_count(self, tag):
        return tag.article_count


class RichTextAdmin(VersionAdmin):
    """An admin with the rich-text editor: its inline import map runs only with the CSP nonce."""

    class Media:
        js = ["admin/js/urlify.js", "admin/js/urlify_de.js"]  # German slugs wrap Django's

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
        self.fields["tags"].help_text = "Mehrere Stichwörter mit Komma trennen." + (
            f" Häufig verwendet: {names}." if names else ""
        )

    def save(self, commit=True):
        self.instance.is_minor_change = self.cleaned_data.get("is_minor_change", False)
        return super().save(commit)


@admin.register(Article)
class ArticleAdmin(ArticlePDFAdminMixin, RichTextAdmin):
    form = ArticleAdminForm
    list_display = ["title", "section", "status", "published_at", "tag_list", "pdf_state"]
    list_filter = ["status", "section", "published_at"]
    list_select_related = ["section"]
    date_hierarchy = "published_at"
    search_fields = ["title", "lead", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["people", "author"]
    inlines = [ExternalLinkInline, RelatedArticleInline, CorrectionInline]
    actions = ["publish", "withdraw", "render_pdf_again"]
    save_on_top = True
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "dateline", "lead", "body", "author_initials", "author"]},
        ),
        ("Bild", {"fields": ["image", "image_caption", "image_alt", "image_credit"]}),
        ("Stichwörter und Einordnung", {"fields": ["tags", "section", "people"]}),
        (
            "Veröffentlichung",
            {
                "fields": ["status", "published_at", "is_minor_change", "pdf_state"],
                "description": "Ein veröffentlichter Artikel mit einem Zeitpunkt in der Zukunft "
                "erscheint automatisch zu diesem Zeitpunkt.",
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="Stichwörter")
    def tag_list(self, article):
        return ", ".join(tag.name for tag in article.tags.all())

    @admin.action(description="Ausgewählte Artikel veröffentlichen", permissions=["change"])
    def publish(self, request, queryset):
        self.apply(request, queryset, services.article_publish, "veröffentlicht")

    @admin.action(description="Ausgewählte Artikel zurückziehen", permissions=["change"])
    def withdraw(self, request, queryset):
        self.apply(request, queryset, services.article_withdraw, "zurückgezogen")

    def apply(self, request, queryset, service, done):
        """Run a publishing service on each article, log it, and tell the editor."""
        articles = list(queryset)
        for article in articles:
            service(article, request.user)
            self.log_change(request, article, done.capitalize())
        self.message_user(request, f"{len(articles)} Artikel {done}.", messages.SUCCESS)


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
class AdSlotAdmin(admin.ModelAdmin):
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
