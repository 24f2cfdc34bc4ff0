"""Stored PDFs answered before the rest of the middleware (issue 18).

The PDF view finds the article (one query, two under a language prefix) and its stored
version (another) on every request, behind sessions, CSRF, auth, messages, CSP and Axes: about
3–4 ms for what a static file costs 0.5. When the view serves a stored PDF it keeps what the
answer needs (storage name, version, date, file name) in the shared cache under the address's
language and slug; StoredPdfMiddleware, placed right after ConditionalGetMiddleware (which
still answers 304), serves the next request for that address from it. What is kept is valid
while the article's tag "article:<id>" (news.fragments: the article, its translations; so
unpublishing, rescheduling or deleting it) and "pdf:<id>" (its ArticlePDF rows) are older than
it; else, and for requests with a session, the view answers as before.
"""

import hashlib
import re
import time
from functools import cache as once

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db.models.signals import post_delete, post_save
from django.http import FileResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from ..caching import NO_STORE_COOKIES, invalidate, tag_key
from ..fragments import article_tag
from ..recent import recent

KEEP_SECONDS = 24 * 3600


def pdf_tag(article_id):
    return f"pdf:{article_id}"


@once
def address_pattern():
    """The article PDF's address, German or under a language prefix (news/urls.py)."""
    prefixes = "|".join(code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE)
    return re.compile(rf"^/(?:({prefixes})/)?meldung/([-a-zA-Z0-9_]+)/pdf/$")


@once
def generation():
    """Return what a PDF's version depends on besides the article: layout and site."""
    from .document import pdf_layout

    parts = (pdf_layout()[1], settings.SITE_URL, settings.SITE_NAME)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:12]


def entry_key(language, slug):
    return f"pdfpath:{generation()}:{language}:{slug}"


def keep(language, slug, article, stored, filename, started_at):
    """Note, after the view served it, what a later request for this address needs."""
    entry = {
        "article_id": article.pk,
        "name": stored.file.name,
        "etag": f'"{stored.version}"',
        "last_modified": http_date(stored.rendered_at.timestamp()),
        "filename": filename,
        "kept_at": started_at,
    }
    tags = stamp_keys({"article_id": article.pk})
    try:
        # Each tag needs a stamp (a lost one counts as a change): add those never set.
        for tag in set(tags) - cache.get_many(tags).keys():
            cache.add(tag, 0, timeout=None)
        cache.set(entry_key(language, slug), entry, KEEP_SECONDS)
    except Exception:  # a cache outage: the view serves it next time too
        pass


def kept_entry(language, slug):
    """Return the kept entry for this address if its article and PDF have not changed since.

    Read a moment ago, entry and stamps come from this process's memory (news.recent).
    """
    key = entry_key(language, slug)
    entry = recent.entry(key)
    if entry is not None:
        stamps = recent.fresh_stamps(stamp_keys(entry))
        if stamps is not None and all(stamp < entry["kept_at"] for stamp in stamps.values()):
            return entry
    entry = cache.get(key)
    if entry is None:
        return None
    tags = stamp_keys(entry)
    stamps = cache.get_many(tags)
    # A stamp the cache lost counts as changed now: only the view may answer.
    if any(stamps.get(tag) is None or stamps[tag] >= entry["kept_at"] for tag in tags):
        return None
    recent.note_stamps(stamps)
    recent.keep(key, entry)
    return entry


def stamp_keys(entry):
    return [tag_key(article_tag(entry["article_id"])), tag_key(pdf_tag(entry["article_id"]))]


def response_for(request, entry):
    """Answer as ArticlePdfView.serve does; FileNotFoundError when the file is gone."""
    from .views import x_accel_response

    as_attachment = request.GET.get("download") == "1"
    if settings.MEDIA_X_ACCEL_REDIRECT:
        response = x_accel_response(entry["name"], as_attachment, entry["filename"])
    else:
        response = FileResponse(
            default_storage.open(entry["name"]),
            as_attachment=as_attachment,
            filename=entry["filename"],
            content_type="application/pdf",
        )
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = entry["last_modified"]
    patch_cache_control(response, public=True, max_age=settings.NEWS_PAGE_CACHE_MAX_AGE)
    response["X-Robots-Tag"] = "noindex"
    response["X-Frame-Options"] = getattr(settings, "X_FRAME_OPTIONS", "DENY")
    return response


def started():
    """Return the moment a view starts reading: a change after it makes what it keeps stale."""
    return time.time_ns()


class StoredPdfMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not NO_STORE_COOKIES & request.COOKIES.keys():
            match = address_pattern().match(request.path_info)
            if match:
                language = match.group(1) or settings.LANGUAGE_CODE
                try:
                    entry = kept_entry(language, match.group(2))
                    if entry is not None:
                        return response_for(request, entry)
                except Exception:  # a cache outage or a file gone: the view decides
                    pass
        return self.get_response(request)


def pdf_changed(sender, instance, **kwargs):
    invalidate(pdf_tag(instance.article_id))


def connect_signals():
    from .models import ArticlePDF

    post_save.connect(pdf_changed, sender=ArticlePDF, dispatch_uid="pdfpath-save")
    post_delete.connect(pdf_changed, sender=ArticlePDF, dispatch_uid="pdfpath-delete")
