"""Whole-page cache for anonymous readers, invalidated by what each page shows.

Every cached page records the *tags* it depends on: "news" (articles, sections, tags, ads:
any article change can alter the lists, the sidebar and the related articles), "people"
(persons, posts, terms), "sources" (which article reports a term: the person page and the
Popolo export) and "person:<id>" for each person an article page names. A change stamps
its tags with the current time; a cached page is served only while every one of its tags
is older than the moment the page was rendered. Tags live in the shared cache (Redis in
production), so an edit on one app server is seen by all of them: at once by the worker
that made it, by the others within NEWS_PAGE_CACHE_RECHECK seconds (news.recent).
"""

import hashlib
import random
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from people.models import Organization, Person, Post, Term

from .models import (
    AccessibilityStatement,
    AdSlot,
    Article,
    ArticleTranslation,
    EasyReadVersion,
    ExternalLink,
    KnownBarrier,
    Mention,
    Page,
    RelatedArticle,
    Section,
    SignLanguageVideo,
    Tag,
    TaggedArticle,
)
from .recent import recent

NEWS, PEOPLE = "news", "people"
SOURCES = "sources"  # a term's source, or an article cited as one, changed (news.directory)
# What each page of the directory shows: those that list no articles stay as they are when
# an article changes; the person page and the Popolo export cite the terms' sources.
PEOPLE_PAGE_TAGS = {
    "list": {PEOPLE},
    "post": {PEOPLE},
    "organization": {PEOPLE},
    "popolo": {PEOPLE, SOURCES},
    "detail": {PEOPLE, NEWS, SOURCES},
}
NO_STORE_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}


def new_stamp():
    """Return the stamp of a change: now, plus under a millisecond so that no two are alike.

    Two changes within one clock tick (or under a frozen clock) must still differ, or what was
    kept under the first would pass for current after the second. Later only costs a miss.
    """
    return time.time_ns() + random.randrange(1, 1_000_000)


def person_tag(person_id):
    return f"person:{person_id}"


def tag_key(tag):
    return f"pagecache:tag:{tag}"


def page_key(request):
    address = f"{request.get_host()}{request.get_full_path()}"
    return f"pagecache:page:{hashlib.sha256(address.encode()).hexdigest()}"


def news_stamp():
    """Return when anything the news pages show last changed (a shared-cache read), or None.

    A stamp the cache lost is set to now: whatever was kept under the old one is stale. A
    cache that fails answers None, so the page is built without what is kept (as when the
    error page itself is shown because the cache is down).
    """
    key = tag_key(NEWS)
    kept = recent.fresh_stamps([key])  # read a moment ago (news.recent)
    if kept is not None:
        return kept[key]
    try:
        stamp = cache.get(key)
        if stamp is None:
            stamp = new_stamp()
            return stamp if cache.add(key, stamp, timeout=None) else None
    except Exception:  # any backend's outage error: the stamp is unknown, nothing is kept
        return None
    recent.note_stamps({key: stamp})
    return stamp


def invalidate(*tags):
    """Mark every cached page that depends on one of these tags as out of date."""
    stamp = new_stamp()
    stamps = {tag_key(tag): stamp for tag in tags}
    cache.set_many(stamps, timeout=None)
    recent.note_stamps(stamps)  # seen at once by this process (news.recent)


