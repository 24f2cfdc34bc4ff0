import json
import re

import pytest

from news.models import Article, TermSource
from tests.factories import (
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db

PARTIAL_ISO = re.compile(r"^[0-9]{4}(-[0-9]{2}){0,2}$")  # Popolo's pattern for dates


def export(client):
    response = client.get("/personen/popolo.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


@pytest.fixture
def directory(db):
    city = OrganizationFactory(name="Stadt Kaiserslautern", slug="stadt-kaiserslautern")
    company = OrganizationFactory(name="KL.digital GmbH", slug="kl-digital-gmbh", parent=city)
    post = PostFactory(
        organization=company,
        label="Geschäftsführung",
        label_female="Geschäftsführerin",
        label_male="Geschäftsführer",
        slug="gf",
    )
    benz = PersonFactory(name="Ilona Benz", slug="ilona-benz", gender="f")
    rombach = PersonFactory(
        name="Dieter Rombach", honorific="Prof.", slug="dieter-rombach", gender="m"
    )
    TermFactory(post=post, person=rombach, start="2017", end="03/2022", kind="ehrenamtlich")
    TermSource.objects.create(
        term=TermFactory(post=post, person=benz, start="01.04.2022"),
        article=ArticleFactory(title="Benz übernimmt", slug="benz-uebernimmt"),
    )


def test_export_has_the_four_popolo_collections(client, directory):
    data = export(client)
    assert set(data) == {"persons", "organizations", "posts", "memberships"}


def test_export_keeps_the_precision_of_each_date(client, directory):
    memberships = {m["person_id"]: m for m in export(client)["memberships"]}
    assert memberships["dieter-rombach"]["start_date"] == "2017"
    assert memberships["dieter-rombach"]["end_date"] == "2022-03"
    assert memberships["ilona-benz"]["start_date"] == "2022-04-01"
    assert "end_date" not in memberships["ilona-benz"]
    for membership in memberships.values():
        for key in ("start_date", "end_date"):
            assert key not in membership or PARTIAL_ISO.match(membership[key])


def test_membership_links_person_post_and_organization(client, directory):
    membership = next(m for m in export(client)["memberships"] if m["person_id"] == "ilona-benz")
    assert membership["post_id"] == "gf"
    assert membership["organization_id"] == "kl-digital-gmbh"
    assert membership["role"] == "Geschäftsführerin"
    assert membership["sources"] == [
        {"url": "http://127.0.0.1:8000/meldung/benz-uebernimmt/", "note": "Benz übernimmt"}
    ]


def test_persons_organizations_and_posts(client, directory):
    data = export(client)
    rombach = next(p for p in data["persons"] if p["id"] == "dieter-rombach")
    assert rombach["name"] == "Dieter Rombach" and rombach["honorific_prefix"] == "Prof."
    company = next(o for o in data["organizations"] if o["id"] == "kl-digital-gmbh")
    assert company["parent_id"] == "stadt-kaiserslautern"
    assert data["posts"] == [
        {
            "id": "gf",
            "label": "Geschäftsführung",
            "organization_id": "kl-digital-gmbh",
            "other_label": ["Geschäftsführerin", "Geschäftsführer"],
            "links": [
                {"url": "http://127.0.0.1:8000/personen/aemter/gf/", "note": "Seite im Portal"}
            ],
        }
    ]


def test_export_names_no_unpublished_source(client, directory):
    Article.objects.filter(slug="benz-uebernimmt").update(status=Article.Status.DRAFT)
    assert all("sources" not in m for m in export(client)["memberships"])


def test_export_may_be_read_by_other_sites(client, directory):
    assert client.get("/personen/popolo.json")["Access-Control-Allow-Origin"] == "*"


def test_export_query_count_is_constant(count_queries, directory):
    few = count_queries("/personen/popolo.json")
    for _ in range(5):
        TermSource.objects.create(term=TermFactory(start="2017"), article=ArticleFactory())
    assert count_queries("/personen/popolo.json") == few == 5
