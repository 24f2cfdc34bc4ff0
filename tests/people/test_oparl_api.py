"""The OParl 1.1 API walked from its entry point, every object checked against the spec."""

import json
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganizationFactory, PersonFactory, PostFactory, TermFactory

from .oparl_schemas import LIST_PAGE, SCHEMA, validate, validate_object

ENTRY = "/oparl/v1/"


@pytest.fixture
def directory(db, frozen_today):
    """A small directory with every case the mapping knows, and one removed person and term."""
    city = OrganizationFactory(name="Stadt Kaiserslautern", slug="stadt")
    company = OrganizationFactory(name="KL.digital GmbH", slug="kl-digital", parent=city)
    management = PostFactory(organization=company, label="Geschäftsführung", slug="gf", seats=2)
    cdo = PostFactory(organization=city, label="Chief Digital Officer", slug="cdo")
    benz = PersonFactory(name="Ilona Benz", slug="ilona-benz", gender="f", honorific="Dr.")
    TermFactory(person=benz, post=cdo, start="04.2022", kind="hauptamtlich", note="Neu.")
    TermFactory(person=benz, post=management, start="2017", end="31.03.2022")
    TermFactory(post=management, start="01.04.2022", end=None, is_end_unknown=True)
    TermFactory(post=cdo, start="2015", end="2016")
    gone = TermFactory(post=management, start="2010", end="2012")
    gone.delete()
    PersonFactory(name="Entfernt").delete()
    PersonFactory(name="Ohne Amt")
    return {"benz": benz, "city": city}


def path_of(url, settings):
    assert url.startswith(settings.SITE_URL), url
    return url.removeprefix(settings.SITE_URL)


def get_json(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.content)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content.decode("utf-8"))


def oparl_urls(value, settings):
    """Yield every URL of the API found anywhere in a JSON value."""
    if isinstance(value, dict):
        for item in value.values():
            yield from oparl_urls(item, settings)
    elif isinstance(value, list):
        for item in value:
            yield from oparl_urls(item, settings)
    elif isinstance(value, str) and value.startswith(f"{settings.SITE_URL}{ENTRY}"):
        yield value


