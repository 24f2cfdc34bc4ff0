from datetime import date

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, MonthArchiveView, YearArchiveView

from people.models import Person

from . import languages
from .models import Article, Correction, EasyReadVersion, ExternalLink, Page, Section, Tag


class LatestArticlesMixin:
    """Adds the sidebar's "Aktuelle Meldungen" to a page, translated titles where there are."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = Article.objects.published().for_teasers()[: settings.NEWS_LATEST_COUNT]
        if languages.current_language() != languages.ORIGINAL:
            latest = languages.read_teasers(latest)
        context["latest_articles"] = latest
        return context


class ArticleListMixin(LatestArticlesMixin):
    """Shared settings of every public article list: published teasers, paginated."""

    template_name = "news/article_list.html"
    heading = _("Aktuelle Meldungen")

    def get_queryset(self):
        return Article.objects.published().for_teasers()

    def get_paginate_by(self, queryset):
        return settings.NEWS_PAGE_SIZE

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.get_heading(), **kwargs)

    def get_heading(self):
        return self.heading


class ArticleListView(ArticleListMixin, ListView):
    """The start page: the newest articles and, on the first page, the section "Leichte Sprache"."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            context["easy_read_pages"] = Page.objects.filter(is_easy_read=True).select_related(
                "sign_language_video"
            )
            context["easy_read_versions"] = EasyReadVersion.objects.published().select_related(
                "article"
            )[: settings.NEWS_LATEST_COUNT]
        return context


class SectionArticleListView(ArticleListMixin, ListView):
    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, feed_owner=self.section, **kwargs)

    def get_heading(self):
        return self.section.title


class TagArticleListView(ArticleListMixin, ListView):
    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, feed_owner=self.tag, **kwargs)

    def get_heading(self):
        return gettext("Stichwort: {tag}").format(tag=self.tag.name)


class ArticleYearArchiveView(ArticleListMixin, YearArchiveView):
    date_field = "published_at"
    make_object_list = True

    def get_heading(self):
        return gettext("Archiv {period}").format(period=self.get_year())


class ArticleMonthArchiveView(ArticleListMixin, MonthArchiveView):
    date_field = "published_at"
    month_format = "%m"

    def get_heading(self):
        month = date(int(self.get_year()), int(self.get_month()), 1)
        return gettext("Archiv {period}").format(period=date_format(month, "YEAR_MONTH_FORMAT"))


class ArticleDetailView(LatestArticlesMixin, DetailView):
    """One article, in the reader's language where it has a translation, else the German one.

    Staff who may change articles also see drafts, scheduled articles and unreleased
    translations. A German slug under a language prefix moves (301) to the translation.
    """

    def get(self, request, *args, **kwargs):
        language = languages.current_language()
        article, translation, moved_to = languages.find_article(
            kwargs["slug"],
            language,
            self.get_queryset(),
            languages.visible_translations(request.user),
        )
        if moved_to is not None:
            return HttpResponsePermanentRedirect(moved_to.get_absolute_url())
        self.original, self.translation = article, translation
        self.object = translation.read_as(article) if translation else article
        context = self.get_context_data(object=self.object)
        context.update(
            languages.language_context(translation, language, context["translation_urls"])
        )
        return self.render_to_response(context)

    def get_queryset(self):
        articles = Article.objects.all()
        if not self.request.user.has_perm("news.change_article"):
            articles = articles.published()
        return articles.select_related("section", "author", "easy_read").prefetch_related(
            "tags",
            "corrections",
            Prefetch("links", queryset=ExternalLink.objects.order_by("order", "pk")),
            Prefetch("people", queryset=Person.objects.with_terms().order_by("name")),
        )

    def get_context_data(self, **kwargs):
        article, translation = self.object, self.translation
        return super().get_context_data(
            related_articles=languages.read_teasers(article.related_articles()),
            is_preview=not article.is_published()
            or (translation is not None and not translation.is_released),
            easy_read=getattr(article, "easy_read", None),
            translation_urls=languages.translation_urls(self.original),
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["is_preview"]:
            add_never_cache_headers(response)
        return response


class CorrectionListView(LatestArticlesMixin, ListView):
    """Every correction of a published article, newest first, under the corrections policy."""

    template_name = "news/correction_list.html"

    def get_queryset(self):
        return (
            Correction.objects.published()
            .select_related("article")
            .only("published_at", "text", "article__title", "article__slug", "article__dateline")
            .order_by("-published_at", "-pk")
        )

    def get_paginate_by(self, queryset):
        return settings.NEWS_PAGE_SIZE


class PageDetailView(DetailView):
    """A standing page: Impressum, Datenschutz, Barrierefreiheit, the §4 explanations, …"""

    queryset = Page.objects.select_related("sign_language_video")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sign_language_video=getattr(self.object, "sign_language_video", None), **kwargs
        )


class EasyReadDetailView(DetailView):
    """An article's Leichte-Sprache version; staff who may change articles also see drafts."""

    template_name = "news/easy_read_detail.html"
    slug_field = "article__slug"
    context_object_name = "version"

    def get_queryset(self):
        versions = EasyReadVersion.objects.select_related("article")
        if not self.request.user.has_perm("news.change_article"):
            versions = versions.published()
        return versions

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            article=self.object.article, is_preview=not self.object.article.is_published(), **kwargs
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["is_preview"]:
            add_never_cache_headers(response)
        return response
