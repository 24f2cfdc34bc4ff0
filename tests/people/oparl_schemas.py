"""JSON Schemas of the OParl 1.1 objects the directory serves, written from the specification.

Each follows the spec's property table for its type: the required properties, each
property's JSON type and format (url, date, date-time), and the type URL. Properties the
spec does not define must be extensions named `kldigital:…`, so a misspelt field fails.
Deleted objects keep only id, type, created and modified (spec 1.1, "Gelöschte Objekte").
"""

import re
from datetime import date, datetime
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker

SCHEMA = "https://schema.oparl.org/1.1/"

formats = FormatChecker(formats=())


@formats.checks("url")
def is_url(value):
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@formats.checks("date")
def is_date(value):
    # OParl `date`: yyyy-mm-dd, a whole day; "2017" or "2017-03" are not dates.
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and bool(date.fromisoformat(value))


@formats.checks("date-time", raises=ValueError)
def is_date_time(value):
    # OParl `date-time`: ISO 8601 with a time zone offset.
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", value):
        return False
    return datetime.fromisoformat(value).tzinfo is not None


URL = {"type": "string", "format": "url"}
URLS = {"type": "array", "items": URL}
DATE = {"type": "string", "format": "date"}
DATE_TIME = {"type": "string", "format": "date-time"}
TEXT = {"type": "string"}
TEXTS = {"type": "array", "items": TEXT}

COMMON = {
    "id": URL,
    "license": URL,
    "keyword": TEXTS,
    "web": URL,
    "created": DATE_TIME,
    "modified": DATE_TIME,
    "deleted": {"type": "boolean"},
}


def object_schema(name, required, properties):
    """Return the schema of an OParl type; every object needs id, type, created, modified."""
    return {
        "type": "object",
        "required": sorted({"id", "type", "created", "modified", *required}),
        "properties": {"type": {"const": f"{SCHEMA}{name}"}, **COMMON, **properties},
        "patternProperties": {"^kldigital:[A-Za-z]+$": {}},
        "additionalProperties": False,
    }


PARTIAL_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
PRECISION = {"enum": ["year", "month"]}

MEMBERSHIP = object_schema(
    "Membership",
    ["organization"],
    {
        "person": URL,
        "organization": URL,
        "role": TEXT,
        "votingRight": {"type": "boolean"},
        "startDate": DATE,
        "endDate": DATE,
        "onBehalfOf": URL,
        "kldigital:startDate": PARTIAL_DATE,
        "kldigital:startDatePrecision": PRECISION,
        "kldigital:endDate": PARTIAL_DATE,
        "kldigital:endDatePrecision": PRECISION,
        "kldigital:endDateUnknown": {"const": True},
        "kldigital:kind": {"enum": ["hauptamtlich", "ehrenamtlich", "kommissarisch", "beratend"]},
        "kldigital:note": TEXT,
        "kldigital:post": {
            "type": "object",
            "required": ["name", "web"],
            "properties": {"name": TEXT, "web": URL},
            "additionalProperties": False,
        },
    },
)

PERSON = object_schema(
    "Person",
    ["name"],
    {
        "body": URL,
        "name": TEXT,
        "familyName": TEXT,
        "givenName": TEXT,
        "formOfAddress": TEXT,
        "affix": TEXT,
        "title": TEXTS,
        "gender": TEXT,
        "phone": TEXTS,
        "email": TEXTS,
        "location": URL,
        "status": TEXTS,
        "membership": {"type": "array", "items": MEMBERSHIP},
        "life": TEXT,
        "lifeSource": TEXT,
        "kldigital:grammaticalGender": {"enum": ["female", "male", "neutral"]},
        "kldigital:bio": TEXT,
    },
)

OFFICE = {
    "type": "object",
    "required": ["name", "web", "isFullyRecorded", "vacancies"],
    "properties": {
        "name": TEXT,
        "nameFemale": TEXT,
        "nameMale": TEXT,
        "web": URL,
        "seats": {"type": "integer", "minimum": 1},
        "isFullyRecorded": {"type": "boolean"},
        "vacancies": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start"],
                "properties": {"start": PARTIAL_DATE, "end": PARTIAL_DATE},
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}

ORGANIZATION = object_schema(
    "Organization",
    ["name"],
    {
        "body": URL,
        "name": TEXT,
        "membership": URLS,
        "meeting": URL,
        "consultation": URL,
        "shortName": TEXT,
        "post": TEXTS,
        "subOrganizationOf": URL,
        "organizationType": TEXT,
        "classification": TEXT,
        "startDate": DATE,
        "endDate": DATE,
        "website": URL,
        "location": {"type": "object"},
        "externalBody": URL,
        "kldigital:posts": {"type": "array", "items": OFFICE},
    },
)

LEGISLATIVE_TERM = object_schema(
    "LegislativeTerm", [], {"body": URL, "name": TEXT, "startDate": DATE, "endDate": DATE}
)

BODY = object_schema(
    "Body",
    ["name", "organization", "person", "meeting", "paper", "legislativeTerm"],
    {
        "system": URL,
        "shortName": TEXT,
        "name": TEXT,
        "website": URL,
        "licenseValidSince": DATE_TIME,
        "oparlSince": DATE_TIME,
        "ags": TEXT,
        "rgs": TEXT,
        "equivalent": URLS,
        "contactEmail": TEXT,
        "contactName": TEXT,
        "organization": URL,
        "person": URL,
        "meeting": URL,
        "paper": URL,
        "legislativeTerm": {"type": "array", "items": LEGISLATIVE_TERM},
        "agendaItem": URL,
        "consultation": URL,
        "file": URL,
        "locationList": URL,
        "legislativeTermList": URL,
        "membership": URL,
        "classification": TEXT,
        "location": {"type": "object"},
    },
)

SYSTEM = object_schema(
    "System",
    ["oparlVersion", "body"],
    {
        "oparlVersion": {"const": SCHEMA},
        "otherOparlVersions": URLS,
        "body": URL,
        "name": TEXT,
        "contactEmail": TEXT,
        "contactName": TEXT,
        "website": URL,
        "vendor": URL,
        "product": URL,
    },
)


def deleted_schema(name):
    return {
        "type": "object",
        "required": ["id", "type", "created", "modified", "deleted"],
        "properties": {
            "id": URL,
            "type": {"const": f"{SCHEMA}{name}"},
            "created": DATE_TIME,
            "modified": DATE_TIME,
            "deleted": {"const": True},
        },
        "additionalProperties": False,
    }


LIST_PAGE = {
    "type": "object",
    "required": ["data", "pagination", "links"],
    "properties": {
        "data": {"type": "array", "items": {"type": "object"}},
        "pagination": {
            "type": "object",
            "properties": {
                name: {"type": "integer", "minimum": 0}
                for name in ("totalElements", "elementsPerPage", "currentPage", "totalPages")
            },
            "additionalProperties": False,
        },
        "links": {
            "type": "object",
            "properties": {name: URL for name in ("first", "prev", "self", "next", "last", "web")},
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}

BY_TYPE = {
    "System": SYSTEM,
    "Body": BODY,
    "Organization": ORGANIZATION,
    "Person": PERSON,
    "Membership": MEMBERSHIP,
    "LegislativeTerm": LEGISLATIVE_TERM,
}


def validate(instance, schema):
    Draft202012Validator(schema, format_checker=formats).validate(instance)


def validate_object(data):
    """Check an OParl object against the schema of its `type` (the deleted form if deleted)."""
    name = data["type"].removeprefix(SCHEMA)
    validate(data, deleted_schema(name) if data.get("deleted") else BY_TYPE[name])
    return name
