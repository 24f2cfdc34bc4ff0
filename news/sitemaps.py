from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef, Subquery

from .models import Article, EasyReadVersion, Page, Section, Tag, TaggedArticle


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "published_at", "content_updated_at")

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
