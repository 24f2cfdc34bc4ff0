from datetime import date, datetime
from functools import partial

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from kldigital.pagination import paginate
from kldigital.prebuilt import ANY_SLUG, Prebuilt

from . import languages, listings
from .article_reading import ArticlePageReader, easy_read_of, prefetch_page_relations
from .context_processors import chrome
from .fragments import ArticleFragments
from .models import Correction, EasyReadVersion, Page, Tag


class ArticleListMixin:
    """Shared settings of every public article list: published teasers, newest first, by keyset."""

    template_name = "news/article_list.html"
    heading = _("Aktuelle Meldungen")
    requires_items = False  # an empty list is a 404 (asked here, not by a query of its own)

    def get_queryset(self):
        """Return the list's kldigital.pagination.Listing (news.listings)."""
        return listings.NEWEST.bind(now=timezone.now())

    def get_paginate_by(self, queryset):
        return settings.NEWS_PAGE_SIZE

    def paginate_queryset(self, listing, page_size):
        page = paginate(listing, self.request.GET, page_size)
        if not page.object_list and self.requires_items:
            raise Http404("Hier sind keine Meldungen erschienen.")
        # Under a language prefix: translated titles and leads, one query for the page.
        page.object_list = languages.read_teasers(page.object_list)
        return None, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.get_heading(), **kwargs)

    def get_heading(self):
        return self.heading


class ArticleListView(ArticleListMixin, ListView):
    """The start page: the newest articles and, on the first page, the section "Leichte Sprache"."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            context["easy_read_pages"] = chrome(self.request).easy_read_pages
            context["easy_read_versions"] = chrome(self.request).easy_read_versions
        return context


class SectionArticleListView(ArticleListMixin, ListView):
    def get_queryset(self):
        sections = chrome(self.request).sections  # no query: the navigation has them
        self.section = next((s for s in sections if s.slug == self.kwargs["slug"]), None)
        if self.section is None:
            raise Http404("Diese Rubrik gibt es nicht.")
        return listings.IN_SECTION.bind(now=timezone.now(), section=self.section.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section,
            feed_owner=self.section,
            current_section_slug=self.section.slug,  # marked in the navigation
            **kwargs,
        )

    def get_heading(self):
        return self.section.title


TAG = Prebuilt(lambda slug: Tag.objects.filter(slug=slug), slug=ANY_SLUG)


class TagArticleListView(ArticleListMixin, ListView):
    def get_queryset(self):
        found = TAG(slug=self.kwargs["slug"])
        if not found:
            raise Http404("Dieses Stichwort gibt es nicht.")
        self.tag = found[0]
        return listings.TAGGED.bind(now=timezone.now(), tag=self.tag.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, feed_owner=self.tag, **kwargs)

    def get_heading(self):
        return gettext("Stichwort: {tag}").format(tag=self.tag.name)


class ArticleYearArchiveView(ArticleListMixin, ListView):
    """The articles of a year, newest first; a year without any is a 404."""

    requires_items = True

    def get_queryset(self):
        start, end = self.get_span()
        return listings.IN_SPAN.bind(now=timezone.now(), start=start, end=end)

    def get_span(self):
        year = self.kwargs["year"]
        if not 1 <= year < 9999:
            raise Http404("Dieses Jahr gibt es nicht.")
        return local_midnight(year, 1), local_midnight(year + 1, 1)

    def get_heading(self):
        return gettext("Archiv {period}").format(period=self.kwargs["year"])


class ArticleMonthArchiveView(ArticleYearArchiveView):
    def get_span(self):
        year, month = self.kwargs["year"], self.kwargs["month"]
        if not (1 <= year < 9999 and 1 <= month <= 12):
            raise Http404("Diesen Monat gibt es nicht.")
        return local_midnight(year, month), local_midnight(year + month // 12, month % 12 + 1)

    def get_heading(self):
        month = date(self.kwargs["year"], self.kwargs["month"], 1)
        return gettext("Archiv {period}").format(period=date_format(month, "YEAR_MONTH_FORMAT"))


def local_midnight(year, month):
    return timezone.make_aware(datetime(year, month, 1))


class ArticleDetailView(DetailView):
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
            partial(languages.visible_translations, request.user),
        )
        if moved_to is not None:
            return HttpResponsePermanentRedirect(moved_to.get_absolute_url())
        # Its section is one of the navigation's: no join needed.
        sections = {section.pk: section for section in chrome(request).sections}
        if article.section_id in sections:
            article.section = sections[article.section_id]
        self.original, self.translation = article, translation
        self.fragments = None
        if not self.is_preview(article, translation):
            self.fragments = ArticleFragments(article, translation, language)
        if self.fragments is None or not self.fragments.complete:
            prefetch_page_relations(article)
        self.object = translation.read_as(article) if translation else article
        context = self.get_context_data(object=self.object, fragments=self.fragments)
        context.update(
            languages.language_context(translation, language, context["translation_urls"])
        )
        return self.render_to_response(context)

    def get_queryset(self):
        return ArticlePageReader(may_preview=self.request.user.has_perm("news.change_article"))

    def get_context_data(self, **kwargs):
        article, translation = self.object, self.translation
        return super().get_context_data(
            related_articles=languages.read_teasers(article.related_articles()),
            is_preview=self.is_preview(article, translation),
            # Read only when a part that shows it is rendered, not for kept parts.
            easy_read=partial(easy_read_of, self.original),
            translation_urls=self.translation_urls(),
            **kwargs,
        )

    def translation_urls(self):
        if self.fragments is not None and self.fragments.complete:
            return self.fragments.translation_urls  # kept with the page's parts
        return languages.translation_urls(self.original)

    @staticmethod
    def is_preview(article, translation):
        return not article.is_published() or (
            translation is not None and not translation.is_released
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["is_preview"]:
            add_never_cache_headers(response)
        if self.fragments is not None:
            response.add_post_render_callback(self.fragments.flush)
        return response


class CorrectionListView(ListView):
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
