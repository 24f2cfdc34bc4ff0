"""External OParl lists: the four time filters, `omit_internal`, and stable pagination.

A list holds the live rows and the tombstones of one kind, merged and ordered by their
number, which never changes: a client paging through sees each object once. A page costs
the same few queries however long the list is: one count, one for the page's numbers, one
for its live rows (plus their prefetches) and one for its tombstones.
"""

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import DeletedObject

FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
TRUE, FALSE = {"", "1", "true"}, {"0", "false"}
DEFAULT_PAGE_SIZE = 100


class BadFilter(ValueError):
    """A query parameter the API cannot read; the message is shown to the client."""


def parse_moment(name, text):
    """Read an OParl date-time; a "+" that arrived unencoded as a space is taken for a "+"."""
    text = text.strip().replace(" ", "+")
    try:
        moment = parse_datetime(text)
    except ValueError:
        moment = None
    if moment is None:
        raise BadFilter(
            f"„{name}“ braucht Datum und Uhrzeit nach ISO 8601, z. B. "
            "2026-01-31T12:00:00+01:00 (das „+“ als %2B kodiert)."
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class ListRequest:
    """What a client asked of a list: filters, `omit_internal`, page number and page size."""

    def __init__(self, query):
        self.query = query
        self.moments = {name: parse_moment(name, query[name]) for name in FILTERS if name in query}
        omit = query.get("omit_internal")
        if omit is not None and omit.lower() not in TRUE | FALSE:
            raise BadFilter("„omit_internal“ ist „true“ oder „false“.")
        self.omit_internal = omit is not None and omit.lower() in TRUE
        largest = getattr(settings, "OPARL_PAGE_SIZE", DEFAULT_PAGE_SIZE)
        self.page_size = self.positive("elementsPerPage", default=largest, most=largest)
        self.page_number = self.positive("page", default=1)

    def positive(self, name, *, default, most=None):
        text = self.query.get(name)
        if text is None:
            return default
        if not text.isdigit() or int(text) < 1:
            raise BadFilter(f"„{name}“ ist eine ganze Zahl ab 1.")
        return min(int(text), most) if most else int(text)

    def lookups(self, created, modified):
        """Return the filter for rows whose creation and change times are these fields."""
        fields = {"created": created, "modified": modified}
        lookups = {}
        for name, moment in self.moments.items():
            attribute, bound = name.split("_")
            lookups[f"{fields[attribute]}__{'gte' if bound == 'since' else 'lte'}"] = moment
        return lookups

    def keeps(self, created, modified):
        """Tell whether an object with these times passes the filters (for computed objects)."""
        times = {"created": created, "modified": modified}
        for name, moment in self.moments.items():
            attribute, bound = name.split("_")
            value = times[attribute]
            if (value < moment) if bound == "since" else (value > moment):
                return False
        return True

    def link(self, base, page_number):
        query = {key: value for key, value in self.query.items() if key != "page"}
        if page_number > 1:
            query["page"] = page_number
        return base(**query)


def page_of(request, base, entries, total):
    """Return a list page: `entries` are the page's objects, `total` the length of the list."""
    size = request.page_size
    pages = max(1, -(-total // size))
    links = {
        "first": request.link(base, 1),
        "self": request.link(base, request.page_number),
        "last": request.link(base, pages),
    }
    if request.page_number > 1:
        links["prev"] = request.link(base, min(request.page_number - 1, pages))
    if request.page_number < pages:
        links["next"] = request.link(base, request.page_number + 1)
    return {
        "data": entries,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": size,
            "currentPage": request.page_number,
            "totalPages": pages,
        },
        "links": links,
    }


def object_page(request, base, kind, live, serialize, tombstone):
    """Return a page of a list of live rows (`live`, a queryset) and tombstones of `kind`."""
    live = live.filter(**request.lookups("created_at", "updated_at"))
    dead = DeletedObject.objects.filter(kind=kind, **request.lookups("created_at", "deleted_at"))
    numbers = (
        live.order_by()
        .annotate(number=F("pk"))
        .values_list("number", flat=True)
        .union(dead.order_by().annotate(number=F("object_pk")).values_list("number", flat=True))
        .order_by("number")
    )
    total = numbers.count()
    start = (request.page_number - 1) * request.page_size
    wanted = list(numbers[start : start + request.page_size]) if start < total else []
    rows = {row.pk: serialize(row) for row in live.filter(pk__in=wanted)}
    stones = {stone.object_pk: tombstone(stone) for stone in dead.filter(object_pk__in=wanted)}
    return page_of(request, base, [rows.get(n) or stones[n] for n in wanted], total)


def computed_page(request, base, entries):
    """Return a page of a short list built in Python, e.g. the one body, or an empty list."""
    kept = [entry for entry in entries if request.keeps(*entry[:2])]
    start = (request.page_number - 1) * request.page_size
    chosen = kept[start : start + request.page_size]
    return page_of(request, base, [entry[2] for entry in chosen], len(kept))