def walk(client, settings):
    """Fetch every URL reachable from System; return the objects seen, by id, and the lists."""
    seen, objects, lists = set(), {}, []
    queue = [f"{settings.SITE_URL}{ENTRY}"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        data = get_json(client, path_of(url, settings))
        if "data" in data:
            validate(data, LIST_PAGE)
            assert data["links"]["self"] == url
            lists.append(data)
            entries = data["data"]
        else:
            assert data["id"] == url
            entries = [data]
        for entry in entries:
            validate_object(entry)
            objects.setdefault(entry["id"], entry)
            for membership in entry.get("membership", []):
                if isinstance(membership, dict):
                    validate_object(membership)
                    objects.setdefault(membership["id"], membership)
        queue.extend(oparl_urls(data, settings))
    return objects, lists


def test_whole_tree_from_system_matches_the_spec(client, settings, directory):
    settings.OPARL_PAGE_SIZE = 2
    objects, lists = walk(client, settings)
    kinds = Counter(
        (entry["type"].removeprefix(SCHEMA), entry.get("deleted", False))
        for entry in objects.values()
    )
    assert kinds == {
        ("System", False): 1,
        ("Body", False): 1,
        ("Organization", False): 2,
        ("Person", False): 5,  # Ilona Benz, "Ohne Amt" and three holders from TermFactory
        ("Person", True): 1,
        ("Membership", False): 4,
        ("Membership", True): 1,
    }
    # Every list was walked to its last page, which has no `next`.
    last_pages = [page for page in lists if "next" not in page["links"]]
    assert all(page["pagination"]["elementsPerPage"] == 2 for page in lists)
    assert {urlsplit(page["links"]["self"]).path for page in last_pages} == {
        f"{ENTRY}body/",
        f"{ENTRY}body/verzeichnis/organization/",
        f"{ENTRY}body/verzeichnis/person/",
        f"{ENTRY}body/verzeichnis/membership/",
        f"{ENTRY}body/verzeichnis/meeting/",
        f"{ENTRY}body/verzeichnis/paper/",
        f"{ENTRY}body/verzeichnis/legislative-term/",
    }
    people_pages = [page for page in lists if "/person/" in page["links"]["self"]]
    assert len(people_pages) == 3  # five people and one removed, two a page


def test_system_names_version_licence_and_bodies(client, settings, directory):
    system = get_json(client, ENTRY)
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    assert system["license"] == "https://creativecommons.org/licenses/by/4.0/"
    bodies = get_json(client, path_of(system["body"], settings))
    assert [body["name"] for body in bodies["data"]] == [
        "Personenverzeichnis KL.digital Nachrichten"
    ]
    body = bodies["data"][0]
    assert body["legislativeTerm"] == []
    for name in ("meeting", "paper", "legislativeTermList"):
        empty = get_json(client, path_of(body[name], settings))
        assert empty["data"] == [] and empty["pagination"]["totalElements"] == 0


def test_membership_maps_a_term_honestly(client, settings, directory):
    person = get_json(client, f"{ENTRY}person/{directory['benz'].pk}/")
    assert person["name"] == "Dr. Ilona Benz"
    assert person["title"] == ["Dr."]
    assert person["status"] == ["Chief Digital Officer"]
    management, cdo = person["membership"]  # by start
    assert cdo["role"] == "Chief Digital Officer"
    assert cdo["organization"] == f"{settings.SITE_URL}{ENTRY}organization/{directory['city'].pk}/"
    assert cdo["kldigital:kind"] == "hauptamtlich"
    assert management["role"] == "Geschäftsführer | Geschäftsführerin"
    assert management["kldigital:roleOfPerson"] == "Geschäftsführerin"
    assert management["endDate"] == "2022-03-31"


def test_partial_dates_stay_out_of_start_date_and_keep_their_precision(client, directory):
    management, cdo = get_json(client, f"{ENTRY}person/{directory['benz'].pk}/")["membership"]
    assert "startDate" not in management
    assert management["kldigital:startDate"] == "2017"
    assert management["kldigital:startDatePrecision"] == "year"
    assert cdo["kldigital:startDate"] == "2022-04"
    assert cdo["kldigital:startDatePrecision"] == "month"
    assert "endDate" not in cdo and "kldigital:endDate" not in cdo


def test_unknown_end_is_said_and_not_shown_as_running(client, directory):
    memberships = get_json(client, f"{ENTRY}body/verzeichnis/membership/")["data"]
    unknown = [entry for entry in memberships if entry.get("kldigital:endDateUnknown")]
    assert len(unknown) == 1
    assert unknown[0]["startDate"] == "2022-04-01" and "endDate" not in unknown[0]


def test_organization_lists_posts_members_parent_and_vacancies(client, settings, directory):
    city = get_json(client, f"{ENTRY}organization/{directory['city'].pk}/")
    assert city["post"] == ["Chief Digital Officer"]
    assert len(city["membership"]) == 2
    (office,) = city["kldigital:posts"]
    # 2015–2016 held, then nobody until April 2022: a vacancy of the recorded, one-seat post.
    assert office["vacancies"] == [{"start": "2017", "end": "2022-03"}]


def test_sub_organization_points_to_its_parent(client, settings, directory):
    organizations = get_json(client, f"{ENTRY}body/verzeichnis/organization/")["data"]
    company = next(entry for entry in organizations if entry["name"] == "KL.digital GmbH")
    assert (
        company["subOrganizationOf"]
        == f"{settings.SITE_URL}{ENTRY}organization/{directory['city'].pk}/"
    )


def test_omit_internal_leaves_out_memberships(client, directory):
    people = get_json(client, f"{ENTRY}body/verzeichnis/person/?omit_internal=true")["data"]
    assert people and all("membership" not in person for person in people)
    people = get_json(client, f"{ENTRY}body/verzeichnis/person/")["data"]
    assert any("membership" in person for person in people)


@pytest.mark.parametrize(
    "query",
    [
        "modified_since=gestern",
        "created_until=2026-13-01T00:00:00%2B01:00",
        "omit_internal=vielleicht",
        "page=0",
        "elementsPerPage=-3",
    ],
)
def test_bad_parameters_get_a_json_400(client, directory, query):
    response = client.get(f"{ENTRY}body/verzeichnis/person/?{query}")
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert json.loads(response.content)["error"]["code"] == 400


def test_unknown_objects_get_a_json_404(client, directory):
    for path in (f"{ENTRY}person/999999/", f"{ENTRY}body/anderes/", f"{ENTRY}body/anderes/paper/"):
        response = client.get(path)
        assert response.status_code == 404
        assert json.loads(response.content)["error"]["code"] == 404


def test_page_past_the_end_is_empty(client, directory):
    page = get_json(client, f"{ENTRY}body/verzeichnis/person/?page=9")
    assert page["data"] == [] and "next" not in page["links"]


def test_unicode_comes_as_utf8_text(client, directory):
    response = client.get(f"{ENTRY}body/verzeichnis/membership/")
    assert "Geschäftsführerin".encode() in response.content


def count(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["person", "organization", "membership"])
def test_list_pages_run_the_same_queries_however_full(client, settings, db, frozen_today, name):
    settings.OPARL_PAGE_SIZE = 50
    path = f"{ENTRY}body/verzeichnis/{name}/"
    TermFactory()
    PersonFactory().delete()
    few = count(client, path)
    for _ in range(6):
        TermFactory(post=PostFactory())
        TermFactory().delete()
    assert count(client, path) == few


def test_head_is_answered_and_writes_are_refused(client, directory):
    assert client.head(ENTRY).status_code == 200
    assert client.post(ENTRY).status_code == 405
