"""Absolute addresses for mails, feeds, PDFs and metadata, from SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(url):
    """Return `url` as an absolute address: a path gets SITE_URL in front, while an address
    that already names its host (media on S3 under a custom domain) is returned unchanged."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return url
    return f"{settings.SITE_URL}/{url.lstrip('/')}"
