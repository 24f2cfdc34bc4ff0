"""Pages rendered by the task worker when they change, before a reader asks (issue 18).

A reader who opens an article whose kept parts (news.fragments) are stale pays for rendering
them: its text, keywords, people and their offices, about three times the CPU of a page whose
parts are kept. What makes them stale is known when it happens: the article, its keywords,
links, corrections or translations were saved; or something many articles show changed
(a keyword's name, a section, a person or office). Then the task worker renders the article,
or the newest NEWS_WARM_NEWEST published articles, in each of the portal's languages, through
the portal's own request handling as an anonymous reader. A scheduled article is rendered at
its time; after a deploy `manage.py warm_articles` renders the newest. Person pages keep
their timeline the same way (news.directory.PersonParts): when the directory or a cited
source changes, every person's page is rendered again, in each language (a directory holds
tens to hundreds of people). The page cache keeps the pages it renders too.

The changes of one transaction (an admin save fires several signals) are sent as one task
once it commits; a rollback sends nothing.
"""

import io
import logging
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.utils import timezone
from django.utils.translation import override
from django_tasks import task

from people.models import Person

from . import languages
from .models import Article

logger = logging.getLogger(__name__)
_pending = threading.local()  # this thread's transaction: what to render once it commits


def article_changed(article_id):
    """Render this article's page again once the current transaction commits."""
    _note(article_ids={article_id})


def many_changed():
    """Render the newest articles again once the current transaction commits."""
    _note(newest=True)


def people_changed():
    """Render every person's page again once the current transaction commits."""
    _note(people=True)


def _note(article_ids=frozenset(), newest=False, people=False):
    # Each change asks for a send after commit; the first sends all, the others find nothing.
    # What a rolled-back transaction noted goes with the next send: one page too many.
    pending = vars(_pending)
    pending.setdefault("ids", set()).update(article_ids)
    pending["newest"] = pending.get("newest", False) or newest
    pending["people"] = pending.get("people", False) or people
    transaction.on_commit(_send)


def clear():
    """Forget what this thread noted and has not sent (a test's rolled-back transaction)."""
    vars(_pending).clear()


def _send():
    pending = vars(_pending)
    ids, newest = sorted(pending.pop("ids", ())), pending.pop("newest", False)
    people = pending.pop("people", False)
    if not ids and not newest and not people:
        return
    try:
        warm_articles.enqueue(ids, newest, people)
        due = Article.objects.filter(
            pk__in=ids, status=Article.Status.PUBLISHED, published_at__gt=timezone.now()
        ).values_list("pk", "published_at")
        for pk, published_at in due:  # scheduled: rendered when readers can see it
            warm_articles.using(run_after=published_at).enqueue([pk], False)
    except Exception:  # a queue that is down costs readers a first render, nothing more
        logger.warning("Could not send the pages to be rendered", exc_info=True)


@task()
def warm_articles(article_ids, newest=False, people=False):
    """Render the pages of these published articles (and the newest, and with `people`
    every person's) in every language. Returns how many pages were rendered.
    """
    ids = set(article_ids)
    if newest:
        ids |= set(newest_ids())
    handler = BaseHandler()
    handler.load_middleware()
    rendered = 0
    # Each request activates its page's language: the worker's own is restored afterwards.
    with override(settings.LANGUAGE_CODE):
        paths = [
            path
            for article in Article.objects.published().filter(pk__in=ids)
            for path in addresses(article)
        ]
        if people:
            paths += person_addresses()
        for path in paths:
            response = handler.get_response(WSGIRequest(reader_environ(path)))
            if response.status_code == 200:
                rendered += 1
            else:
                logger.warning("Rendering %s for readers: %s", path, response.status_code)
    return rendered


def newest_ids(count=None):
    articles = Article.objects.published().order_by("-published_at", "-pk")
    return articles.values_list("pk", flat=True)[: count or settings.NEWS_WARM_NEWEST]


def addresses(article):
    """The article's address in each language: its translation's, else the German original's."""
    translated = languages.translation_urls(article)
    for code, _ in settings.LANGUAGES:
        if code in translated:
            yield translated[code]
        else:
            with override(code):
                yield article.get_absolute_url()


def person_addresses():
    """Every person's page in each language."""
    paths = []
    for person in Person.objects.only("slug"):
        for code, _ in settings.LANGUAGES:
            with override(code):
                paths.append(person.get_absolute_url())
    return paths


def reader_environ(path):
    """A GET of `path` at SITE_URL as an anonymous reader's browser sends it."""
    site = urlsplit(settings.SITE_URL)
    default_port = 443 if site.scheme == "https" else 80
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": site.hostname,
        "SERVER_PORT": str(site.port or default_port),
        "HTTP_HOST": site.netloc,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": site.scheme,
        "wsgi.input": io.BytesIO(),
    }
