import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from news.text import german_slugify, sanitize_html

DANGEROUS_PIECES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    "<iframe src=//evil></iframe>",
    "<style>body{}</style>",
    "<svg onload=alert(1)>",
    '<p style="background:url(javascript:x)">',
    "<object data=x>",
    "<!-- <script> -->",
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    "<math><mtext><script>x</script>",
    "<p>",
    "</p>",
    "<strong>",
    "<a href='https://www.kaiserslautern.de'>",
    "ä ö ü ß",
    "&amp;",
    "<",
]
html_soup = st.lists(
    st.one_of(st.sampled_from(DANGEROUS_PIECES), st.text(max_size=20)), max_size=12
).map("".join)


class MarkupCollector(HTMLParser):
    """Collects the tags and attributes a browser would see in a piece of HTML."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.attributes, self.hrefs = set(), set(), []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if name == "href":
                self.hrefs.append(value)


@settings(max_examples=300, deadline=None)
@given(html_soup)
def test_sanitiser_output_holds_only_allowed_markup(dirty):
    markup = MarkupCollector(sanitize_html(dirty))
    assert markup.tags <= {
        "p",
        "br",
        "strong",
        "em",
        "b",
        "i",
        "a",
        "ul",
        "ol",
        "li",
        "h2",
        "h3",
        "h4",
        "blockquote",
        "q",
        "cite",
        "abbr",
        "sub",
        "sup",
    }
    assert markup.attributes <= {"href", "title", "rel", "hreflang", "cite"}
    for href in markup.hrefs:
        assert href.startswith(("http://", "https://", "mailto:")), href


@settings(max_examples=200, deadline=None)
@given(html_soup)
def test_sanitiser_is_idempotent(dirty):
    once = sanitize_html(dirty)
    assert sanitize_html(once) == once


@given(st.text(max_size=80))
def test_german_slug_is_ascii_lowercase_and_url_safe(title):
    slug = german_slugify(title)
    assert re.fullmatch(r"[a-z0-9_-]*", slug)


def test_german_slug_spells_out_umlauts():
    assert german_slugify("Bürger Straße Ölförderung") == "buerger-strasse-oelfoerderung"
