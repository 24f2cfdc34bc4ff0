"""Extension points through which another app adds to the directory, unknown to people.

people imports no other app of the portal. An app that reports on people (news) registers
here, in its AppConfig.ready(), a source finder (which published document reports which
term: cited on the person page and in the Popolo export) and a mention finder (the writing
that names a person, listed on the person page). Without registrations the directory shows
neither, and works all the same.
"""

from dataclasses import dataclass
from datetime import datetime

_source_finders = []
_mention_finders = []


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
    """Add `finder(person) -> a sliceable sequence of teasers` for the person page."""
    _mention_finders.append(finder)


def sources_for(terms):
    """Return the published sources of `terms` by term pk, from every registered finder."""
    sources = {}
    for finder in _source_finders:
        sources.update(finder(terms))
    return sources


def mentions_of(person):
    """Return what names `person`, from the first registered finder; empty without one."""
    return _mention_finders[0](person) if _mention_finders else []
