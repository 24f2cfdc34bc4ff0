"""Extension points through which another app adds to the directory, unknown to people.

people imports no other app of the portal. An app that reports on people (news) registers
here, in its AppConfig.ready(), a source finder (which published document reports which
term: cited on the person page and in the Popolo export), a mention finder (the writing
that names a person, listed on the person page) and the person page's kept parts (rendered
once, valid while what they show is unchanged). Without registrations the directory shows
no sources and no mentions, renders every part, and works all the same.
"""

from dataclasses import dataclass
from datetime import datetime

_source_finders = []
_mention_finders = []
_kept_parts = []


@dataclass(frozen=True)
class Source:
    """A published document that reports a term; `url` is its address on this site."""

    title: str
    url: str
    published_at: datetime


def register_source_finder(finder):
    """Add `finder(terms) -> {term pk: Source}`; `terms` is a queryset or a list of terms."""
    _source_finders.append(finder)


def register_mention_finder(finder):
    """Add `finder(person) -> teasers` for the person page: a kldigital.pagination.Listing,
    paginated, or a sequence, of which the first page is shown."""
    _mention_finders.append(finder)


def register_kept_parts(factory):
    """Add `factory(person, language) -> parts` for the person page: `parts.complete`,
    `parts.get(name)`, `parts.keep(name, html, context)` and `parts.flush()`."""
    _kept_parts.append(factory)


def sources_for(terms):
    """Return the published sources of `terms` by term pk, from every registered finder."""
    sources = {}
    for finder in _source_finders:
        sources.update(finder(terms))
    return sources


def mentions_of(person):
    """Return what names `person`, from the first registered finder; empty without one."""
    return _mention_finders[0](person) if _mention_finders else []


def kept_parts_of(person, language):
    """Return the person page's kept parts in `language`, or None: render them all."""
    return _kept_parts[0](person, language) if _kept_parts else None
