"""The index: which text of an article or a person is stored, and keeping it current."""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from people.models import Person

from ..caching import deleted_with
from ..models import Article, Mention, Tag, TaggedArticle
from .analysis import html_to_text, terms
from .backends import backend

ARTICLE_TABLE = "news_article_search"
PERSON_TABLE = "news_person_search"

ARTICLE_COLUMNS = (
    ("title", "A", 10.0),
    ("tags", "B", 6.0),
    ("people", "B", 6.0),
    ("lead", "C", 3.0),
    ("body", "D", 1.0),
)
PERSON_COLUMNS = (("name", "A", 1.0),)
PUBLISHED = "published"  # Article.Status.PUBLISHED, also for the historical models of migrations


def article_document(title, lead, body, tag_names, person_names):
    """Return the index keys of one article per column, each as a space-separated string."""
    return {
        "title": " ".join(terms(title)),
        "tags": " ".join(terms(" ".join(tag_names))),
        "people": " ".join(terms(" ".join(person_names))),
        "lead": " ".join(terms(lead)),
        "body": " ".join(terms(html_to_text(body))),
    }


def person_label(name, honorific=""):
    return f"{honorific} {name}".strip()


def _article_rows(article_ids, apps):
    """Yield (pk, document) for the given articles, reading tags and people in two queries."""
    article_model = apps.get_model("news", "Article")
    tagged_model = apps.get_model("news", "TaggedArticle")
    mentions = article_model.people.through
    tags, people = {}, {}
    taggings = tagged_model.objects.filter(content_object_id__in=article_ids)
    for article_id, name in taggings.values_list("content_object_id", "tag__name"):
        tags.setdefault(article_id, []).append(name)
    named = mentions.objects.filter(article_id__in=article_ids)
    for article_id, name, honorific in named.values_list(
        "article_id", "person__name", "person__honorific"
    ):
        people.setdefault(article_id, []).append(person_label(name, honorific))
    articles = article_model.objects.filter(pk__in=article_ids).order_by("pk")
    fields = ("pk", "title", "lead", "body", "status", "published_at")
    for pk, title, lead, body, status, published_at in articles.values_list(*fields):
        document = article_document(title, lead, body, tags.get(pk, []), people.get(pk, []))
        # The rule of Article.objects.published(), kept in the index: released articles are
        # visible from their date on (so scheduled ones appear without re-indexing), others never.
        document["visible_from"] = published_at if status == PUBLISHED else None
        yield pk, document


def _person_rows(person_ids, apps):
    person_model = apps.get_model("people", "Person")
    persons = person_model.objects.filter(pk__in=person_ids).values_list("pk", "name", "honorific")
    for pk, name, honorific in persons.order_by("pk"):
        yield pk, {"name": " ".join(terms(person_label(name, honorific)))}


@dataclass(frozen=True)
class IndexSpec:
    """One search index: its table, the table it indexes, its columns and the tie-break order.

    `columns` are (document key, PostgreSQL weight, FTS5 bm25 weight). A `dated` index also
    stores when each entry becomes visible (the document's "visible_from", None for never):
    the backends then gate and order by it inside the index and rank only the newest
    matches, and `tie_break` (SQL over the source table "src") is not used.
    """

    table: str
    source: str
    columns: tuple
    tie_break: str
    dated: bool = False


ARTICLE_INDEX = IndexSpec(
    ARTICLE_TABLE,
    "news_article",
    ARTICLE_COLUMNS,
    'src."published_at" DESC, src."id" DESC',
    dated=True,
)
PERSON_INDEX = IndexSpec(PERSON_TABLE, "people_person", PERSON_COLUMNS, 'src."name", src."id"')


def index_articles(article_ids, apps=global_apps, db=None, fresh=False):
    """Write the index entries of the given articles; ids of deleted articles are removed.

    `fresh` says the index holds none of them yet (a rebuild), which saves the deletes.
    """
    _write_index(ARTICLE_INDEX, article_ids, _article_rows, apps, db, fresh)


def index_people(person_ids, apps=global_apps, db=None, fresh=False):
    """Write the index entries of the given people; ids of deleted people are removed."""
    _write_index(PERSON_INDEX, person_ids, _person_rows, apps, db, fresh)


def _write_index(index, ids, make_rows, apps, db, fresh=False):
    ids = list(ids)
    if not ids:
        return
    db = db or connection
    rows = list(make_rows(ids, apps))
    search = backend(db.vendor)
    with db.cursor() as cursor:
        search.write(cursor, index, rows, fresh=fresh)
        gone = set(ids) - {pk for pk, _ in rows}
        if gone and not fresh:
            search.delete(cursor, index, gone)


