import reversion
from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.html import format_html
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
from .editing.easy_read_inlines import EasyReadVersionInline, SignLanguageVideoInline
from .editing.image_admin import ArticleImageAdminMixin
from .editing.people_field import NamedPeopleForm
from .editing.rich_text import RichTextAdmin, rich_text_field
from .editing.translations_admin import ArticleTranslationInline
from .editing.versions_admin import ArticleVersionsAdminMixin
from .models import (
    AdSlot,
    Article,
    Correction,
    ExternalLink,
    Mention,
    Page,
    RelatedArticle,
    Section,
    Tag,
    TaggedArticle,
    TermSource,
)
from .newsletter import admin as newsletter_admin  # noqa: F401  (registers its models)
from .printing.admin import ArticlePDFAdminMixin
from .workflow import schedule  # noqa: F401  (registers the overview "Geplante Meldungen")
from .workflow.admin import ArticleStateListFilter, ArticleWorkflowAdminMixin

SUGGESTED_TAG_COUNT = 15

# A tag's or an article's version keeps which articles carry which tag; an article's, whom
# it names (and so does a person's last version before deletion, kldigital.versions).
reversion.register(TaggedArticle)
reversion.register(Mention)
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


class PageAdminForm(forms.ModelForm):
    body = rich_text_field(Page)

    class Meta:
        model = Page
        fields = "__all__"


@admin.register(Page)
class PageAdmin(RichTextAdmin):
    form = PageAdminForm
    list_display = ["title", "slug", "show_in_footer", "order", "updated_at", "is_easy_read"]
    list_editable = ["show_in_footer", "order"]
    list_filter = ["is_easy_read"]
    inlines = [SignLanguageVideoInline]
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


class ArticleAdminForm(NamedPeopleForm):
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
    autocomplete_fields = ["author"]
    inlines = [
        ExternalLinkInline,
        RelatedArticleInline,
        CorrectionInline,
        EasyReadVersionInline,
        ArticleTranslationInline,
    ]
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
        ("Stichwörter und Einordnung", {"fields": ["tags", "section", "named_people"]}),
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
            options["follow"] = (*options.get("follow", ()), "tagged_items", "mentions")
        super().reversion_register(model, **options)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="Stichwörter")
    def tag_list(self, article):
        return ", ".join(tag.name for tag in article.tags.all())


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
