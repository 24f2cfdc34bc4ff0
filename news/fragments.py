"""Parts of the article page kept rendered across publishes (issue 18).

A publish stamps "news" and with it every cached page; yet an article's own text, keywords,
corrections, links and named people rarely change then. Its page keeps those parts (the
head's metadata, the article text down to the people it names, and its action row) in the
shared cache per article, translation and language, valid while none of these tags changed
since they were rendered:

- "article:<id>": the article, its translations, links, keywords, people and Leichte-Sprache
  version (a correction saves its article);
- "fragments": what many articles show: keyword names, sections, the site's standing data;
- "people": persons, their offices and organisations (news.caching stamps it).

A hit needs the article row alone: its relations and translations are not read. Previews
are never kept. Parts made stale by a change are rendered again by the task worker
(news.warming) before a reader asks. `KeptParts` is the mechanism; the person page keeps
its parts with it too (news.directory.PersonParts).
"""

import hashlib
import time
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from people.models import Person

from . import warming
from .caching import PEOPLE, deleted_with, invalidate, tag_key
from .models import Article

SHARED = "fragments"
PARTS = ("head", "body", "actions")
FORMAT = 5  # of the kept entries: (rendered at, {part: html}, *details); a new shape, a new number


@once
def release():
    """Return a short hash of the templates and catalogues: a deployment keeps nothing older."""
    digest = hashlib.sha256()
    for pattern in ("templates/**/*.html", "locale/**/*.mo"):
        for path in sorted(Path(settings.BASE_DIR).glob(pattern)):
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\0".encode())
    return digest.hexdigest()[:12]


def article_tag(article_id):
    return f"article:{article_id}"


class KeptParts:
    """The kept parts of one page in one language, read with their tags' stamps in one round
    trip. A page renders its parts together, so they are kept together, in one entry: one
    write on a miss instead of one per part. An entry missing or older than a stamp is
    rendered and kept (`keep`, then `flush`)."""

    parts = ()

    def __init__(self, page, language, tags):
        self.key = f"fragment:{release()}:{FORMAT}:{page}:{language}"
        self.tags = [tag_key(tag) for tag in tags]
        self.rendered_at = time.time_ns()  # before anything is read: a change meanwhile wins
        self.found, self.pending, self.pending_details = {}, {}, None
        try:
            entries = cache.get_many([self.key, *self.tags])
        except Exception:  # a cache outage: render everything, keep nothing
            self.tags = None
            return
        stamps = [entries.get(tag) for tag in self.tags]
        for tag, stamp in zip(self.tags, stamps, strict=True):
            if stamp is None:  # a lost stamp: what was kept under it is stale
                cache.add(tag, 0, timeout=None)
        if None in stamps:
            return
        entry = entries.get(self.key)
        if entry is not None and all(stamp < entry[0] for stamp in stamps):
            if self.is_current(entry):
                self.found = entry[1]
                self.found_entry(entry)

    def is_current(self, entry):
        """Whether a kept entry that no change made stale still holds (see `details`)."""
        return True

    def found_entry(self, entry):
        """Take what else a found entry holds (see `details`)."""

    def details(self, context):
        """Return what the entry holds beside the parts, rendered in `context`."""
        return ()

    @property
    def complete(self):
        return all(part in self.found for part in self.parts)

    def get(self, part):
        return self.found.get(part)

    def keep(self, part, html, context):
        """Keep a part rendered on a miss ({% kept %}), stored once the page is rendered."""
        if self.tags is not None:
            self.pending[part] = html
            if self.pending_details is None:
                self.pending_details = self.details(context)

    def flush(self, response=None):
        """Store the parts rendered on a miss, with those found: one write once the page is
        rendered."""
        pending, self.pending = self.pending, {}
        if pending:
            entry = (self.rendered_at, self.found | pending, *self.pending_details)
            try:
                cache.set(self.key, entry, timeout=24 * 3600)
            except Exception:  # a cache outage: rendered again next time
                pass


class ArticleFragments(KeptParts):
    """The kept parts of one article page; a hit needs the article row alone."""

    parts = PARTS

    def __init__(self, article, translation, language):
        translation_id = translation.pk if translation else 0
        self.named_person_ids = self.translation_urls = None
        tags = [article_tag(article.pk), SHARED, PEOPLE]
        super().__init__(f"article:{article.pk}:{translation_id}", language, tags)

    def found_entry(self, entry):
        self.named_person_ids, self.translation_urls = entry[2], entry[3]

    def details(self, context):
        """Whom the article names, and its addresses in its languages
        (languages.translation_urls(): the page needs them on a hit too)."""
        people = sorted(person.pk for person in context["article"].people.all())
        return people, context.get("translation_urls")


def stale(*article_ids):
    """These articles' kept parts are out of date: the task worker renders them again."""
    invalidate(*map(article_tag, article_ids))
    for article_id in article_ids:
        warming.article_changed(article_id)


def article_relation_changed(sender, instance, **kwargs):
    stale(instance.article_id)


def article_changed(sender, instance, **kwargs):
    stale(instance.pk)


def mention_changed(sender, instance, origin=None, **kwargs):
    if not deleted_with(origin, Article, Person):
        stale(instance.article_id)


def tagging_changed(sender, instance, **kwargs):
    stale(instance.content_object_id)


def m2m_relation_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    """An article's people or keywords changed: from the article's side or the other one."""
    if not action.startswith("post_"):
        return
    if not reverse:
        stale(instance.pk)
    elif pk_set:
        stale(*pk_set)
    else:  # cleared from the other side: which articles is not told
        shared_changed(sender)


def shared_changed(sender, **kwargs):
    invalidate(SHARED)
    warming.many_changed()


def people_changed(sender, **kwargs):
    """news.caching stamps PEOPLE, which the kept parts check; their pages are rendered anew,
    and the person pages (news.directory.PersonParts)."""
    warming.many_changed()
    warming.people_changed()


def connect_signals():
    from people.models import Organization, Post, Term

    from .corrections import Correction
    from .models import (
        ArticleTranslation,
        EasyReadVersion,
        ExternalLink,
        Mention,
        Section,
        SignLanguageVideo,
        Tag,
        TaggedArticle,
    )

    handlers = {
        Article: article_changed,
        ArticleTranslation: article_relation_changed,
        Correction: article_relation_changed,
        EasyReadVersion: article_relation_changed,
        ExternalLink: article_relation_changed,
        Mention: mention_changed,
        TaggedArticle: tagging_changed,
        Tag: shared_changed,
        Section: shared_changed,
        SignLanguageVideo: shared_changed,
        Person: people_changed,
        Term: people_changed,
        Post: people_changed,
        Organization: people_changed,
    }
    for model, handler in handlers.items():
        for signal in (post_save, post_delete):
            signal.connect(handler, sender=model, dispatch_uid=f"fragments-{model.__name__}")
    for through in (Mention, TaggedArticle):
        m2m_changed.connect(
            m2m_relation_changed, sender=through, dispatch_uid=f"fragments-m2m-{through.__name__}"
        )