def rebuild_index(apps=global_apps, db=None, batch_size=2000):
    """Index every article and person again; return how many of each were indexed.

    `apps` and `db` (a connection) let a migration run this with its historical models.
    """
    db = db or connection
    search = backend(db.vendor)
    counts = []
    for spec, model, index in (
        (ARTICLE_INDEX, apps.get_model("news", "Article"), index_articles),
        (PERSON_INDEX, apps.get_model("people", "Person"), index_people),
    ):
        with transaction.atomic(using=db.alias), db.cursor() as cursor:
            search.clear(cursor, spec)
            search.rebuilding(cursor, spec)
        pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), batch_size):
            # One transaction per batch: one commit, and on SQLite one FTS5 segment, per batch.
            with transaction.atomic(using=db.alias):
                index(pks[start : start + batch_size], apps=apps, db=db, fresh=True)
        # A rebuild that fails before this point is half done anyway: run it again.
        with db.cursor() as cursor:
            search.optimize(cursor, spec)
        counts.append(len(pks))
    return tuple(counts)


def _article_saved(sender, instance, **kwargs):
    index_articles([instance.pk])


def _article_deleted(sender, instance, **kwargs):
    with connection.cursor() as cursor:
        backend().delete(cursor, ARTICLE_INDEX, [instance.pk])


def _article_relations_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Re-index after tags or people of an article change, from either side of the relation."""
    if not reverse:
        if action.startswith("post_"):
            index_articles([instance.pk])
        return
    field = "tags" if sender is TaggedArticle else "people"
    if action == "pre_clear":
        instance._search_article_ids = list(
            Article.objects.filter(**{field: instance}).values_list("pk", flat=True)
        )
    elif action == "post_clear":
        index_articles(getattr(instance, "_search_article_ids", []))
    elif action in ("post_add", "post_remove"):
        index_articles(pk_set or [])


def _tag_saved(sender, instance, created, **kwargs):
    if not created:  # a renamed keyword changes the documents of its articles
        index_articles(Article.objects.filter(tags=instance).values_list("pk", flat=True))


def _tagging_deleted(sender, instance, origin=None, **kwargs):
    # When the article itself is being deleted, its own post_delete removes the entry.
    if not deleted_with(origin, Article):
        index_articles([instance.content_object_id])


def _mention_changed(sender, instance, origin=None, **kwargs):
    """A link to a person saved or deleted on its own (the article form, a restored version)."""
    if not deleted_with(origin, Article, Person):  # else their own signals re-index
        index_articles([instance.article_id])


def _person_saved(sender, instance, **kwargs):
    index_people([instance.pk])
    index_articles(instance.articles.values_list("pk", flat=True))


def _person_deleting(sender, instance, **kwargs):
    instance._search_article_ids = list(instance.articles.values_list("pk", flat=True))


def _person_deleted(sender, instance, **kwargs):
    with connection.cursor() as cursor:
        backend().delete(cursor, PERSON_INDEX, [instance.pk])
    index_articles(getattr(instance, "_search_article_ids", []))


def connect_signals():
    uid = "news.search"
    post_save.connect(_article_saved, sender=Article, dispatch_uid=f"{uid}.article_saved")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid=f"{uid}.article_deleted")
    for through in (TaggedArticle, Mention):
        m2m_changed.connect(
            _article_relations_changed,
            sender=through,
            dispatch_uid=f"{uid}.relations.{through.__name__}",
        )
    post_save.connect(_tag_saved, sender=Tag, dispatch_uid=f"{uid}.tag_saved")
    post_delete.connect(
        _tagging_deleted, sender=TaggedArticle, dispatch_uid=f"{uid}.tagging_deleted"
    )
    post_save.connect(_mention_changed, sender=Mention, dispatch_uid=f"{uid}.mention_saved")
    post_delete.connect(_mention_changed, sender=Mention, dispatch_uid=f"{uid}.mention_deleted")
    post_save.connect(_person_saved, sender=Person, dispatch_uid=f"{uid}.person_saved")
    pre_delete.connect(_person_deleting, sender=Person, dispatch_uid=f"{uid}.person_deleting")
    post_delete.connect(_person_deleted, sender=Person, dispatch_uid=f"{uid}.person_deleted")
