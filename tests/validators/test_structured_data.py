"""JSON-LD and OpenGraph read back with extruct, as search engines and social sites read them.

For articles, the properties Google's NewsArticle documentation recommends: headline,
image, datePublished, dateModified, author (name and url), publisher (name and logo).
"""

from datetime import datetime

import extruct
import pytest

from tests.validators.conftest import CORRECTION_TEXT

pytestmark = [pytest.mark.validators, pytest.mark.django_db]
ARTICLES = ["article-with-image", "article-without-image", "article-with-correction"]


def extract(rendered, page):
    data = extruct.extract(
        rendered["pages"][page].decode(),
        base_url="http://127.0.0.1:8000/",
        syntaxes=["json-ld", "opengraph"],
        uniform=True,
    )
    return data["json-ld"], data["opengraph"][0] if data["opengraph"] else {}


def article_ld(rendered, page):
    (ld,), _ = extract(rendered, page)
    assert ld["@type"] == "NewsArticle"
    return ld


@pytest.mark.parametrize("page", ARTICLES)
def test_article_has_the_properties_google_recommends(rendered, page):
    ld = article_ld(rendered, page)
    assert ld["headline"] and len(ld["headline"]) <= 110
    assert ld["image"] and all(url.startswith("http") for url in ld["image"])
    published = datetime.fromisoformat(ld["datePublished"])
    assert datetime.fromisoformat(ld["dateModified"]) >= published
    for author in ld["author"]:
        assert author["@type"] in ("Person", "Organization")
        assert author["name"] and author["url"].startswith("http")
        assert author["name"] != "aö"
    assert ld["publisher"]["name"] == "KL.digital GmbH"
    assert ld["publisher"]["logo"]["url"].startswith("http://127.0.0.1:8000/static/img/")
    assert ld["publisher"]["correctionsPolicy"].startswith("http://127.0.0.1:8000/korrekturen/")


def test_article_without_image_names_the_default_image(rendered):
    ld = article_ld(rendered, "article-without-image")
    _, og = extract(rendered, "article-without-image")
    assert ld["image"] == [og["og:image"]]
    assert "/static/img/default-article." in og["og:image"]


def test_initials_stay_on_the_page_and_the_profile_is_the_author(rendered):
    ld = article_ld(rendered, "article-with-correction")
    assert ld["author"] == [
        {
            "@type": "Person",
            "name": "Anna Öztürk",
            "url": "http://127.0.0.1:8000/personen/anna-oeztuerk/",
        }
    ]
    assert "(<abbr" in rendered["pages"]["article-with-correction"].decode()
    assert ">aö</a></abbr>)" in rendered["pages"]["article-with-correction"].decode()


def test_correction_is_a_correction_comment(rendered):
    ld = article_ld(rendered, "article-with-correction")
    (correction,) = ld["correction"]
    assert correction["@type"] == "CorrectionComment"
    assert correction["text"] == CORRECTION_TEXT
    assert correction["datePublished"][:10] == ld["dateModified"][:10]
    assert "correction" not in article_ld(rendered, "article-with-image")


@pytest.mark.parametrize(
    "page, schema_type",
    [
        ("home", "WebSite"),
        ("section", "CollectionPage"),
        ("tag", "CollectionPage"),
        ("archive-year", "CollectionPage"),
        ("corrections", "CollectionPage"),
        ("person", "Person"),
        ("organization", "Organization"),
        ("post", "WebPage"),
        ("standing-page", "WebPage"),
    ],
)
def test_page_describes_itself(rendered, page, schema_type):
    (ld,), og = extract(rendered, page)
    assert ld["@type"] == schema_type
    assert ld["name"] and ld["url"].startswith("http")
    assert og["og:title"] and og["og:image"]


@pytest.mark.parametrize(
    "page, title",
    [
        ("section", "Smart City – KL.digital Nachrichten"),
        ("tag", "Stichwort: KL.digital – KL.digital Nachrichten"),
        ("organization", "KL.digital GmbH – KL.digital Nachrichten"),
        ("post", "Geschäftsführung, KL.digital GmbH – KL.digital Nachrichten"),
        ("person", "Ilona Benz"),
        ("standing-page", "Impressum – KL.digital Nachrichten"),
        ("article-without-image", "Ilona Benz wird Chief Digital Officer"),
    ],
)
def test_open_graph_title_names_the_page(rendered, page, title):
    _, og = extract(rendered, page)
    assert og["og:title"] == title


def test_organization_lists_its_office_holders(rendered):
    (ld,), _ = extract(rendered, "organization")
    assert ld["parentOrganization"]["name"] == "Stadt Kaiserslautern"
    (role,) = ld["member"]
    assert role["@type"] == "OrganizationRole"
    assert role["roleName"] == "Geschäftsführung"  # no gender recorded: the neutral label
    assert role["member"]["name"] == "Ilona Benz"
    assert role["startDate"] == "2022-02-01"
