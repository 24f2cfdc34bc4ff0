"""Text analysis shared by indexing, querying and highlighting: German stems from any text."""

import functools
import html
import re
import threading
import unicodedata

import snowballstemmer
from django.utils.html import format_html
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12
MIN_PREFIX = 3  # shorter prefixes ("D*") would match most of the index

EXCERPT_WORDS = 30
TEASER_WORDS = 60

WORD = re.compile(r"[^\W_]+")
PREFIX = re.compile(r"([^\W_]+)\*\s*$")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
TAG = re.compile(r"<[^>]*>")

# Snowball's German stop list (as in PostgreSQL's german.stop), without "weg" and "machen",
# which are also nouns and verbs readers search for.
STOP_WORDS = frozenset(
    word.casefold()
    for word in """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
    anderes anderm andern anderr anders auch auf aus bei bin bis bist da damit dann der den
    des dem die das daß dass derselbe derselben denselben desselben demselben dieselbe
    dieselben dasselbe dazu dein deine deinem deinen deiner deines denn derer dessen dich dir
    du dies diese diesem diesen dieser dieses doch dort durch ein eine einem einen einer eines
    einig einige einigem einigen einiger einiges einmal er ihn ihm es etwas euer eure eurem
    euren eurer eures für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich
    mich mir ihr ihre ihrem ihren ihrer ihres euch im in indem ins ist jede jedem jeden jeder
    jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines können
    könnte man manche manchem manchen mancher manches mein meine meinem meinen meiner meines
    mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen
    seiner seines selbst sich sie ihnen sind so solche solchem solchen solcher solches soll
    sollte sondern sonst über um und uns unse unsem unsen unser unses unter viel vom von vor
    während war waren warst was weil weiter welche welchem welchen welcher welches wenn werde
    werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen
    """.split()
)

# Column order of both indexes, with the weight of each column: headline first, then the
# keywords and people an editor attached, then lead and body.


UMLAUT_DIAERESIS = "\u0308"
_local = threading.local()


def fold(word):
    """Return `word` case-folded and without accents, except the umlauts the stemmer folds."""
    word = unicodedata.normalize("NFC", word.casefold())
    if word.isascii():
        return word
    kept = []
    for char in unicodedata.normalize("NFD", word):
        is_umlaut = char == UMLAUT_DIAERESIS and kept and kept[-1] in "aou"
        if unicodedata.combining(char) and not is_umlaut:
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


@functools.lru_cache(maxsize=100_000)
def stem(word):
    """Return the index key of one word: folded and stemmed, or "" for a stop word."""
    word = fold(word)
    if word in STOP_WORDS:
        return ""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:  # stemmer objects keep state while they work: one per thread
        stemmer = _local.stemmer = snowballstemmer.stemmer("german")
    return stemmer.stemWord(word)


def terms(text):
    """Return the index keys of `text` in reading order, stop words left out."""
    keys = (stem(word) for word in WORD.findall(unicodedata.normalize("NFC", text or "")))
    return [key for key in keys if key]


def clean_query(raw):
    """Return the query as a reader meant it: no control characters, single spaces, bounded."""
    return " ".join(CONTROL.sub(" ", raw or "").split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query):
    """Return the distinct index keys of `query`, in order, at most MAX_QUERY_TERMS of them.

    A last word typed with a trailing "*" ("Digitalis*") is a prefix: its key ends in "*" and
    matches every key that starts with its stem, so spelling and umlauts fold as for words.
    """
    keys = list(dict.fromkeys(terms(query)))[:MAX_QUERY_TERMS]
    typed = PREFIX.search(unicodedata.normalize("NFC", query or ""))
    prefix = stem(typed.group(1)) if typed else ""
    if len(prefix) >= MIN_PREFIX and prefix in keys:
        keys[keys.index(prefix)] = prefix + "*"
    return keys


def matcher(keys):
    """Return a test whether an index key is one of `keys` or starts with one of their prefixes."""
    exact = {key for key in keys if not key.endswith("*")}
    prefixes = tuple(key[:-1] for key in keys if key.endswith("*"))
    return lambda key: bool(key) and (key in exact or (bool(prefixes) and key.startswith(prefixes)))


def html_to_text(body):
    """Return the words of sanitised rich text; block ends become spaces, entities characters."""
    return " ".join(html.unescape(TAG.sub(" ", body or "")).split())


def contains(text, keys, stem=stem):
    """Return whether a word of `text` has one of the index keys `keys`.

    `stem` (here and below) is the analysis of the text's language; German by default.
    """
    words = WORD.findall(unicodedata.normalize("NFC", text or ""))
    found = matcher(keys)
    return any(found(stem(word)) for word in words)


def highlight(text, keys, stem=stem):
    """Return `text` escaped, with each word whose index key is in `keys` wrapped in <mark>."""
    text = unicodedata.normalize("NFC", text or "")
    parts, last, found = [], 0, matcher(keys or ())
    # html.escape is what Django's escape() calls, without a SafeString per piece.
    for match in WORD.finditer(text):
        if found(stem(match.group())):
            parts += [html.escape(text[last : match.start()]), "<mark>", match.group(), "</mark>"]
            last = match.end()
    parts.append(html.escape(text[last:]))
    return mark_safe("".join(parts))


def excerpt(text, keys, words=EXCERPT_WORDS, stem=stem):
    """Return about `words` words of `text` around its first match, highlighted; "" without one."""
    text = unicodedata.normalize("NFC", text or "")
    matches = list(WORD.finditer(text))
    found = matcher(keys)
    first = next((i for i, m in enumerate(matches) if found(stem(m.group()))), None)
    if first is None:
        return ""
    start = max(0, first - words // 3)
    end = min(len(matches), start + words)
    cut_before, cut_after = start > 0, end < len(matches)
    begin = matches[start].start() if cut_before else 0
    finish = matches[end - 1].end() if cut_after else len(text)
    return format_html(
        "{}{}{}",
        "… " if cut_before else "",
        highlight(text[begin:finish], keys, stem),
        " …" if cut_after else "",
    )
