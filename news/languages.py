"""An article in the reader's language: which translation an address names, where a German
address under a language prefix moves to, the languages an article really has, and teasers
with translated titles. German is the original; a missing translation falls back to it.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language, get_language_info
from django.utils.translation import override as translation_override

from .models import ArticleTranslation
from .models.translations import text_direction

ORIGINAL = settings.LANGUAGE_CODE
OG_LOCALES = {"de": "de_DE", "en": "en_GB", "ar": "ar_AR", "uk": "uk_UA"}


def current_language():
    """Return the language of the request being answered ("de" outside a request)."""
    return get_language() or ORIGINAL


def visible_translations(user):
    """Return the translations `user` may read: staff who change articles also see unreleased."""
    if user.has_perm("news.change_article"):
        return ArticleTranslation.objects.all()
    return ArticleTranslation.objects.published()


def find_article(slug, language, articles, translations):
    """Return (article, translation, moved_to) for the address `slug` in `language`.

    A translation's own slug gives the original and the translation; a German slug gives the
    original alone, or, when it has a translation in `language`, that translation as
    `moved_to` (the caller redirects there). Raises Http404 when neither exists.
    `translations()` returns those that may be shown: called only under a language prefix.
    """
    if language != ORIGINAL:
        translations = translations()
        found = translations.filter(language=language, slug=slug).first()
        if found is not None:
            return get_object_or_404(articles, pk=found.article_id), found, None
    article = get_object_or_404(articles, slug=slug)
    if language != ORIGINAL:
        moved_to = translations.filter(language=language, article=article).first()
        if moved_to is not None:
            return article, None, moved_to
    return article, None, None


def translation_urls(article):
    """Return {language: path} of the original and its public translations, German first.

    An article whose `has_translations` flag (the article page reads one) says it has no
    released translation is not looked up.
    """
    with translation_override(ORIGINAL):
        urls = {ORIGINAL: article.get_absolute_url()}
    if not getattr(article, "has_translations", True):
        return urls
    for translation in ArticleTranslation.objects.published().filter(article=article):
        urls[translation.language] = translation.get_absolute_url()
    return urls


def language_context(translation, language, urls=None):
    """Return what an article page (and its print view) says about its language.

    `urls` are the article's translation_urls(); their other languages become
    og:locale:alternate.
    """
    content_language = translation.language if translation else ORIGINAL
    return {
        "translation": translation,
        "content_language": content_language,
        "content_direction": text_direction(content_language),
        "is_fallback": language != ORIGINAL and translation is None,
        "requested_language_name": get_language_info(language)["name_translated"],
        "og_locale": OG_LOCALES.get(content_language, content_language),
        "og_locale_alternates": [
            OG_LOCALES.get(code, code) for code in urls or () if code != content_language
        ],
    }


def read_teasers(articles, language=None):
    """Return `articles` as a list, each read in `language` where it has a public translation.

    One query for all of them, whatever their number. Those without one keep their German
    text and say so (`content_language`, `content_direction`), so that templates can mark
    them `lang="de"` inside a page in another language.
    """
    language = language or current_language()
    articles = list(articles)
    if language == ORIGINAL or not articles:
        return articles
    found = {
        translation.article_id: translation
        for translation in ArticleTranslation.objects.published().filter(
            language=language, article__in=[article.pk for article in articles]
        )
    }
    readings = []
    for article in articles:
        if article.pk in found:
            readings.append(found[article.pk].read_as(article))
        else:
            article.content_language, article.content_direction = ORIGINAL, "ltr"
            readings.append(article)
    return readings
