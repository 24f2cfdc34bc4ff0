"""The portal's languages on every public page: the switcher and the hreflang alternates.

German is the source language and keeps unprefixed addresses; English, Arabic and Ukrainian
are prefixed (/en/…, /ar/…, /uk/…) with the same German path segments (kldigital/urls.py).
A view that knows its page's addresses in other languages (a translated article has a slug
of its own) puts them into the context as `translation_urls` ({code: path}): the switcher
links those and hreflang names only them. Every other page is the same page under each
prefix, found as django.urls.translate_url() finds it. Templates load this module as the
tag library `kldigital_i18n` (settings.TEMPLATES).

The language comes from the path alone: an unprefixed address is German whatever the
browser asks for (prefix_default_language=False), so no page varies by Accept-Language.
"""

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.middleware import locale
from django.template.loader import render_to_string
from django.urls import (
    NoReverseMatch,
    Resolver404,
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
    translate_url,
)
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

from .links import slug_path

register = template.Library()

# Open Graph names a locale, not a language; the region is the one readers expect.
OG_LOCALES = {"de": "de_DE", "en": "en_GB", "ar": "ar_AR", "uk": "uk_UA"}


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    path: str
    is_current: bool


@dataclass(frozen=True)
class PageLanguages:
    """One page in every language: links for the switcher, absolute URLs for hreflang."""

    links: list
    alternates: list
    og_locale: str
    # Its switcher and hreflang links, rendered once: page_languages() keeps this object
    # per page and language.
    rendered: dict = field(default_factory=dict, compare=False, repr=False)


def translated_path(request, language):
    """Return the current page's path in `language`, the way translate_url() does.

    The request was resolved already, so its match is reversed under the other language
    instead of resolving the path once more. A path that resolves to nothing (a 404) links
    to the language's start page.
    """
    match = request.resolver_match
    if match is None:
        with override(language):
            return reverse("news:list")
    if not match.url_name:
        return translate_url(request.path, language)
    return reversed_in(match, language, request.path)


def reversed_in(match, language, fallback):
    """Return the path of the resolved `match` in `language`, or `fallback` if it has none."""
    view = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    with override(language):
        try:
            if not match.args and match.kwargs.keys() == {"slug"}:  # an article, a section…
                return slug_path(view, match.kwargs["slug"])
            return reverse(view, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return fallback


_found = {}  # page_languages() by all it depends on: a page costs its reverse() calls once
FOUND_LIMIT = 5000


def page_languages(request, translation_urls=None):
    """Return find_page_languages(), found once per page, language and translations."""
    match = request.resolver_match
    if match is not None and match.url_name:
        page = (match.view_name, match.args, tuple(sorted(match.kwargs.items())))
    else:
        page = request.path
    urls = tuple(translation_urls.items()) if translation_urls else None
    key = (get_language(), get_urlconf(), get_script_prefix(), settings.SITE_URL, page, urls)
    found = _found.get(key)
    if found is None:
        if len(_found) >= FOUND_LIMIT:
            _found.clear()
        found = _found[key] = find_page_languages(request, translation_urls)
    return found


def find_page_languages(request, translation_urls=None):
    """Return the page's languages: every language in the switcher, alternates as known.

    With `translation_urls` the switcher uses those paths (a language missing there gets the
    German page under its prefix, which shows the German text) and hreflang lists only them;
    without, every language is the same page. x-default is the German page. The query
    string is left behind: echoing whatever a link carried into every page is not worth
    keeping a search across a change of language.
    """
    current = get_language()
    german = (translation_urls or {}).get(settings.LANGUAGE_CODE)
    if german is None or german == request.path:  # the request's own match is the German one
        same_page = {code: translated_path(request, code) for code, _ in settings.LANGUAGES}
    else:
        same_page = german_page_in_every_language(german)
    named = translation_urls or same_page
    links = [
        LanguageLink(
            code,
            name,
            named[code] if code in named else same_page[code],
            code == current,
        )
        for code, name in settings.LANGUAGES
    ]
    alternates = [
        (code, settings.SITE_URL + named[code]) for code, _ in settings.LANGUAGES if code in named
    ]
    default = named.get(settings.LANGUAGE_CODE, same_page[settings.LANGUAGE_CODE])
    alternates.append(("x-default", settings.SITE_URL + default))
    return PageLanguages(links, alternates, OG_LOCALES.get(current, current))


def german_page_in_every_language(german):
    """Return {language: path} of the German page at `german` under each language's prefix."""
    languages = [code for code, _ in settings.LANGUAGES]
    with override(settings.LANGUAGE_CODE):  # the German path resolves in German only
        try:
            match = resolve(german)  # once, not once per language as translate_url()
        except Resolver404:
            match = None
    if match is None or not match.url_name:
        return dict.fromkeys(languages, german)
    return {code: reversed_in(match, code, german) for code in languages}


@register.simple_tag(takes_context=True)
def languages_of_page(context):
    """Give a template the page's languages, or None where there is no request (mails)."""
    request = context.get("request")
    if request is None:
        return None
    return page_languages(request, context.get("translation_urls"))


@register.simple_tag
def language_switcher(languages):
    """Render the language switcher of `languages` (languages_of_page), once per page."""
    if languages is None:
        return ""
    if "switcher" not in languages.rendered:
        html = render_to_string("includes/language_switcher.html", {"languages": languages})
        languages.rendered["switcher"] = mark_safe(html)
    return languages.rendered["switcher"]


@register.simple_tag
def language_alternates(languages):
    """Render the hreflang links of `languages` (languages_of_page), once per page."""
    if languages is None:
        return ""
    if "alternates" not in languages.rendered:
        languages.rendered["alternates"] = format_html_join(
            "", '<link rel="alternate" hreflang="{}" href="{}">', languages.alternates
        )
    return languages.rendered["alternates"]


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware without its `Vary: Accept-Language` on unprefixed pages.

    Django adds the header to every response whose language did not come from the path, in
    case it came from the browser's preferences. Here it never does (the module docstring
    says why), and the header would make every proxy and browser cache keep one copy of a
    German page per distinct Accept-Language string. The page cache ignores Vary anyway.
    """

    def process_response(self, request, response):
        vary = response.get("Vary")
        answer = super().process_response(request, response)
        if answer is response:  # not a redirect of Django's own
            if vary is None:
                del response["Vary"]
            else:
                response["Vary"] = vary
        return answer
