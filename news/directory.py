"""What news adds to the people directory: the sources of terms, the articles naming a person,
and the person page's parts kept rendered.

people never imports news; `register()` (called from NewsConfig.ready) hands these to
`people.extensions`, which the person page and the Popolo export ask.
"""

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from people import extensions

from . import listings, warming
from .caching import PEOPLE, SOURCES, invalidate
from .context_processors import chrome
from .fragments import KeptParts
from .models import Article, TermSource
from .models.articles import visible


def term_sources(terms):
    """Return the published source article of each of `terms`, as people's Sources by term pk."""
    links = (
        TermSource.objects.filter(visible("article__"), term__in=terms)
        .select_related("article")
        .only("term_id", "article__title", "article__slug", "article__published_at")
    )
    return {
        link.term_id: extensions.Source(
            title=link.article.title,
            url=link.article.get_absolute_url(),
            published_at=link.article.published_at,
        )
        for link in links
    }


def articles_naming(person):
    """Return the published articles that name `person`, as a Listing of teasers."""
    return listings.naming(person.pk)


class PersonParts(KeptParts):
    """The person page's head and directory part (offices, predecessors, their sources), kept
    per person and language while the directory and the cited sources stay as they were; the
    articles naming the person are listed anew. A source whose article is scheduled appears
    at its time: nothing kept is used past the next scheduled article's."""

    parts = ("head", "directory")

    def __init__(self, person, language):
        super().__init__(f"person:{person.pk}", language, [PEOPLE, SOURCES])

    def details(self, context):
        return (chrome(context.get("request")).expires,)  # when the next scheduled one appears

    def is_current(self, entry):
        return entry[2] is None or timezone.now() < entry[2]


def sources_changed(sender=None, **kwargs):
    invalidate(SOURCES)
    warming.people_changed()


def cited_article_changed(sender, instance, **kwargs):
    if TermSource.objects.filter(article_id=instance.pk).exists():
        sources_changed()


def register():
    extensions.register_source_finder(term_sources)
    extensions.register_mention_finder(articles_naming)
    extensions.register_kept_parts(PersonParts)
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(sources_changed, sender=TermSource, dispatch_uid=f"sources-{name}")
    post_save.connect(cited_article_changed, sender=Article, dispatch_uid="sources-article")
