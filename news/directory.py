"""What news adds to the people directory: the sources of terms and the articles naming a person.

people never imports news; `register()` (called from NewsConfig.ready) hands these finders to
`people.extensions`, which the person page and the Popolo export ask.
"""

from people import extensions

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
    """Return the published articles that name `person`, newest first, as teasers."""
    links = Article.people.through.objects.filter(person=person)
    return Article.objects.published().for_teasers().linked(links, "article", people=person)


def register():
    extensions.register_source_finder(term_sources)
    extensions.register_mention_finder(articles_naming)
