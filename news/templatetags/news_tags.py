import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from kldigital import links

register = template.Library()

# Characters that could end the <script> element or open a comment inside it.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def ld_json(data):
    """Render a schema.org dict as a JSON-LD script element, safe inside HTML."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        JSON_SCRIPT_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag
def absolute_url(url):
    """Return the absolute address of a path or URL, for canonical links, feeds and mails."""
    return links.absolute_url(url)


@register.simple_tag
def news_article_ld(article):
    """Render the schema.org NewsArticle description of an article."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.lead,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "mainEntityOfPage": links.absolute_url(article.get_absolute_url()),
        "articleSection": article.section.title,
        "keywords": [tag.name for tag in article.tags.all()],
        "inLanguage": "de",
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": settings.SITE_URL,
        },
    }
    if article.author_initials:
        data["author"] = {"@type": "Person", "name": article.author_initials}
    else:
        data["author"] = data["publisher"]
    if article.picture:
        data["image"] = links.absolute_url(article.picture["src"])
    return ld_json(data)
