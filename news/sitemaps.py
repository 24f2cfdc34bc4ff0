from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.utils.translation import get_language

from .models import (
    Article,
    ArticleTranslation,
    EasyReadVersion,
    Page,
    Section,
    Tag,
    TaggedArticle,
)


class ArticleSitemap(Sitemap):
    """Every published article, and each of its public translations with hreflang alternates.

    An article's alternates are the languages it really has: German and its released
    translations, never an address that would only show the German fallback.
    """

    changefreq = "weekly"
    priority = 0.8
    i18n = True
    alternates = True

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "published_at", "content_updated_at")
            .prefetch_related(
                Prefetch(
                    "translations",
                    queryset=ArticleTranslation.objects.filter(is_released=True).only(
                        "article_id", "language", "slug"
                    ),
                    to_attr="released_translations",
                )
            )
        )

    def get_languages_for_item(self, article):
        return [
            settings.LANGUAGE_CODE,
            *(translation.language for translation in article.released_translations),
        ]

    def location(self, article):
        language = get_language()
        for translation in article.released_translations:
            if translation.language == language:
                return translation.get_absolute_url()
        return article.get_absolute_url()

    def lastmod(self, article):
        """Return the last change readers saw, not the last save (a typo fix, a demo load)."""
        return article.content_updated_at or article.published_at


class SectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        newest = (
            Article.objects.published()
            .filter(section=OuterRef("pk"))
            .order_by("-content_updated_at")
            .values("content_updated_at")[:1]
        )
        return Section.objects.annotate(newest_change=Subquery(newest))

    def lastmod(self, section):
        return section.newest_change


class TagSitemap(Sitemap):
    """Tags that have at least one published article; an empty tag page is not worth a visit."""

    changefreq = "weekly"
    priority = 0.4

    def items(self):
        published = Article.objects.published().values("pk")
        return Tag.objects.filter(
            Exists(TaggedArticle.objects.filter(tag=OuterRef("pk"), content_object__in=published))
        ).order_by("name")


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return Page.objects.all()

    def lastmod(self, page):
        return page.updated_at


class EasyReadSitemap(Sitemap):
    """The Leichte-Sprache versions of published articles."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return EasyReadVersion.objects.published().select_related("article")

    def lastmod(self, version):
        return version.updated_at
