"""How the article page reads its article: one row with flags, its relations only to render.

Most requests find the page's parts kept (news.fragments) and need the article's row alone.
Its read, and those of the keywords and people a first render lists, are built by the ORM
once per process and database (kldigital.prebuilt): building them cost more than the
database answering them.
Whether the article is public is asked of the row (`is_published()`), not in the SQL, so
the statement holds no moment and staff who may preview get drafts from the same statement.
"""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects

from kldigital.prebuilt import ANY_ID, ANY_SLUG, Prebuilt, mark_read
from people.models import Person, Term

from .models import (
    Article,
    ArticleTranslation,
    Correction,
    EasyReadVersion,
    ExternalLink,
    Mention,
    Tag,
)

EMPTY_FLAGS = {"corrections": "has_corrections", "links": "has_links", "people": "has_people"}


def article_page_rows(**lookup):
    """The article of `lookup` with the flags of what the page lists."""
    return Article.objects.annotate(
        # Whether it has each is asked with the row (EXISTS on indexed keys): most have none
        # of them, and asking apart costs ~0.5 ms each. Translations: released ones; whether
        # their article is public is asked when there are any.
        has_corrections=Exists(Correction.objects.filter(article=OuterRef("pk"))),
        has_links=Exists(ExternalLink.objects.filter(article=OuterRef("pk"))),
        has_people=Exists(Mention.objects.filter(article=OuterRef("pk"))),
        has_translations=Exists(
            ArticleTranslation.objects.filter(article=OuterRef("pk"), is_released=True)
        ),
        has_easy_read=Exists(EasyReadVersion.objects.filter(article=OuterRef("pk"))),
    ).filter(**lookup)


READS = {
    "slug": Prebuilt(lambda slug: article_page_rows(slug=slug), slug=ANY_SLUG),
    "pk": Prebuilt(lambda pk: article_page_rows(pk=pk), pk=ANY_ID),
}
# What the page lists: keywords as the editor added them, people by name with their terms.
TAGS = Prebuilt(
    lambda pk: Tag.objects.filter(tagged_articles__content_object=pk).order_by(
        "tagged_articles__pk"
    ),
    pk=ANY_ID,
)
PEOPLE = Prebuilt(lambda pk: Person.objects.filter(articles=pk).order_by("name"), pk=ANY_ID)
TERMS = Prebuilt(
    lambda pk: Term.objects.filter(person__articles=pk).select_related("post__organization"),
    pk=ANY_ID,
)


class ArticlePageReader:
    """Finds one article as the page shows it; `get_object_or_404` takes it for a queryset."""

    model = Article

    def __init__(self, may_preview=False):
        self.may_preview = may_preview

    def get(self, **lookup):
        """Return the article of `slug=` or `pk=`; Article.DoesNotExist if none is shown."""
        ((field, value),) = lookup.items()
        found = READS[field](**lookup)
        if not found or not (self.may_preview or found[0].is_published()):
            raise Article.DoesNotExist(f"No article is shown at {field}={value!r}.")
        return found[0]


def easy_read_of(article):
    """Return the article's Leichte-Sprache version, read only when its flag says there is one."""
    return article.easy_read if article.has_easy_read else None


def prefetch_page_relations(article):
    """Read what the article page lists, skipping the relations its flags say are empty.

    Keywords, people and their terms are prebuilt reads; the rarer author, corrections and
    links go through prefetch_related. Empty relations are marked read as empty.
    """
    mark_read(article, "tags", Tag, TAGS(pk=article.pk))
    if article.has_people:
        mark_read(article, "people", Person, people_with_terms(article.pk))
    lookups = []
    if article.author_id:
        lookups.append("author")
    if article.has_corrections:
        lookups.append("corrections")
    if article.has_links:
        lookups.append(Prefetch("links", queryset=ExternalLink.objects.order_by("order", "pk")))
    prefetch_related_objects([article], *lookups)
    for relation, flag in EMPTY_FLAGS.items():
        if not getattr(article, flag):
            mark_read(article, relation, Article._meta.get_field(relation).related_model, [])


def people_with_terms(article_id):
    """The people an article names, by name, each with its terms (Person.with_terms())."""
    terms = defaultdict(list)
    for term in TERMS(pk=article_id):
        terms[term.person_id].append(term)
    people = PEOPLE(pk=article_id)
    for person in people:
        for term in terms[person.pk]:
            term.person = person  # its title depends on the holder
        mark_read(person, "terms", Term, terms[person.pk])
    return people
