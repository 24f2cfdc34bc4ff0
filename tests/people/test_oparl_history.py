"""The directory keeps its history: timestamps, tombstones, time filters, "zuletzt geändert"."""

import json
from datetime import datetime
from urllib.parse import quote

import pytest
import time_machine

from people.models import DeletedObject, Organization, Person
from tests.factories import OrganizationFactory, PersonFactory, PostFactory, TermFactory

from .conftest import BERLIN
from .oparl_schemas import validate_object

ENTRY = "/oparl/v1/"
MONDAY = datetime(2026, 11, 2, 9, tzinfo=BERLIN)
TUESDAY = datetime(2026, 11, 3, 9, tzinfo=BERLIN)
WEDNESDAY = datetime(2026, 11, 4, 9, tzinfo=BERLIN)


def at(moment):
    return time_machine.travel(moment, tick=False)


def listed(client, name, **filters):
    query = "&".join(f"{key}={quote(value.isoformat())}" for key, value in filters.items())
    response = client.get(f"{ENTRY}body/verzeichnis/{name}/?{query}")
    assert response.status_code == 200, response.content
    return json.loads(response.content)["data"]


def names(entries):
    return sorted(entry.get("name", entry["id"]) for entry in entries)


def test_modified_filters_see_an_edit_on_the_day_it_happened(client, db):
    with at(MONDAY):
        person = PersonFactory(name="Anna Alt")
        PersonFactory(name="Bernd Bleibt")
    with at(WEDNESDAY):
        person.name = "Anna Neu"
        person.save()
    assert names(listed(client, "person", modified_since=TUESDAY)) == ["Anna Neu"]
    assert names(listed(client, "person", modified_until=TUESDAY)) == ["Bernd Bleibt"]
    assert names(listed(client, "person", created_since=TUESDAY)) == []
    assert names(listed(client, "person", created_until=TUESDAY)) == ["Anna Neu", "Bernd Bleibt"]


def test_filters_take_an_unencoded_plus_as_the_offset_sign(client, db):
    with at(WEDNESDAY):
        PersonFactory(name="Anna")
    response = client.get(
        f"{ENTRY}body/verzeichnis/person/?modified_since=2026-11-03T09:00:00+01:00"
    )
    assert [entry["name"] for entry in json.loads(response.content)["data"]] == ["Anna"]


def test_filters_are_kept_in_the_page_links(client, settings, db):
    settings.OPARL_PAGE_SIZE = 1
    with at(WEDNESDAY):
        PersonFactory.create_batch(2)
    response = client.get(
        f"{ENTRY}body/verzeichnis/person/?modified_since={quote(TUESDAY.isoformat())}"
    )
    assert (
        "modified_since=2026-11-03T09%3A00%3A00%2B01%3A00"
        in json.loads(response.content)["links"]["next"]
    )


def test_changing_a_term_marks_person_and_organization_as_modified(client, db):
    with at(MONDAY):
        term = TermFactory(start="2020")
        PersonFactory(name="Unbeteiligt")
    with at(WEDNESDAY):
        term.end_date = datetime(2026, 11, 1).date()
        term.save()
    modified = listed(client, "person", modified_since=TUESDAY)
    assert names(modified) == [term.person.name]
    assert modified[0]["membership"][0]["endDate"] == "2026-11-01"
    assert [entry["id"] for entry in listed(client, "organization", modified_since=TUESDAY)] == [
        modified[0]["membership"][0]["organization"]
    ]


def test_changing_a_post_marks_its_organization_as_modified(client, db):
    with at(MONDAY):
        post = PostFactory()
        OrganizationFactory()
    with at(WEDNESDAY):
        post.label = "Vorstand"
        post.save()
    (organization,) = listed(client, "organization", modified_since=TUESDAY)
    assert organization["post"] == ["Vorstand"]


