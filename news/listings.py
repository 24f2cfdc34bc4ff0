"""The public lists of articles, newest first, as keyset lists whose SQL the ORM builds once
per process (kldigital.pagination.KeysetList): the start page, a section, a year or month, a
keyword, the articles naming a person.

Each read holds the current moment (the visibility gate) as a value, so one statement serves
every request. A keyword's list is read from its links, newest first by their copy of the
article's time (TaggedArticle.published_at) and an index on it: a page costs a few index
entries whether the keyword is in ten articles or in half of them. The articles naming a
person join their link table (Django's own, which holds no date); on SQLite, which would
read and sort all the articles of one named in many, they walk the newest articles until a
page is full once a bounded probe finds BIG_LINKS links.
"""

from operator import attrgetter

from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils import timezone

from kldigital.pagination import KeysetList
from kldigital.prebuilt import ANY_ID, ANY_MOMENT, Prebuilt, another

from .models import Article, TaggedArticle
from .models.articles import TEASER_FIELDS, visible

BIG_LINKS = 500  # on SQLite, a person named this often is listed by walking the newest


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


def tagged(now, tag):
    """The links of `tag` to articles public at `now`, each with its article as a teaser."""
    return (
        # published_at is the links' copy of their article's time: what the index is searched by.
        TaggedArticle.objects.filter(
            visible("content_object__", now), tag=tag, published_at__lte=now
        )
        .select_related("content_object")
        .only("published_at", "content_object", *(f"content_object__{f}" for f in TEASER_FIELDS))
    )


TAGGED = KeysetList(
    tagged, key="content_object_id", item=attrgetter("content_object"), now=ANY_MOMENT, tag=ANY_ID
)

Mention = Article.people.through
NAMING = KeysetList(
    lambda now, person: teasers(now).filter(people=person), now=ANY_MOMENT, person=ANY_ID
)
NAMING_WALKED = KeysetList(
    lambda now, person: teasers(now).filter(
        Exists(Mention.objects.filter(person=person, article=OuterRef("pk")))
    ),
    now=ANY_MOMENT,
    person=ANY_ID,
)
_probes = {}  # BIG_LINKS → Prebuilt


def naming(person_id, now=None):
    """The articles naming `person_id` visible at `now` (the current moment by default)."""
    walk = connection.vendor == "sqlite" and is_named_often(person_id)
    return (NAMING_WALKED if walk else NAMING).bind(now=now or timezone.now(), person=person_id)


def is_named_often(person_id):
    """Whether BIG_LINKS articles name the person: one link read past the first BIG_LINKS - 1."""
    limit = BIG_LINKS
    if limit not in _probes:
        _probes[limit] = Prebuilt(
            lambda person: Mention.objects.filter(person=person).values_list("pk")[
                limit - 1 : limit
            ],
            person=ANY_ID,
        )
    return bool(_probes[limit](person=person_id))