class PageCacheMiddleware:
    """Serves and stores whole pages for visitors without a session.

    Such pages say `Vary: Cookie` for proxies, but to this cache every visitor without a
    session or message cookie looks the same, so it keeps them all the same.
    """

    # Pages whose tags this process has seen, at most this many: see cached_response().
    KNOWN_TAGS_LIMIT = 10_000

    def __init__(self, get_response):
        self.get_response = get_response
        self.known_tags = {}

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        response = self.cached_response(key)
        if response is not None:
            return response
        rendered_at = time.time_ns()
        response = self.get_response(request)
        if self.is_cacheable_response(response):
            self.store(key, response, self.tags_for(request, response), rendered_at, request)
        return response

    def process_template_response(self, request, response):
        # The article is in the context only until rendering; note whom it names now.
        context = getattr(response, "context_data", None) or {}
        article, fragments = context.get("article"), context.get("fragments")
        if not isinstance(article, Article):
            return response
        if fragments is not None and fragments.named_person_ids is not None:
            response.named_person_ids = set(fragments.named_person_ids)  # kept: not read
        else:
            response.named_person_ids = {person.pk for person in article.people.all()}
        return response

    @staticmethod
    def is_cacheable_request(request):
        return (
            settings.NEWS_PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not NO_STORE_COOKIES & request.COOKIES.keys()
        )

    @staticmethod
    def is_cacheable_response(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        )

    @staticmethod
    def tags_for(request, response):
        match = request.resolver_match
        namespace = match.namespace if match else ""
        if namespace == "people":
            return PEOPLE_PAGE_TAGS.get(match.url_name, {PEOPLE, NEWS, SOURCES})
        if namespace == "news" and match.url_name == "detail":
            return {NEWS} | {person_tag(pk) for pk in getattr(response, "named_person_ids", ())}
        return {NEWS, PEOPLE}

    def store(self, key, response, tags, rendered_at, request=None):
        """Keep the response until it expires, a tag changes, or a scheduled article appears."""
        # Every tag needs a stamp (a page whose tag has none is never served): one read for
        # all of them, and an atomic add only for those the cache lost, however many.
        keys = [tag_key(tag) for tag in tags]
        for key in set(keys) - cache.get_many(keys).keys():
            cache.add(key, 0, timeout=None)
        timeout = min(settings.NEWS_PAGE_CACHE_SECONDS, seconds_until_next_scheduled(request))
        if timeout <= 0:
            return
        patch_cache_control(response, public=True, max_age=settings.NEWS_PAGE_CACHE_MAX_AGE)
        response.setdefault("Last-Modified", http_date(rendered_at / 1e9))
        if not response.has_header("ETag"):
            set_response_etag(response)  # once, not on every hit in ConditionalGetMiddleware
        cache.set(key, (response, sorted(tags), rendered_at), timeout)

    def cached_response(self, key):
        """Return the cached page if none of its tags changed since it was rendered.

        Read a moment ago, page and stamps come from this process's memory (news.recent).
        Else the page and the stamps of the tags it had when this process last served it
        are read in one round trip; only tags not guessed right cost a second one.
        """
        kept = recent.entry(key)
        if kept is not None:
            response, tags, rendered_at = kept
            stamps = recent.fresh_stamps([tag_key(tag) for tag in tags])
            if stamps is not None and all(stamp < rendered_at for stamp in stamps.values()):
                return response
        guess = [tag_key(tag) for tag in self.known_tags.get(key, (NEWS, PEOPLE))]
        found = cache.get_many([key, *guess])
        entry = found.pop(key, None)
        if entry is None:
            return None
        response, tags, rendered_at = entry
        keys = [tag_key(tag) for tag in tags]
        missing = [tag for tag in keys if tag not in found]
        if missing:
            found.update(cache.get_many(missing))
        if any(found.get(tag) is None or found[tag] >= rendered_at for tag in keys):
            return None
        if len(self.known_tags) >= self.KNOWN_TAGS_LIMIT:
            self.known_tags.clear()
        self.known_tags[key] = tags
        recent.note_stamps({tag: found[tag] for tag in keys})
        recent.keep(key, entry)
        return response


def seconds_until_next_scheduled(request=None):
    """Return how long until the next scheduled article appears (lists must show it then)."""
    from django.utils import timezone

    from .context_processors import chrome

    next_time = chrome(request).expires  # read with the page's chrome: no query of its own
    if next_time is None:
        return settings.NEWS_PAGE_CACHE_SECONDS
    return int((next_time - timezone.now()).total_seconds())


def article_changed(sender, **kwargs):
    invalidate(NEWS)


def mention_changed(sender, origin=None, **kwargs):
    if not deleted_with(origin, Article, Person):
        invalidate(NEWS)


def deleted_with(origin, *models):
    """Whether a deleted row went with a row of `models` (post_delete's `origin`), whose own
    signals see to what changed: a person named in many articles is deleted at once."""
    return isinstance(origin, models) or getattr(origin, "model", None) in models


def navigation_changed(sender, **kwargs):
    invalidate(NEWS, PEOPLE)  # every page links the sections and the standing pages


def person_changed(sender, instance, **kwargs):
    invalidate(PEOPLE, person_tag(instance.pk))


def term_changed(sender, instance, **kwargs):
    invalidate(PEOPLE, person_tag(instance.person_id))


def office_changed(sender, instance, **kwargs):
    """A renamed post or organisation changes the offices shown beside every holder."""
    field = "post" if isinstance(instance, Post) else "post__organization"
    holders = Term.objects.filter(**{field: instance}).values_list("person_id", flat=True)
    invalidate(PEOPLE, *(person_tag(pk) for pk in holders.distinct()))


def connect_signals():
    handlers = {
        Article: article_changed,
        ExternalLink: article_changed,
        RelatedArticle: article_changed,
        TaggedArticle: article_changed,
        Mention: mention_changed,
        Tag: article_changed,
        AdSlot: article_changed,
        Section: navigation_changed,
        Page: navigation_changed,
        AccessibilityStatement: navigation_changed,
        KnownBarrier: navigation_changed,
        EasyReadVersion: article_changed,
        ArticleTranslation: article_changed,
        SignLanguageVideo: navigation_changed,
        Person: person_changed,
        Term: term_changed,
        Post: office_changed,
        Organization: office_changed,
    }
    for model, handler in handlers.items():
        post_save.connect(handler, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(
            handler, sender=model, dispatch_uid=f"pagecache-delete-{model.__name__}"
        )
    m2m_changed.connect(article_changed, sender=Mention, dispatch_uid="pagecache-people")
