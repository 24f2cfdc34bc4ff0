"""The sitemap follows the sitemaps.org protocol and lists every kind of public page.

The protocol (https://www.sitemaps.org/protocol.html) in brief: a <urlset> in its namespace
with at most 50,000 <url> elements; each has one absolute <loc> under 2,048 characters and
optionally <lastmod> (W3C datetime), <changefreq> (one of seven words) and <priority>
(0.0 to 1.0), in that namespace, and nothing else but the hreflang extension that search
engines read (https://developers.google.com/search/docs/specialty/international/localized-versions#sitemap):
<xhtml:link rel="alternate" hreflang="…" href="…"> for an article's languages.
"""

import re
from datetime import datetime

import pytest
from lxml import etree

pytestmark = [pytest.mark.validators, pytest.mark.django_db]
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_LINK = "{http://www.w3.org/1999/xhtml}link"
CHANGEFREQ = {"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")


@pytest.fixture(scope="module")
def urlset(rendered):
    return etree.fromstring(rendered["sitemap"])


def test_sitemap_follows_the_protocol(urlset):
    assert urlset.tag == f"{NS}urlset"
    urls = list(urlset)
    assert 0 < len(urls) <= 50_000
    for url in urls:
        assert url.tag == f"{NS}url"
        children = [child.tag.removeprefix(NS) for child in url]
        assert children.count("loc") == 1
        alternates = [child for child in url if child.tag == XHTML_LINK]
        children = [child for child in children if child != XHTML_LINK]
        assert set(children) <= {"loc", "lastmod", "changefreq", "priority"}
        assert len(children) == len(set(children))
        for link in alternates:
            assert link.get("rel") == "alternate" and link.get("hreflang")
            assert link.get("href").startswith(("http://", "https://"))
        loc = url.findtext(f"{NS}loc")
        assert loc.startswith(("http://", "https://")) and len(loc) < 2048
        if (lastmod := url.findtext(f"{NS}lastmod")) is not None:
            assert W3C_DATETIME.match(lastmod), lastmod
        if (changefreq := url.findtext(f"{NS}changefreq")) is not None:
            assert changefreq in CHANGEFREQ
        if (priority := url.findtext(f"{NS}priority")) is not None:
            assert 0.0 <= float(priority) <= 1.0


def test_sitemap_lists_every_kind_of_public_page(urlset, rendered):
    paths = {"/" + url.findtext(f"{NS}loc").split("/", 3)[3] for url in urlset}
    for name in ("with_image", "without_image", "corrected", "person", "organization"):
        assert rendered["paths"][name] in paths, name
    assert "/rubrik/smart-city/" in paths
    assert {"/stichwort/kl-digital/", "/stichwort/smart-city/"} <= paths
    assert any(path.startswith("/personen/aemter/") for path in paths)
    assert "/seite/impressum/" in paths
    assert rendered["paths"]["with_image"] + "leichte-sprache/" in paths


def test_article_lastmod_is_the_last_change_readers_saw(urlset, rendered):
    lastmod = {
        "/" + url.findtext(f"{NS}loc").split("/", 3)[3]: url.findtext(f"{NS}lastmod")
        for url in urlset
    }
    published = datetime.fromisoformat(lastmod[rendered["paths"]["with_image"]])
    corrected = datetime.fromisoformat(lastmod[rendered["paths"]["corrected"]])
    # Both were created now; the untouched one keeps its publication time (three days ago),
    # the corrected one (published yesterday) moved to its correction, today.
    assert (corrected - published).days >= 3