def test_removed_person_stays_as_a_deleted_object(client, settings, db):
    with at(MONDAY):
        person = PersonFactory()
        term = TermFactory(person=person)
    pk, term_pk = person.pk, term.pk
    with at(WEDNESDAY):
        person.delete()

    response = client.get(f"{ENTRY}person/{pk}/")
    assert response.status_code == 200
    tombstone = json.loads(response.content)
    validate_object(tombstone)
    assert tombstone == {
        "id": f"{settings.SITE_URL}{ENTRY}person/{pk}/",
        "type": "https://schema.oparl.org/1.1/Person",
        "created": "2026-11-02T09:00:00+01:00",
        "modified": "2026-11-04T09:00:00+01:00",
        "deleted": True,
    }
    # Its terms went with it, and say so too.
    membership = json.loads(client.get(f"{ENTRY}membership/{term_pk}/").content)
    assert membership["deleted"] is True
    assert listed(client, "person", modified_since=TUESDAY) == [tombstone]
    assert listed(client, "person", modified_until=TUESDAY) == []
    assert [entry["deleted"] for entry in listed(client, "membership")] == [True]


def test_removed_term_leaves_a_tombstone_and_a_modified_person(client, db):
    with at(MONDAY):
        term = TermFactory()
    with at(WEDNESDAY):
        term.delete()
    (person,) = listed(client, "person", modified_since=TUESDAY)
    assert person["membership"] == []
    (membership,) = listed(client, "membership", modified_since=TUESDAY)
    assert membership["deleted"] is True


def test_removed_organization_stays_as_a_deleted_object(client, db):
    with at(MONDAY):
        organization = OrganizationFactory()
    pk = organization.pk
    with at(WEDNESDAY):
        organization.delete()
    (entry,) = listed(client, "organization", modified_since=TUESDAY)
    assert entry["deleted"] is True and entry["id"].endswith(f"/organization/{pk}/")


def test_a_number_used_again_replaces_its_tombstone(db):
    person = PersonFactory()
    pk = person.pk
    person.delete()
    assert DeletedObject.objects.filter(kind="person", object_pk=pk).exists()
    PersonFactory(pk=pk)
    assert not DeletedObject.objects.filter(kind="person", object_pk=pk).exists()


def test_updated_at_really_updates(db):
    with at(MONDAY):
        person = PersonFactory()
        organization = OrganizationFactory()
    with at(WEDNESDAY):
        person.save()
        organization.save()
    assert Person.objects.get().updated_at == WEDNESDAY
    assert Organization.objects.get().updated_at == WEDNESDAY
    assert Person.objects.get().created_at == MONDAY


@pytest.mark.usefixtures("frozen_today")
def test_person_page_says_when_an_ended_term_changed_it(client, db):
    with at(MONDAY):
        term = TermFactory(start="2020")
    with at(WEDNESDAY):
        term.end_date = datetime(2026, 11, 3).date()
        term.save()
    page = client.get(term.person.get_absolute_url()).content.decode()
    assert 'Zuletzt geändert am <time datetime="2026-11-04T09:00:00+0100">04.11.2026</time>' in page


def test_open_data_page_explains_both_exports_and_the_licence(client, settings, db):
    TermFactory(person=PersonFactory(name="Ilona Benz"), start="2017")
    page = client.get("/offene-daten/").content.decode()
    assert "<h1>Offene Daten</h1>" in page
    assert f"curl {settings.SITE_URL}/personen/popolo.json" in page
    assert f"curl {settings.SITE_URL}{ENTRY}" in page
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in page
    assert "&quot;kldigital:startDate&quot;: &quot;2017&quot;" in page
    assert 'href="/offene-daten/">Offene Daten</a>' in page  # the footer


def test_directory_page_links_both_exports_and_the_explanation(client, db):
    page = client.get("/personen/").content.decode()
    for href in ('href="/personen/popolo.json"', f'href="{ENTRY}"', 'href="/offene-daten/"'):
        assert href in page
