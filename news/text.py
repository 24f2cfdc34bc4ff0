"""German slugs and the rich-text allow-list."""

import unicodedata

import nh3
from django.utils.text import slugify

GERMAN_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", ".": "-"}
)

ALLOWED_TAGS = {
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
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "q": {"cite"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# The admin's rich-text editor offers exactly what the allow-list keeps.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(ALLOWED_URL_SCHEMES)},
    "History": True,
}


def german_slugify(value):
    """Return an ASCII slug that spells umlauts out: "Geschäftsleitung" → "geschaeftsleitung"."""
    return slugify(unicodedata.normalize("NFC", str(value)).translate(GERMAN_TRANSLITERATION))


CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def sanitize_html(html):
    """Return the body HTML with everything outside the editorial allow-list removed."""
    # Removing a tag can leave markup that parses differently a second time (a <p> inside
    # a <p>); the second pass makes what we store a fixed point, so saving twice changes nothing.
    return CLEANER.clean(CLEANER.clean(html or "")).strip()
