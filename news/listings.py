"""The public lists of articles, newest first, as keyset lists whose SQL the ORM builds once
per process (kldigital.pagination.KeysetList): the start page, a section, a year or month, a
keyword, the articles naming a person.

Each read holds the current moment (the visibility gate) as a value, so one statement serves
every request. A keyword's list is read from its links, newest first by their copy of the
article's time (TaggedArticle.published_at) and an index on it: a page costs a few index
entries whether the keyword is in ten articles or in half of them. The articles naming a
person join their link table; on SQLite, which would read and sort all the articles of one
named in many, they walk the newest articles until a page is full once a bounded probe
finds BIG_LINKS links.
"""

from operator import attrgetter

from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils import timezone

from kldigital.pagination import KeysetList
from kldigital.prebuilt import ANY_ID, ANY_MOMENT, Prebuilt, another

from .models import Article, TaggedArticle
from .models.articles import TEASER_FIELDS, visible

BIG_LINKS = 500  # a keyword or person in this many articles is listed by walking the newest


def teasers(now):
    return Article.objects.published(now).for_teasers()


NEWEST = KeysetList(teasers, now=ANY_MOMENT)
IN_SECTION = KeysetList(
    lambda now, section: teasers(now).filter(section=section), now=ANY_MOMENT, section=ANY_ID
)
IN_SPAN = KeysetList(
    lambda now, start, end: teasers(now).filter(published_at__gte=start, published_at__lt=end),
    now=ANY_MOMENT,
    start=another(ANY_MOMENT, 1),
    end=another(ANY_MOMENT, 2),
)


class LinkedList:
    """The articles a link table (`links`) ties to one owner (a keyword, a person)."""

    def __init__(self, links, owner_field, article_field, join):
        def linked(now, owner):
            return teasers(now).filter(**{join: owner})

        def walked(now, owner):
            mine = links.objects.filter(**{owner_field: owner, article_field: OuterRef("pk")})
            return teasers(now).filter(Exists(mine))

        self.links, self.owner_field = links, owner_field
        self.joined = KeysetList(linked, now=ANY_MOMENT, owner=ANY_ID)
        self.walked = KeysetList(walked, now=ANY_MOMENT, owner=ANY_ID)
        self.probes = {}  # BIG_LINKS → Prebuilt

    def bind(self, owner_id, now=None):
        """The list of `owner_id`'s articles visible at `now` (the current moment by default)."""
        now = now or timezone.now()
        many = connection.vendor == "sqlite" and self.has_many(owner_id)
        return (self.walked if many else self.joined).bind(now=now, owner=owner_id)

    def has_many(self, owner_id):
        """Whether `owner_id` has BIG_LINKS links: one row read past the first BIG_LINKS - 1."""
        limit = BIG_LINKS
        if limit not in self.probes:

            def probe(owner):
                links = self.links.objects.filter(**{self.owner_field: owner})
                return links.values_list("pk")[limit - 1 : limit]

            self.probes[limit] = Prebuilt(probe, owner=ANY_ID)
        return bool(self.probes[limit](owner=owner_id))


def tagged(now, tag):
    """The links of `tag` to articles public at `now`, each with its article as a teaser."""
    return (
        TaggedArticle.objects.filter(visible("content_object__", now), tag=tag)
        .filter(published_at__lte=now)  # the copy: what the index is searched by
        .select_related("content_object")
        .only("published_at", "content_object", *(f"content_object__{f}" for f in TEASER_FIELDS))
    )


TAGGED = KeysetList(
    tagged, key="content_object_id", item=attrgetter("content_object"), now=ANY_MOMENT, tag=ANY_ID
)
NAMING = LinkedList(Article.people.through, "person", "article", join="people")
