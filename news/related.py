"""The automatic top-up of "Weitere Meldungen": ranked when articles change, read per request.

An article's suggestions are the closest of the newest NEWS_RELATED_CANDIDATES articles that
share its section or a keyword: most shared keywords first, then the newest. Released articles
("Freigegeben") count whether or not their time has come: the article page leaves out those
not public now (`is_published()`), so a scheduled article appears under others at its time,
and a withdrawn one disappears at once. NEWS_RELATED_STORED are kept, enough to fill the page
after the editor's own choices and the articles not (or no longer) visible are left out.

Saving an article (its status, time or section changed) or changing its keywords ranks its own
list again, then those of its closest neighbours (which it most likely joins) and of the
articles listing it. `manage.py rebuild_related` ranks every list: run it nightly, since a new
article may also belong under articles it is not close to (an untagged one of its section).
"""

import heapq
from collections import defaultdict
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from .models import Article, SuggestedArticle, TaggedArticle

RELEASED = Article.Status.PUBLISHED
NO_TAGS = frozenset()


def newest_first(published_at, pk):
    return (-published_at.timestamp(), -pk)


class Neighbourhood:
    """The newest released articles of some sections and keywords, and their keywords."""

    def __init__(self, sections=None, tags=None):
        limit = settings.NEWS_RELATED_CANDIDATES + 1  # one more: an article is not its own
        self.by_section, self.by_tag = defaultdict(list), defaultdict(list)
        articles = Article.objects.filter(status=RELEASED)
        links = TaggedArticle.objects.filter(content_object__status=RELEASED)
        if sections is not None:
            articles = articles.filter(section_id__in=sections)
            links = links.filter(tag_id__in=tags)
        order = [F("published_at").desc(), F("pk").desc()]
        rows = (
            articles.annotate(row=Window(RowNumber(), partition_by=F("section_id"), order_by=order))
            .filter(row__lte=limit)
            .values_list("pk", "section_id", "published_at")
        )
        for pk, section, published_at in rows:
            self.by_section[section].append((newest_first(published_at, pk), pk))
        order = [F("content_object__published_at").desc(), F("content_object_id").desc()]
        rows = (
            links.annotate(row=Window(RowNumber(), partition_by=F("tag_id"), order_by=order))
            .filter(row__lte=limit)
            .values_list("content_object_id", "tag_id", "content_object__published_at")
        )
        # A candidate shares keyword t with the ranked article only if it is in t's stream
        # (see rank()), so the streams also tell how many keywords each candidate shares.
        self.tags_of = defaultdict(set)
        for pk, tag, published_at in rows:
            self.by_tag[tag].append((newest_first(published_at, pk), pk))
            self.tags_of[pk].add(tag)
        for stream in (*self.by_section.values(), *self.by_tag.values()):
            stream.sort()

    def rank(self, pk, section, tags):
        """Return the pks of the closest articles to article `pk`, best first.

        The window, the newest candidates of its section and keywords, is merged from the
        streams; each stream holds one more than the window, so none runs dry too early.
        """
        count, wanted = settings.NEWS_RELATED_CANDIDATES, settings.NEWS_RELATED_STORED
        streams = [self.by_section.get(section, []), *(self.by_tag.get(t, []) for t in tags)]
        seen, window = {pk}, []
        for _, candidate in heapq.merge(*streams):
            if candidate not in seen:
                seen.add(candidate)
                window.append(candidate)
                if len(window) == (count if tags else wanted):
                    break
        if not tags:
            return window
        by_shared = defaultdict(list)
        for candidate in window:  # newest first, so each group stays newest first
            by_shared[len(self.tags_of.get(candidate, NO_TAGS) & tags)].append(candidate)
        best = (pk for shared in sorted(by_shared, reverse=True) for pk in by_shared[shared])
        return list(islice(best, wanted))


def store(targets, hood):
    """Replace the suggestions of `targets` ({pk: (section, tags)}) as ranked in `hood`."""
    rows = [
        SuggestedArticle(article_id=pk, suggestion_id=suggestion, rank=rank)
        for pk, (section, tags) in targets.items()
        for rank, suggestion in enumerate(hood.rank(pk, section, tags))
    ]
    with transaction.atomic():
        SuggestedArticle.objects.filter(article_id__in=list(targets)).delete()
        SuggestedArticle.objects.bulk_create(rows, batch_size=5000)


def targets_of(pks):
    targets = {
        pk: (section, set())
        for pk, section in Article.objects.filter(pk__in=pks).values_list("pk", "section_id")
    }
    for pk, tag in TaggedArticle.objects.filter(content_object_id__in=pks).values_list(
        "content_object_id", "tag_id"
    ):
        targets[pk][1].add(tag)
    return targets


def refresh(pks):
    """Rank the suggestions of the articles `pks` again."""
    targets = targets_of(list(pks))
    if targets:
        sections = {section for section, _ in targets.values()}
        tags = set().union(*(tags for _, tags in targets.values()))
        store(targets, Neighbourhood(sections, tags))


def refresh_around(pk, holders=()):
    """Rank an article's suggestions again, then its neighbours' and `holders`' (who list it)."""
    refresh([pk])
    neighbours = SuggestedArticle.objects.filter(article_id=pk).values_list(
        "suggestion_id", flat=True
    )
    refresh({*neighbours, *holders} - {pk})


def holders_of(pk):
    """Return the articles listing `pk`, the newest first, as many as the window has."""
    return list(
        SuggestedArticle.objects.filter(suggestion_id=pk)
        .order_by("-article__published_at")
        .values_list("article_id", flat=True)[: settings.NEWS_RELATED_CANDIDATES]
    )


def rebuild(batch=5000, progress=None):
    """Rank the suggestions of every article; return how many articles were ranked."""
    hood = Neighbourhood()
    pks = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    sections = dict(Article.objects.values_list("pk", "section_id"))
    tags = defaultdict(set)
    for pk, tag in TaggedArticle.objects.values_list("content_object_id", "tag_id"):
        tags[pk].add(tag)
    for start in range(0, len(pks), batch):
        chunk = pks[start : start + batch]
        store({pk: (sections[pk], tags.get(pk, NO_TAGS)) for pk in chunk}, hood)
        if progress:
            progress(start + len(chunk))
    return len(pks)


RANKED_FIELDS = ("status", "section_id", "published_at")


def article_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_ranked_state", None)
    if instance.get_deferred_fields() & {"status", "section", "section_id", "published_at"}:
        now = None  # not loaded: rank again rather than load them
    else:
        now = instance._ranked_state = tuple(getattr(instance, f) for f in RANKED_FIELDS)
    if created or now is None or before != now:
        refresh_around(instance.pk, () if created else holders_of(instance.pk))


def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Article):
        refresh_around(instance.pk, holders_of(instance.pk))
    elif pk_set:  # a keyword's articles changed from the keyword's side
        refresh(pk_set)


def article_deleting(sender, instance, **kwargs):
    instance._holders = holders_of(instance.pk)


def article_deleted(sender, instance, **kwargs):
    refresh(set(getattr(instance, "_holders", ())) - {instance.pk})


def connect_signals():
    uid = "related-suggestions"
    post_save.connect(article_saved, sender=Article, dispatch_uid=uid)
    m2m_changed.connect(tags_changed, sender=TaggedArticle, dispatch_uid=uid)
    pre_delete.connect(article_deleting, sender=Article, dispatch_uid=uid)
    post_delete.connect(article_deleted, sender=Article, dispatch_uid=uid)
