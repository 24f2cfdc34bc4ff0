from django.contrib import admin

from .models import Article, ExternalLink, RelatedArticle, Section, Tag


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ExternalLinkInline(admin.TabularInline):
    model = ExternalLink
    extra = 1


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "from_article"
    autocomplete_fields = ["to_article"]
    extra = 1


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "section", "status", "published_at"]
    list_filter = ["status", "section", "published_at"]
    date_hierarchy = "published_at"
    search_fields = ["title", "lead", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["people"]
    inlines = [ExternalLinkInline, RelatedArticleInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dateline", "lead", "body", "author_initials"]}),
        ("Bild", {"fields": ["image", "image_caption", "image_alt", "image_credit"]}),
        ("Einordnung", {"fields": ["section", "tags", "people"]}),
        ("Veröffentlichung", {"fields": ["status", "published_at"]}),
    ]
