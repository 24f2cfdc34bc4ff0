"""Readable differences between two versions of an article: words struck out and inserted."""

import difflib
import re
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import mark_safe

BLOCK_TAGS = {"p", "h2", "h3", "h4", "li", "blockquote", "br"}
TOKEN = re.compile(r"\s+|[^\s]+")


class _TextLines(HTMLParser):
    """Turns sanitised body HTML into one line of text per paragraph, heading or list item."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self._current = [], []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._flush()
        if tag == "li":
            self._current.append("• ")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        self._current.append(data)

    def _flush(self):
        line = " ".join("".join(self._current).split())
        if line and line != "•":
            self.lines.append(line)
        self._current = []


def text_lines(html):
    """Return the body's text, one entry per paragraph, heading or list item."""
    parser = _TextLines()
    parser.feed(html or "")
    parser.close()
    parser._flush()
    return parser.lines


def words_diff(old, new):
    """Return escaped HTML of `new` with the words removed from `old` in <del>, added in <ins>."""
    old_tokens, new_tokens = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        if op == "equal":
            parts.append(escape(added))
            continue
        if removed.strip():
            parts.append(f"<del>{escape(removed)}</del>")
        if added.strip():
            parts.append(f"<ins>{escape(added)}</ins>")
        elif added:
            parts.append(escape(added))
    return mark_safe("".join(parts))


def lines_diff(old_lines, new_lines):
    """Return a list of (kind, html) per paragraph: kind is "equal", "changed", "new" or "gone"."""
    rows = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = old_lines[i1:i2], new_lines[j1:j2]
        if op == "equal":
            rows += [("equal", escape(line)) for line in new_part]
            continue
        paired = min(len(old_part), len(new_part)) if op == "replace" else 0
        rows += [
            ("changed", words_diff(o, n))
            for o, n in zip(old_part[:paired], new_part[:paired], strict=True)
        ]
        rows += [("gone", mark_safe(f"<del>{escape(line)}</del>")) for line in old_part[paired:]]
        rows += [("new", mark_safe(f"<ins>{escape(line)}</ins>")) for line in new_part[paired:]]
    return rows


def article_changes(old_fields, new_fields):
    """Return the compared fields of two versions' field dicts, for the compare page."""
    return [
        {
            "label": "Überschrift",
            "changed": old_fields.get("title") != new_fields.get("title"),
            "rows": [("changed", words_diff(old_fields.get("title"), new_fields.get("title")))],
        },
        {
            "label": "Vorspann",
            "changed": old_fields.get("lead") != new_fields.get("lead"),
            "rows": [("changed", words_diff(old_fields.get("lead"), new_fields.get("lead")))],
        },
        {
            "label": "Text",
            "changed": old_fields.get("body") != new_fields.get("body"),
            "rows": lines_diff(
                text_lines(old_fields.get("body")), text_lines(new_fields.get("body"))
            ),
        },
    ]
