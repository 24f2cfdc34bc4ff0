"""Teaser cards kept rendered, addressed by what they show (issue 18).

Lists show ten cards, the person page ten, the article page up to five related ones, and a
card costs about a third of a millisecond through Django's templates. Its HTML depends on
nothing but the teaser's own fields (`SHOWN`), the language, the heading level and the
release, so it is kept under a digest of exactly those: an edit gives the card a new
address, nothing needs invalidating, and an outdated card can never be served. Each process
keeps the cards it rendered or read; those it lacks come from the shared cache in one round
trip, and the ones rendered here go there in one more.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .fragments import release

TEMPLATE = "includes/article_card.html"
# Everything includes/article_card.html (and includes/figure.html for it) reads of a teaser.
SHOWN = (
    "pk",
    "slug",
    "dateline",
    "title",
    "lead",
    "published_at",
    "image_renditions",
    "image_alt",
    "image_caption",
    "content_language",
    "content_direction",
)
KEEP_SECONDS = 7 * 24 * 3600
LOCAL_LIMIT = 4000  # cards of about 1 KB: a few MB per process at most

_local = {}


def card_key(teaser, heading, language):
    shown = repr(tuple(getattr(teaser, name, None) for name in SHOWN))
    digest = hashlib.blake2b(shown.encode(), digest_size=16).hexdigest()
    return f"card:{release()}:{settings.MEDIA_URL}:{language}:{heading}:{digest}"


def render_cards(teasers, heading):
    """Return the cards of `teasers` as one piece of HTML, rendering only those never seen."""
    language = get_language()
    keys = [card_key(teaser, heading, language) for teaser in teasers]
    html = {key: _local[key] for key in keys if key in _local}
    missing = [key for key in keys if key not in html]
    if missing:
        html.update(shared_get(missing))
        template = get_template(TEMPLATE).template
        rendered = {}
        for key, teaser in zip(keys, teasers, strict=True):
            if key not in html:
                context = Context({"article": teaser, "heading": heading})
                html[key] = rendered[key] = template.render(context)
        shared_set(rendered)
        if len(_local) + len(missing) > LOCAL_LIMIT:
            _local.clear()
        _local.update((key, html[key]) for key in missing)
    return mark_safe("".join(html[key] for key in keys))


def shared_get(keys):
    try:
        return cache.get_many(keys)
    except Exception:  # a cache outage: render them here
        return {}


def shared_set(cards):
    if not cards:
        return
    try:
        cache.set_many(cards, timeout=KEEP_SECONDS)
    except Exception:  # a cache outage: the next process renders them too
        pass
