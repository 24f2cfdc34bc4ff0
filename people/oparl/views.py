"""The OParl endpoints (UTF-8 JSON, open to every origin) and the "Offene Daten" page."""

import json
from functools import partial, wraps

from django.db.models import Max, Min, Prefetch
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from ..models import Organization, Person, Post, Term
from . import mapping
from .lists import BadFilter, ListRequest, computed_page, object_page
from .models import DeletedObject


def oparl_json(data, status=200):
    response = JsonResponse(
        data,
        status=status,
        content_type="application/json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def oparl_endpoint(view):
    """Serve `view`'s dict as OParl JSON; bad parameters and unknown objects answer in JSON too."""

    @require_safe
    @wraps(view)
    def endpoint(request, *args, **kwargs):
        try:
            return oparl_json(view(request, *args, **kwargs))
        except BadFilter as error:
            return oparl_json({"error": {"code": 400, "message": str(error)}}, status=400)
        except Http404:
            message = "Diese Adresse kennt die OParl-Schnittstelle nicht."
            return oparl_json({"error": {"code": 404, "message": message}}, status=404)

    return endpoint


def people_with_terms():
    return Person.objects.prefetch_related(
        Prefetch("terms", queryset=Term.objects.select_related("post"))
    )


def organizations_with_posts():
    return Organization.objects.prefetch_related(
        Prefetch("posts", queryset=Post.objects.prefetch_related("terms"))
    )


def terms_with_people():
    return Term.objects.select_related("person", "post")


KINDS = {
    "person": (people_with_terms, mapping.person),
    "organization": (organizations_with_posts, mapping.organization),
    "membership": (terms_with_people, mapping.membership),
}


def directory_times():
    """Return when the directory began (its oldest entry) and when it last changed."""
    firsts, lasts = [], []
    for model in (Person, Organization, Post, Term):
        times = model.objects.aggregate(first=Min("created_at"), last=Max("updated_at"))
        firsts.append(times["first"])
        lasts.append(times["last"])
    lasts.append(DeletedObject.objects.aggregate(last=Max("deleted_at"))["last"])
    now = timezone.now()
    created = min((moment for moment in firsts if moment), default=now)
    return created, max((moment for moment in lasts if moment), default=created)


def check_body(key):
    if key != mapping.BODY_KEY:
        raise Http404


@oparl_endpoint
def system(request):
    return mapping.system(*directory_times())


@oparl_endpoint
def bodies(request):
    query = ListRequest(request.GET)
    created, modified = directory_times()
    entry = (created, modified, mapping.body(created, modified))
    return computed_page(query, lambda **q: mapping.url("bodies", **q), [entry])


@oparl_endpoint
def body(request, key):
    check_body(key)
    return mapping.body(*directory_times())


def object_list(kind, list_name):
    """Return the endpoint of the body's external list of `kind` objects."""
    queryset, serialize = KINDS[kind]

    @oparl_endpoint
    def endpoint(request, key):
        check_body(key)
        query = ListRequest(request.GET)
        # Only a person holds internal objects (memberships); see ListRequest.omit_internal.
        options = {"omit_internal": query.omit_internal} if kind == "person" else {}
        return object_page(
            query,
            lambda **q: mapping.url(list_name, key, **q),
            kind,
            queryset(),
            partial(serialize, **options),
            lambda stone: mapping.tombstone(kind, stone),
        )

    return endpoint


def empty_list(list_name):
    """Return the endpoint of a list the body must offer but the directory never fills."""

    @oparl_endpoint
    def endpoint(request, key):
        check_body(key)
        query = ListRequest(request.GET)
        return computed_page(query, lambda **q: mapping.url(list_name, key, **q), [])

    return endpoint


def object_detail(kind):
    """Return the endpoint of one object of `kind`: live, or its tombstone once removed."""
    queryset, serialize = KINDS[kind]

    @oparl_endpoint
    def endpoint(request, pk):
        row = queryset().filter(pk=pk).first()
        if row is not None:
            return serialize(row)
        stone = DeletedObject.objects.filter(kind=kind, object_pk=pk).first()
        if stone is None:
            raise Http404
        return mapping.tombstone(kind, stone)

    return endpoint


class OpenDataView(TemplateView):
    """Explains the two exports to developers, with a live sample object and the licence."""

    template_name = "people/open_data.html"

    def get_context_data(self, **kwargs):
        sample = people_with_terms().filter(terms__isnull=False).order_by("pk").first()
        sample_json = json.dumps(
            mapping.person(sample) if sample else mapping.system(*directory_times()),
            ensure_ascii=False,
            indent=2,
        )
        return super().get_context_data(
            system_url=mapping.url("system"),
            body_url=mapping.url("body", mapping.BODY_KEY),
            people_url=mapping.url("people", mapping.BODY_KEY),
            license_url=mapping.LICENSE,
            sample_json=sample_json,
            **kwargs,
        )
