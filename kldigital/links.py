"""Addresses: absolute ones for mails, feeds, PDFs and metadata (SITE_URL), fast slug paths."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def absolute_url(url):
    """Return `url` as an absolute address: a path gets SITE_URL in front, while an address
    that already names its host (media on S3 under a custom domain) is returned unchanged."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return url
    return f"{settings.SITE_URL}/{url.lstrip('/')}"


SLUG = re.compile(r"[-a-zA-Z0-9_]+")
PLACEHOLDER = "slug-placeholder-0"
_slug_patterns = {}


def slug_path(viewname, slug):
    """Return reverse(viewname, kwargs={"slug": slug}), reversing the pattern once per language.

    A page links dozens of articles, sections and keywords, and reverse() walks the URL
    resolver each time. Around the slug, the path is what reverse() gave for the active
    language (prefix /en/, …), URLconf and script prefix; other slugs still go to reverse().
    """
    if not SLUG.fullmatch(slug):
        return reverse(viewname, kwargs={"slug": slug})
    key = (viewname, get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    parts = _slug_patterns.get(key)
    if parts is None:
        try:
            parts = reverse(viewname, kwargs={"slug": PLACEHOLDER}).split(PLACEHOLDER)
        except NoReverseMatch:  # no slug in that view: reverse()'s own error, naming this one
            return reverse(viewname, kwargs={"slug": slug})
        _slug_patterns[key] = parts
    return slug.join(parts) if len(parts) == 2 else reverse(viewname, kwargs={"slug": slug})
