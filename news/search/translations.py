"""Search in article translations, each in the analysis of its own language.

German stays as `analysis` does it. English is folded like German and stemmed with Snowball
English after a short stop list; Arabic is stemmed with Snowball Arabic, which also drops
the short vowels and unifies the forms of alef and hamza; Ukrainian is case-folded only
(the installed snowballstemmer has no Ukrainian, and the Russian one would mangle it).
All translations share one index (`news_translation_search`: FTS5 or tsvector, written by the
same backends as the articles' index); a query in one language is gated to the published
translations of that language, so a draft or unreleased translation never appears.
"""

import functools
import threading
import unicodedata

import snowballstemmer
from django.apps import apps as global_apps
from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from django.utils.text import Truncator

from ..models import ArticleTranslation
from .analysis import (
    MAX_QUERY_TERMS,
    TEASER_WORDS,
    WORD,
    contains,
    excerpt,
    fold,
    highlight,
    html_to_text,
)
from .analysis import stem as german_stem
from .backends import backend
from .index import IndexSpec, _write_index
from .queries import ArticleHit, SearchResults

TRANSLATION_TABLE = "news_translation_search"
TRANSLATION_INDEX = IndexSpec(
    TRANSLATION_TABLE,
    "news_articletranslation",
    (("title", "A", 10.0), ("lead", "C", 3.0), ("body", "D", 1.0)),
    'src."updated_at" DESC, src."id" DESC',
)

SNOWBALL = {"en": "english", "ar": "arabic"}
ENGLISH_STOP_WORDS = frozenset(
    """a an and are as at be but by for from has have he her his in into is it its of on or
    our she that the their they this to was were which who will with""".split()
)
STOP_WORDS = {"en": ENGLISH_STOP_WORDS}
_local = threading.local()


def _stemmer(name):
    stemmers = _local.__dict__.setdefault("stemmers", {})  # stateful while working: per thread
    if name not in stemmers:
        stemmers[name] = snowballstemmer.stemmer(name)
    return stemmers[name]


@functools.lru_cache(maxsize=100_000)
def stem_in(language, word):
    """Return the index key of one word of `language`, or "" for a stop word."""
    if language == "de":
        return german_stem(word)
    word = fold(word) if language == "en" else unicodedata.normalize("NFC", word.casefold())
    if word in STOP_WORDS.get(language, ()):
        return ""
    name = SNOWBALL.get(language)
    return _stemmer(name).stemWord(word) if name else word


def stemmer_for(language):
    return functools.partial(stem_in, language)


def terms_in(language, text):
    """Return the index keys of `text` written in `language`, stop words left out."""
    words = WORD.findall(unicodedata.normalize("NFC", text or ""))
    return [key for key in (stem_in(language, word) for word in words) if key]


def query_terms_in(language, query):
    return list(dict.fromkeys(terms_in(language, query)))[:MAX_QUERY_TERMS]


def _translation_rows(ids, apps):
    model = apps.get_model("news", "ArticleTranslation")
    rows = model.objects.filter(pk__in=ids).order_by("pk")
    for pk, language, title, lead, body in rows.values_list(
        "pk", "language", "title", "lead", "body"
    ):
        yield (
            pk,
            {
                "title": " ".join(terms_in(language, title)),
                "lead": " ".join(terms_in(language, lead)),
                "body": " ".join(terms_in(language, html_to_text(body))),
            },
        )


def index_translations(ids, apps=global_apps, db=None):
    """Write the index entries of the given translations; ids of deleted ones are removed."""
    _write_index(TRANSLATION_INDEX, ids, _translation_rows, apps, db)


def rebuild_translation_index(apps=global_apps, db=None):
    """Index every translation again; return how many. A migration passes its apps and db."""
    db = db or connection
    with transaction.atomic(using=db.alias):
        with db.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TRANSLATION_TABLE}")
        model = apps.get_model("news", "ArticleTranslation")
        ids = list(model.objects.values_list("pk", flat=True))
        index_translations(ids, apps=apps, db=db)
    return len(ids)


def published_in(language):
    """Return the gate of a query: the matched translation is public and in `language`."""

    def gate(column):
        public = (
            ArticleTranslation.objects.published()
            .filter(language=language, pk=RawSQL(column, ()))
            .order_by()
        )
        sql, params = public.values("pk").query.sql_with_params()
        return f"EXISTS ({sql})", list(params)

    return gate


class TranslationSearchResults(SearchResults):
    """The public translations into one language that contain every key, best first."""

    def __init__(self, language, keys):
        super().__init__(TRANSLATION_INDEX, keys, gate=published_in(language))
        self.language = language

    def hits(self, pks):
        found = (
            ArticleTranslation.objects.published().select_related("article__section").in_bulk(pks)
        )
        keys, stem = set(self.keys), stemmer_for(self.language)
        hits = []
        for pk in pks:
            if pk not in found:  # taken back between the two queries
                continue
            translation = found[pk]
            lead = Truncator(translation.lead).words(TEASER_WORDS)
            body_excerpt = ""
            if not contains(translation.title, keys, stem) and not contains(lead, keys, stem):
                body_excerpt = excerpt(html_to_text(translation.body), keys, stem=stem)
            hits.append(
                ArticleHit(
                    translation.read_as(),
                    highlight(translation.title, keys, stem),
                    highlight(lead, keys, stem),
                    body_excerpt,
                )
            )
        return hits


def search_translations(language, query):
    return TranslationSearchResults(language, query_terms_in(language, query))


def _translation_saved(sender, instance, **kwargs):
    index_translations([instance.pk])


def _translation_deleted(sender, instance, **kwargs):
    with connection.cursor() as cursor:
        backend().delete(cursor, TRANSLATION_INDEX, [instance.pk])


def connect_signals():
    uid = "news.search.translations"
    post_save.connect(_translation_saved, sender=ArticleTranslation, dispatch_uid=f"{uid}.saved")
    post_delete.connect(
        _translation_deleted, sender=ArticleTranslation, dispatch_uid=f"{uid}.deleted"
    )
