"""The public lists of articles, newest first, as keyset lists whose SQL the ORM builds once
per process (kldigital.pagination.KeysetList): the start page, a section, a year or month, a
keyword, the articles naming a person.

Each read holds the current moment (the visibility gate) as a value, so one statement serves
every request. A keyword's list is read from its links, newest first by their copy of the
article's time (TaggedArticle.published_at) and an index on it: a page costs a few index
entries whether the keyword is in ten articles or in half of them. The articles naming a
person are read from their links (Mention) the same way.
"""

from operator import attrgetter

from django.utils import timezone

from kldigital.pagination import KeysetList
from kldigital.prebuilt import ANY_ID, ANY_MOMENT, another

from .models import Article, Mention, TaggedArticle
from .models.articles import TEASER_FIELDS, visible


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


def dated_links(links, article, now):
    """Return those of `links` whose article (the field `article`) is public at `now`, each
    with its article as a teaser: links that keep their article's time (`published_at`)."""
    return (
        # published_at is the link's copy of its article's time: what the index is searched by.
        links.filter(visible(f"{article}__", now), published_at__lte=now)
        .select_related(article)
        .only("published_at", article, *(f"{article}__{field}" for field in TEASER_FIELDS))
    )


TAGGED = KeysetList(
    lambda now, tag: dated_links(TaggedArticle.objects.filter(tag=tag), "content_object", now),
    key="content_object_id",
    item=attrgetter("content_object"),
    now=ANY_MOMENT,
    tag=ANY_ID,
)
NAMING = KeysetList(
    lambda now, person: dated_links(Mention.objects.filter(person=person), "article", now),
    key="article_id",
    item=attrgetter("article"),
    now=ANY_MOMENT,
    person=ANY_ID,
)


def naming(person_id, now=None):
    """The articles naming `person_id` visible at `now` (the current moment by default)."""
    return NAMING.bind(now=now or timezone.now(), person=person_id)
