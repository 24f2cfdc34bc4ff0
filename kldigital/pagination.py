"""Keyset pagination of lists shown newest first: "Ältere Meldungen", without COUNT(*).

A page after the first is addressed by the last item before it (`?vor=<cursor>`, older) or the
first after it (`?nach=<cursor>`, newer); a cursor is the item's date in microseconds since
1970 and its primary key, so a page costs one indexed query however deep it is, and no count
of the whole list. Old numbered links (`?page=3`) are still served, by offset. The reads'
SQL is built by the ORM once (KeysetList): building it cost more than running it.
"""

import re
from datetime import UTC, datetime, timedelta
from functools import partial

from django.db.models import Q
from django.http import Http404

from .prebuilt import ANY_ID, ANY_MOMENT, Prebuilt, another

OLDER, NEWER, NUMBER = "vor", "nach", "page"
CURSOR = re.compile(r"(\d{1,20})-(\d{1,19})")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def cursor(item, field):
    return f"{(getattr(item, field) - EPOCH) // timedelta(microseconds=1)}-{item.pk}"


def parse_cursor(value):
    match = CURSOR.fullmatch(value)
    if not match:
        raise Http404("Ungültige Seitenangabe")
    try:
        moment = EPOCH + timedelta(microseconds=int(match[1]))
    except OverflowError:
        raise Http404("Ungültige Seitenangabe") from None
    return moment, int(match[2])


class KeysetPage:
    """One page of a list: its items, and the cursors of the pages before and after it."""

    def __init__(self, object_list, field, *, has_newer, has_older, number=None):
        self.object_list = object_list
        self.number = number  # 1 on the first page, N for an old "?page=N" link, else None
        self.newer_cursor = cursor(object_list[0], field) if has_newer and object_list else None
        self.older_cursor = cursor(object_list[-1], field) if has_older and object_list else None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_previous(self):
        return self.newer_cursor is not None

    def has_next(self):
        return self.older_cursor is not None

    def has_other_pages(self):
        return self.has_previous() or self.has_next()


class KeysetList:
    """A list shown newest first by `field`, then by `key`, whose pages are read with SQL the
    ORM builds once per process, shape and page size (kldigital.prebuilt).

    `make_queryset(**placeholders)` returns the whole list, unordered; `bind(**values)` the
    list a request shows. Its first page, and the pages before and after a cursor, are each
    one read. Rows of another model than the items (links to them, say) give their item by
    `item(row)`; the item's `field` and primary key must equal the row's `field` and `key`.
    """

    def __init__(self, make_queryset, field="published_at", key="pk", item=None, **placeholders):
        self.make_queryset, self.field, self.key = make_queryset, field, key
        self.item, self.placeholders = item, placeholders
        self.reads = {}  # (direction, count) → Prebuilt

    def bind(self, **values):
        return Listing(self, values)

    def read(self, direction, count):
        key = (direction, count)
        if key not in self.reads:
            placeholders = {**self.placeholders, **(CURSOR_PLACEHOLDERS if direction else {})}
            self.reads[key] = Prebuilt(partial(self.rows, direction, count), **placeholders)
        return self.reads[key]

    def rows(self, direction, count, cursor_moment=None, cursor_pk=None, **values):
        """The queryset of `count` rows from the start (direction None) or a cursor."""
        field, key, queryset = self.field, self.key, self.make_queryset(**values)
        if direction is not None:
            after = "gt" if direction == NEWER else "lt"
            queryset = queryset.filter(
                Q(**{f"{field}__{after}": cursor_moment})
                | Q(**{field: cursor_moment, f"{key}__{after}": cursor_pk})
            )
        if direction == NEWER:
            return queryset.order_by(field, key)[:count]
        return queryset.order_by(f"-{field}", f"-{key}")[:count]

    def items(self, rows):
        return [self.item(row) for row in rows] if self.item else list(rows)


CURSOR_PLACEHOLDERS = {"cursor_moment": another(ANY_MOMENT, 9), "cursor_pk": another(ANY_ID, 9)}


class Listing:
    """A KeysetList with the values of one request."""

    def __init__(self, keyset_list, values):
        self.keyset_list, self.values = keyset_list, values

    @property
    def field(self):
        return self.keyset_list.field

    def rows(self, count, direction=None, cursor=None):
        """Return `count` items from the first, or from `cursor` in `direction`."""
        values = dict(self.values)
        if direction is not None:
            values["cursor_moment"], values["cursor_pk"] = cursor
        return self.keyset_list.items(self.keyset_list.read(direction, count)(**values))

    def slice(self, start, stop):
        """Return the items from `start` to `stop`, newest first (old numbered pages)."""
        keyset_list = self.keyset_list
        queryset = keyset_list.make_queryset(**self.values)
        newest_first = queryset.order_by(f"-{keyset_list.field}", f"-{keyset_list.key}")
        return keyset_list.items(newest_first[start:stop])


def paginate(listing, query, per_page):
    """Return the KeysetPage of `listing` (a Listing) that `query` asks."""
    field = listing.field
    if OLDER in query:
        rows = listing.rows(per_page + 1, OLDER, parse_cursor(query[OLDER]))
        return KeysetPage(rows[:per_page], field, has_newer=True, has_older=len(rows) > per_page)
    if NEWER in query:
        rows = listing.rows(per_page + 1, NEWER, parse_cursor(query[NEWER]))
        if len(rows) > per_page:
            return KeysetPage(rows[:per_page][::-1], field, has_newer=True, has_older=True)
    elif NUMBER in query:
        number = query[NUMBER]
        if not re.fullmatch(r"[0-9]{1,9}", number) or int(number) < 1:
            raise Http404("Ungültige Seitennummer")
        start = (int(number) - 1) * per_page
        rows = listing.slice(start, start + per_page + 1)
        if not rows and start:
            raise Http404("Diese Seite gibt es nicht")
        return KeysetPage(
            rows[:per_page],
            field,
            has_newer=start > 0,
            has_older=len(rows) > per_page,
            number=int(number),
        )
    rows = listing.rows(per_page + 1)  # the first page, also for "newer" near the top
    return KeysetPage(
        rows[:per_page], field, has_newer=False, has_older=len(rows) > per_page, number=1
    )
