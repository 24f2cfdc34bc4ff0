"""Turn directory rows into OParl 1.1 objects (plain dicts, ready for JSON).

Field by field after the OParl 1.1 specification; what OParl has no field for goes into
fields named `kldigital:…` (the README lists them). Dates the portal knows only to the
month or year ("seit 2017") have no exact OParl form (`startDate` is a full day): they are
left out of `startDate`/`endDate` and kept as ISO 8601 prefixes in `kldigital:startDate` /
`kldigital:endDate` with their precision, never widened to a made-up day.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from ..dates import Precision

SCHEMA = "https://schema.oparl.org/1.1/"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
BODY_KEY = "verzeichnis"


def url(name, *args, **query):
    """Return the absolute URL of an OParl view, with `query` in the query string."""
    path = reverse(f"oparl:{name}", args=args)
    return f"{settings.SITE_URL}{path}{'?' + urlencode(query) if query else ''}"


def page(path):
    return f"{settings.SITE_URL}{path}"


def timestamp(moment):
    """Return a date-time the way OParl wants it: ISO 8601 with offset, in local time."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def object_id(kind, pk):
    return url(kind, pk)


def tombstone(kind, deleted):
    """Return a removed object: only id, type, created and modified survive, as OParl says."""
    return {
        "id": object_id(kind, deleted.object_pk),
        "type": f"{SCHEMA}{kind[0].upper()}{kind[1:]}",
        "created": timestamp(deleted.created_at),
        "modified": timestamp(deleted.deleted_at),
        "deleted": True,
    }


def partial_date_fields(prefix, value):
    """Return `startDate` for a day, or the `kldigital:` pair for a month or year."""
    if value is None:
        return {}
    if value.precision == Precision.DAY:
        return {prefix: value.iso}
    return {f"kldigital:{prefix}": value.iso, f"kldigital:{prefix}Precision": value.precision}


def role(post):
    """Return the office's title as OParl asks: both forms, "Vorsitzender | Vorsitzende"."""
    forms = [label for label in (post.label_male, post.label_female) if label]
    return " | ".join(dict.fromkeys(forms)) or post.label


def membership(term, *, person=None):
    """Return a term as a Membership; `person` is the holder when the term is read through them."""
    person = person or term.person
    post = term.post
    data = {
        "id": object_id("membership", term.pk),
        "type": f"{SCHEMA}Membership",
        "person": object_id("person", person.pk),
        "organization": object_id("organization", post.organization_id),
        "role": role(post),
        "kldigital:roleOfPerson": post.label_for(person),
        **partial_date_fields("startDate", term.start),
        **partial_date_fields("endDate", term.end),
    }
    if term.is_end_unknown:
        data["kldigital:endDateUnknown"] = True
    data["kldigital:post"] = {"name": post.label, "web": page(post.get_absolute_url())}
    if term.kind:
        data["kldigital:kind"] = term.kind
    if term.note:
        data["kldigital:note"] = term.note
    data["web"] = page(post.get_absolute_url())
    data["created"] = timestamp(term.created_at)
    data["modified"] = timestamp(term.updated_at)
    return data


GRAMMATICAL_GENDER = {"f": "female", "m": "male", "n": "neutral"}


def person(person, *, omit_internal=False):
    """Return a person with their memberships inside (unless the client asked to omit them)."""
    terms = list(person.terms.all())
    data = {
        "id": object_id("person", person.pk),
        "type": f"{SCHEMA}Person",
        "body": url("body", BODY_KEY),
        "name": person.full_name,
    }
    if person.honorific:
        data["title"] = [person.honorific]
    status = [term.post.label_for(person) for term in terms if term.is_current]
    if status:
        data["status"] = status
    if not omit_internal:
        data["membership"] = [membership(term, person=person) for term in terms]
    data["kldigital:grammaticalGender"] = GRAMMATICAL_GENDER[person.gender]
    if person.bio:
        data["kldigital:bio"] = person.bio
    data["license"] = LICENSE
    data["web"] = page(person.get_absolute_url())
    data["created"] = timestamp(person.created_at)
    data["modified"] = timestamp(person.updated_at)
    return data


def period(start, end):
    data = {"start": start.iso}
    if end is not None:
        data["end"] = end.iso
    return data


def office(post, today):
    """Return a post (an office) with its vacancies, for `kldigital:posts`."""
    data = {
        "name": post.label,
        "web": page(post.get_absolute_url()),
        "isFullyRecorded": post.is_fully_recorded,
    }
    for key, label in (("nameFemale", post.label_female), ("nameMale", post.label_male)):
        if label:
            data[key] = label
    if post.seats is not None:
        data["seats"] = post.seats
    data["vacancies"] = [
        period(entry.start, entry.end) for entry in post.timeline(today) if entry.is_vacancy
    ]
    return data


def organization(organization, *, today=None):
    """Return an organisation with its members' memberships and its offices."""
    today = today or timezone.localdate()
    posts = list(organization.posts.all())
    data = {
        "id": object_id("organization", organization.pk),
        "type": f"{SCHEMA}Organization",
        "body": url("body", BODY_KEY),
        "name": organization.name,
        "membership": [
            object_id("membership", term.pk) for post in posts for term in post.terms.all()
        ],
        "post": [post.label for post in posts],
    }
    if organization.parent_id:
        data["subOrganizationOf"] = object_id("organization", organization.parent_id)
    data["kldigital:posts"] = [office(post, today) for post in posts]
    data["license"] = LICENSE
    data["web"] = page(organization.get_absolute_url())
    data["created"] = timestamp(organization.created_at)
    data["modified"] = timestamp(organization.updated_at)
    return data


def body(created, modified):
    """Return the one body: the portal's directory of people, organisations and offices."""
    return {
        "id": url("body", BODY_KEY),
        "type": f"{SCHEMA}Body",
        "system": url("system"),
        "name": f"Personenverzeichnis {settings.SITE_NAME}",
        "shortName": "Personenverzeichnis",
        "website": page("/"),
        "license": LICENSE,
        "classification": "Personenverzeichnis eines Nachrichtenportals",
        "organization": url("organizations", BODY_KEY),
        "person": url("people", BODY_KEY),
        "membership": url("memberships", BODY_KEY),
        "meeting": url("meetings", BODY_KEY),
        "paper": url("papers", BODY_KEY),
        "legislativeTerm": [],
        "legislativeTermList": url("legislative-terms", BODY_KEY),
        "web": page(reverse("people:list")),
        "created": timestamp(created),
        "modified": timestamp(modified),
    }


def system(created, modified):
    """Return the entry point: the OParl version, the list of bodies, licence and contact."""
    return {
        "id": url("system"),
        "type": f"{SCHEMA}System",
        "oparlVersion": SCHEMA,
        "body": url("bodies"),
        "name": f"{settings.SITE_NAME}: Personenverzeichnis als OParl-Schnittstelle",
        "license": LICENSE,
        "website": page("/"),
        "web": page(reverse("open-data")),
        "created": timestamp(created),
        "modified": timestamp(modified),
    }
