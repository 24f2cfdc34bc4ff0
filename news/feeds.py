from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from kldigital.links import absolute_url

from . import languages, structured_data
from .models import Article, ArticleTranslation, Section, Tag

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    # No fixed language: Django's Feed takes the request's (xml:lang, <language>); under a
    # language prefix the feed lists the translations into that language, and its title and
    # description are in it too (asked per request, hence methods, not class attributes).
    # RFC 4287 wants an author on every entry or on the feed; each entry names its own.
    author_name = settings.SITE_PUBLISHER["name"]

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: {gettext('Aktuelle Meldungen')}"

    def description(self, obj=None):
        # Translators: the feed under a language prefix lists the translations into it.
        return gettext("Die neuesten Meldungen des Portals.")

    def link(self, obj=None):
        return reverse("news:list")

    def items(self, obj=None):
        language = languages.current_language()
        if language == languages.ORIGINAL:
            return self.articles(obj)[:FEED_SIZE]
        translated = self.articles(obj).filter(
            translations__in=ArticleTranslation.objects.published().filter(language=language)
        )
        return languages.read_teasers(translated[:FEED_SIZE], language)

    def articles(self, obj):
        return Article.objects.published().select_related("section", "author").defer("body")

    def item_title(self, item):
        return f"{item.dateline}: {item.title}" if item.dateline else item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        """Return the last change readers saw: an edit not marked minor, or a correction."""
        return item.content_updated_at or item.published_at

    def item_author_name(self, item):
        return structured_data.article_author_name(item)

    def item_author_link(self, item):
        if item.author_id:
            return absolute_url(item.author.get_absolute_url())
        return f"{settings.SITE_URL}/"

    def item_categories(self, item):
        return [item.section.title]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class SectionArticlesFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, section):
        return f"{settings.SITE_NAME}: {section.title}"

    def description(self, section):
        return section.description or gettext("Meldungen aus dem Bereich {section}.").format(
            section=section.title
        )

    def link(self, section):
        return section.get_absolute_url()

    def articles(self, section):
        return super().articles(section).filter(section=section)


class SectionArticlesAtomFeed(SectionArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self, section):
        return self.description(section)


class TagArticlesFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, tag):
        return f"{settings.SITE_NAME}: {gettext('Stichwort: {tag}').format(tag=tag.name)}"

    def description(self, tag):
        return gettext("Meldungen zum Stichwort {tag}.").format(tag=tag.name)

    def link(self, tag):
        return tag.get_absolute_url()

    def articles(self, tag):
        return super().articles(tag).filter(tags=tag)


class TagArticlesAtomFeed(TagArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self, tag):
        return self.description(tag)
