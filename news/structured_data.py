"""schema.org descriptions of the portal's news pages, as dicts for JSON-LD.

The publisher is the organisation behind the portal (settings.SITE_PUBLISHER) with its
self-hosted logo and its corrections policy. An article's author is the editor's public
profile in the people directory when the article links one, else the publisher: the
initials ("aö") name no one a search engine could find, so they stay on the page only.
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language

from kldigital.links import absolute_url

PUBLISHER_LOGO_SIZE = 512  # static/img/publisher-logo.png is square


def publisher():
    """Return the Organization that publishes the portal, with logo and corrections policy."""
    return {
        "@type": "Organization",
        "name": settings.SITE_PUBLISHER["name"],
        "url": f"{settings.SITE_URL}/",
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static(settings.SITE_PUBLISHER["logo"])),
            "width": PUBLISHER_LOGO_SIZE,
            "height": PUBLISHER_LOGO_SIZE,
        },
        "correctionsPolicy": absolute_url(reverse("news:corrections")) + "#grundsaetze",
    }


def article_author(article, publisher_data=None):
    """Return the article's author: the linked person's public profile, else the publisher
    (`publisher_data` when the caller has it)."""
    if article.author_id:
        return {
            "@type": "Person",
            "name": article.author.name,
            "url": absolute_url(article.author.get_absolute_url()),
        }
    return publisher_data or publisher()


def article_author_name(article):
    """Return the name metadata (feeds, PDF) give as the article's author."""
    return article.author.name if article.author_id else settings.SITE_PUBLISHER["name"]


def article_image_url(article):
    """Return the address of the article's image, or of the site's default image without one."""
    if article.picture:
        return absolute_url(article.picture["share_src"])
    return default_image_url()


def default_image_url():
    return absolute_url(static(settings.SITE_DEFAULT_IMAGE))


def news_article(article, translation_urls=None):
    """Return the NewsArticle of an article page, with the properties Google recommends.

    `translation_urls` ({language: path}, the German original first) links a translation to
    its original (translationOfWork) and an original to its translations (workTranslation).
    """
    url = absolute_url(article.get_absolute_url())
    publisher_data = publisher()  # author and publisher alike, unless a person wrote it
    translation = getattr(article, "translation", None)
    language = translation.language if translation else settings.LANGUAGE_CODE
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.lead,
        "image": [article_image_url(article)],
        "datePublished": article.published_at.isoformat(),
        "dateModified": (article.content_updated_at or article.published_at).isoformat(),
        "author": [article_author(article, publisher_data)],
        "publisher": publisher_data,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "articleSection": article.section.title,
        "keywords": [tag.name for tag in article.tags.all()],
        "inLanguage": language,
    }
    others = {
        code: absolute_url(path)
        for code, path in (translation_urls or {}).items()
        if code != language
    }
    if translation and settings.LANGUAGE_CODE in others:
        original_url = others[settings.LANGUAGE_CODE]
        data["translationOfWork"] = work(original_url, settings.LANGUAGE_CODE)
    elif not translation and others:
        data["workTranslation"] = [work(other, code) for code, other in others.items()]
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": correction.text,
            "datePublished": correction.published_at.isoformat(),
            "url": absolute_url(correction.get_absolute_url()),
        }
        for correction in article.corrections.all()
    ]
    if corrections:
        data["correction"] = corrections
    return data


def work(url, language):
    return {"@type": "NewsArticle", "@id": url, "url": url, "inLanguage": language}


def collection_page(name, path, description=""):
    """Return the CollectionPage of a list of articles: a section, a tag, an archive."""
    data = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "url": absolute_url(path),
        "inLanguage": get_language(),  # a list's name and page are in the interface language
        "isPartOf": {
            "@type": "WebSite",
            "name": settings.SITE_NAME,
            "url": f"{settings.SITE_URL}/",
        },
        "publisher": publisher(),
    }
    if description:
        data["description"] = description
    return data


def web_page(name, path, description=""):
    """Return the WebPage of a standing page such as the Impressum."""
    data = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": name,
        "url": absolute_url(path),
        "inLanguage": "de",
        "publisher": publisher(),
    }
    if description:
        data["description"] = description
    return data


def website():
    """Return the WebSite of the home page, with its search."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": f"{settings.SITE_URL}/",
        "inLanguage": get_language(),
        "publisher": publisher(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": absolute_url(reverse("news:search")) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }
