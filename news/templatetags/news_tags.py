from django import template

from kldigital import links
from kldigital.json_ld import ld_json

from .. import structured_data
from ..corrections import article_shows_update

register = template.Library()


@register.simple_tag
def absolute_url(url):
    """Return the absolute address of a path or URL, for canonical links, feeds and mails."""
    return links.absolute_url(url)


@register.simple_tag
def news_article_ld(article, translation_urls=None):
    """Render the schema.org NewsArticle description of an article (or of its translation)."""
    return ld_json(structured_data.news_article(article, translation_urls))


@register.simple_tag
def collection_ld(name, path, description=""):
    """Render the schema.org CollectionPage of a list of articles."""
    return ld_json(structured_data.collection_page(name, path, description))


@register.simple_tag
def web_page_ld(name, path, description=""):
    return ld_json(structured_data.web_page(name, path, description))


@register.simple_tag
def website_ld():
    return ld_json(structured_data.website())


@register.simple_tag
def article_image_url(article):
    """Return the address of the article's image, or the site's default image."""
    return structured_data.article_image_url(article)


@register.simple_tag
def default_image_url():
    return structured_data.default_image_url()


@register.simple_tag
def article_author_name(article):
    """Return whom metadata (PDF, feeds) name as author: the linked profile or the publisher."""
    return structured_data.article_author_name(article)


@register.filter
def shows_update(article):
    return article_shows_update(article)
