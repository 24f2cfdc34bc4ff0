"""The RSS 2.0 and Atom feeds parse without error and carry what RFC 4287 requires."""

from xml.etree import ElementTree

import feedparser
import pytest

from tests.validators.conftest import FEEDS

pytestmark = [pytest.mark.validators, pytest.mark.django_db]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("name", FEEDS)
def test_feed_is_well_formed(rendered, name):
    parsed = feedparser.parse(rendered["feeds"][name])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("atom10" if name.endswith("atom") else "rss20")
    assert parsed.entries


@pytest.mark.parametrize("name", [name for name in FEEDS if name.endswith("atom")])
def test_atom_feed_has_the_elements_rfc_4287_requires(rendered, name):
    feed = ElementTree.fromstring(rendered["feeds"][name])
    for element in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{element}"), element
    feed_has_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    for entry in feed.iter(f"{ATOM}entry"):
        for element in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{element}"), (element, entry.findtext(f"{ATOM}title"))
        assert feed_has_author or entry.findtext(f"{ATOM}author/{ATOM}name")


def test_atom_entries_name_the_author_profile_or_the_publisher(rendered):
    feed = ElementTree.fromstring(rendered["feeds"]["atom"])
    authors = {
        entry.findtext(f"{ATOM}title"): entry.findtext(f"{ATOM}author/{ATOM}name")
        for entry in feed.iter(f"{ATOM}entry")
    }
    assert authors == {
        "Kaiserslautern: Radarsensoren für mehr Verkehrssicherheit": "Anna Öztürk",
        "Kaiserslautern: Ilona Benz wird Chief Digital Officer": "KL.digital GmbH",
        "Kaiserslautern: KL.digital bekommt neue Geschäftsleitung": "KL.digital GmbH",
    }
    assert "aö" not in rendered["feeds"]["atom"].decode()
