"""Keyset pagination of lists shown newest first: "Ältere Meldungen", without COUNT(*).

A page after the first is addressed by the last item before it (`?vor=<cursor>`, older) or the
first after it (`?nach=<cursor>`, newer); a cursor is the item's date in microseconds since
1970 and its primary key, so a page costs one indexed query however deep it is, and no count
of the whole list. Old numbered links (`?page=3`) are still served, by offset.
"""

import re
from datetime import UTC, datetime, timedelta

from django.db.models import Q
from django.http import Http404

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


def paginate(queryset, query, per_page, field="published_at"):
    """Return the KeysetPage of `queryset` (newest first by `field`, then pk) that `query` asks."""
    newest_first = queryset.order_by(f"-{field}", "-pk")
    if OLDER in query:
        moment, pk = parse_cursor(query[OLDER])
        rows = list(
            newest_first.filter(Q(**{f"{field}__lt": moment}) | Q(**{field: moment, "pk__lt": pk}))[
                : per_page + 1
            ]
        )
        return KeysetPage(rows[:per_page], field, has_newer=True, has_older=len(rows) > per_page)
    if NEWER in query:
        moment, pk = parse_cursor(query[NEWER])
        rows = list(
            queryset.order_by(field, "pk").filter(
                Q(**{f"{field}__gt": moment}) | Q(**{field: moment, "pk__gt": pk})
            )[: per_page + 1]
        )
        if len(rows) > per_page:
            return KeysetPage(rows[:per_page][::-1], field, has_newer=True, has_older=True)
    elif NUMBER in query:
        number = query[NUMBER]
        if not re.fullmatch(r"[0-9]{1,9}", number) or int(number) < 1:
            raise Http404("Ungültige Seitennummer")
        start = (int(number) - 1) * per_page
        rows = list(newest_first[start : start + per_page + 1])
        if not rows and start:
            raise Http404("Diese Seite gibt es nicht")
        return KeysetPage(
            rows[:per_page],
            field,
            has_newer=start > 0,
            has_older=len(rows) > per_page,
            number=int(number),
        )
    rows = list(newest_first[: per_page + 1])  # the first page, also for "newer" near the top
    return KeysetPage(
        rows[:per_page], field, has_newer=False, has_older=len(rows) > per_page, number=1
    )
