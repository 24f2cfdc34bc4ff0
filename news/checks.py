"""Checks before publishing: what would hurt or irritate a reader of an article, and where.

Each rule is a plain function returning findings. A *blocking* finding keeps an article from
going public (a reader would be hurt: no alt text, a broken heading outline, no lead); a
*warning* only informs. Drafts are never blocked.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.text import Truncator

from .images import RENDITION_WIDTHS

BLOCKING = "blocking"
WARNING = "warning"

# Search results cut titles at about 600 px, some 60–70 characters; feed readers and the
# social cards show a line of similar length. Beyond 70 the end of the title gets lost.
TITLE_MAX_LENGTH = 70
# The teaser, the meta and Open Graph descriptions show up to 300 characters of the lead.
LEAD_MAX_LENGTH = 300
# Link texts that say nothing when a screen reader lists the links of a page.
VAGUE_LINK_TEXTS = {
    "hier",
    "mehr",
    "link",
    "klicken sie hier",
    "hier klicken",
    "klick hier",
    "weiter",
    "weiterlesen",
    "mehr dazu",
    "mehr erfahren",
    "mehr lesen",
}
URL_LIKE = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One thing to look at before publishing: how serious, in which field, and why."""

    level: str
    field: str
    message: str

    @property
    def is_blocking(self):
        return self.level == BLOCKING


def quote(text, length=60):
    return f"„{Truncator(' '.join(text.split())).chars(length)}“"


class _BodyOutline(HTMLParser):
    """Collects the headings (level, text) and links (text) of the body, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.links = [], []
        self._open = None  # ("h", level) or ("a", None) while inside one
        self._text = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self._open, self._text = ("h", int(tag[1])), []
        elif tag == "a" and self._open is None:
            self._open, self._text = ("a", None), []

    def handle_endtag(self, tag):
        if self._open is None:
            return
        kind, level = self._open
        text = " ".join("".join(self._text).split())
        if kind == "h" and tag == f"h{level}":
            self.headings.append((level, text))
            self._open = None
        elif kind == "a" and tag == "a":
            self.links.append(text)
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._text.append(data)


def outline(body):
    parser = _BodyOutline()
    parser.feed(body or "")
    parser.close()
    return parser


def check_title(title):
    title = (title or "").strip()
    if len(title) > TITLE_MAX_LENGTH:
        return [
            Finding(
                WARNING,
                "title",
                f"Die Überschrift hat {len(title)} Zeichen; Suchmaschinen und Feeds zeigen "
                f"etwa {TITLE_MAX_LENGTH}. Ab „{title[TITLE_MAX_LENGTH - 10 : TITLE_MAX_LENGTH]}…“ "
                "wird sie dort abgeschnitten.",
            )
        ]
    return []


def check_lead(lead):
    lead = (lead or "").strip()
    if not lead:
        return [
            Finding(BLOCKING, "lead", "Der Vorspann fehlt: Anreißer und Suchergebnis wären leer.")
        ]
    if len(lead) > LEAD_MAX_LENGTH:
        cut_after = quote(lead[LEAD_MAX_LENGTH - 40 : LEAD_MAX_LENGTH])
        return [
            Finding(
                WARNING,
                "lead",
                f"Der Vorspann hat {len(lead)} Zeichen; Anreißer und Beschreibung zeigen "
                f"{LEAD_MAX_LENGTH}. Was nach {cut_after} "
                "kommt, fehlt dort.",
            )
        ]
    return []


def check_headings(body):
    findings, previous = [], 1  # the page's h1 is the title: the body starts at h2
    for level, text in outline(body).headings:
        if level > previous + 1:
            findings.append(
                Finding(
                    BLOCKING,
                    "body",
                    f"Die Zwischenüberschrift {quote(text)} ist Ebene {level}, die Ebene davor "
                    f"ist {previous}: Ebene {previous + 1} wird übersprungen. Wer einen "
                    "Screenreader nutzt, springt über die Überschriften und verliert die "
                    f"Gliederung. Bitte Ebene {previous + 1} wählen.",
                )
            )
        previous = level
    return findings


def check_link_texts(body):
    findings = []
    for text in outline(body).links:
        normalised = text.lower().strip(" .:!…»«›‹\"'„“")
        if normalised in VAGUE_LINK_TEXTS:
            reason = "sagt nicht, wohin er führt"
        elif URL_LIKE.match(text):
            reason = "ist eine bloße Adresse, die Screenreader Zeichen für Zeichen vorlesen"
        else:
            continue
        findings.append(
            Finding(
                WARNING,
                "body",
                f"Der Linktext {quote(text)} {reason}. Besser das Ziel nennen, "
                "z. B. „Sitzungskalender des Stadtrats“.",
            )
        )
    return findings


def image_width(image):
    """Return the pixel width of a stored image or a fresh upload, or None without one."""
    if not image:
        return None
    upload_image = getattr(image, "image", None)  # set by forms.ImageField on a new upload
    if upload_image is not None:
        return upload_image.width
    try:
        return image.width
    except (OSError, ValueError):
        return None


def check_image(image, image_alt, width=None):
    if not image:
        return []
    findings = []
    if not (image_alt or "").strip():
        findings.append(
            Finding(
                BLOCKING,
                "image_alt",
                "Das Bild hat keinen Alternativtext: Wer es nicht sehen kann, erfährt nicht, "
                "was darauf ist. Bitte beschreiben Sie das Bild.",
            )
        )
    width = width or image_width(image)
    if width is not None and width < RENDITION_WIDTHS[0]:
        findings.append(
            Finding(
                WARNING,
                "image",
                f"Das Bild ist nur {width} Pixel breit; die kleinste Fassung der Website ist "
                f"{RENDITION_WIDTHS[0]} Pixel breit. Es wirkt auf dem Handy unscharf.",
            )
        )
    return findings


def article_findings(*, title, lead, body, image=None, image_alt="", width=None):
    """Return every finding for an article's content, blocking ones first.

    `width` spares opening the stored image when the renditions already tell it.
    """
    findings = [
        *check_title(title),
        *check_lead(lead),
        *check_headings(body),
        *check_link_texts(body),
        *check_image(image, image_alt, width),
    ]
    return sorted(findings, key=lambda finding: not finding.is_blocking)


def findings_for_article(article):
    """Return the findings for an article (saved or not) as it stands."""
    sized = [r["width"] for r in article.image_renditions or [] if not r.get("crop")]
    fresh = article.image and article.image.name == article._saved_image_name
    return article_findings(
        width=max(sized) if sized and fresh else None,
        title=article.title,
        lead=article.lead,
        body=article.body,
        image=article.image,
        image_alt=article.image_alt,
    )


def blocking_errors(article):
    """Return the blocking findings as a ValidationError dict: field name → messages."""
    errors = {}
    for finding in findings_for_article(article):
        if finding.is_blocking:
            errors.setdefault(finding.field, []).append(finding.message)
    return errors
