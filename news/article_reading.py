"""How the article page reads its article: one row with flags, its relations only to render.

Most requests find the page's parts kept (news.fragments) and need the article's row alone.
Its query is built by the ORM once per process and database (building it cost more than
the database answering it) and run as raw SQL with the address in place of a placeholder.
Whether the article is public is asked of the row (`is_published()`), not in the SQL, so
the statement holds no moment and staff who may preview get drafts from the same statement.
"""

from functools import cache as once

from django.db import router
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects

from people.models import Person

from .models import Article, ArticleTranslation, Correction, EasyReadVersion, ExternalLink

PLACEHOLDERS = {"slug": "\0slug\0", "pk": -(2**62)}  # values no address ever has
EMPTY_FLAGS = {"corrections": "has_corrections", "links": "has_links", "people": "has_people"}


class ArticlePageReader:
    """Finds one article as the page shows it; `get_object_or_404` takes it for a queryset."""

    model = Article

    def __init__(self, may_preview=False):
        self.may_preview = may_preview

    def get(self, **lookup):
        """Return the article of `slug=` or `pk=`; Article.DoesNotExist if none is shown."""
        ((field, value),) = lookup.items()
        database = router.db_for_read(Article)
        sql, params = page_sql(database, field)
        params = [value if param == PLACEHOLDERS[field] else param for param in params]
        found = list(Article.objects.db_manager(database).raw(sql, params))
        if not found or not (self.may_preview or found[0].is_published()):
            raise Article.DoesNotExist(f"No article is shown at {field}={value!r}.")
        return found[0]


@once
def page_sql(database, field):
    """Return (SQL, params) of the article page's read by `field`, with its placeholder."""
    articles = Article.objects.using(database).annotate(
        # Whether it has each is asked with the row (EXISTS on indexed keys): most have none
        # of them, and asking apart costs ~0.5 ms each. Translations: released ones; whether
        # their article is public is asked when there are any.
        has_corrections=Exists(Correction.objects.filter(article=OuterRef("pk"))),
        has_links=Exists(ExternalLink.objects.filter(article=OuterRef("pk"))),
        has_people=Exists(
            Article.people.through.objects.filter(
                **{Article.people.field.m2m_field_name(): OuterRef("pk")}
            )
        ),
        has_translations=Exists(
            ArticleTranslation.objects.filter(article=OuterRef("pk"), is_released=True)
        ),
        has_easy_read=Exists(EasyReadVersion.objects.filter(article=OuterRef("pk"))),
    )
    query = articles.filter(**{field: PLACEHOLDERS[field]}).query
    return query.get_compiler(database).as_sql()


def easy_read_of(article):
    """Return the article's Leichte-Sprache version, read only when its flag says there is one."""
    return article.easy_read if article.has_easy_read else None


def prefetch_page_relations(article):
    """Read what the article page lists, skipping the relations its flags say are empty.

    Those are marked read as empty in Django's prefetch cache: prefetching them would build
    a query (~0.4 ms each) to find nothing.
    """
    lookups = ["tags"]
    if article.author_id:
        lookups.append("author")
    if article.has_corrections:
        lookups.append("corrections")
    if article.has_links:
        lookups.append(Prefetch("links", queryset=ExternalLink.objects.order_by("order", "pk")))
    if article.has_people:
        lookups.append(Prefetch("people", queryset=Person.objects.with_terms().order_by("name")))
    prefetch_related_objects([article], *lookups)
    read = vars(article).setdefault("_prefetched_objects_cache", {})
    for relation, flag in EMPTY_FLAGS.items():
        if not getattr(article, flag):
            read[relation] = Article._meta.get_field(relation).related_model.objects.none()
