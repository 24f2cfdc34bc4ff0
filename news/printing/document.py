"""What a printed article consists of: the print template's context, the PDF's stylesheets
and running header, and the version that names a stored PDF."""

import functools
import hashlib
import re

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import override as language_override

from kldigital.links import absolute_url

from ..models import Article, ArticleTranslation, EasyReadVersion, ExternalLink
from ..models.translations import text_direction
from .pdf import read_static_text

PRINT_TEMPLATE = "news/article_print.html"
EASY_READ_PRINT_TEMPLATE = "news/easy_read_print.html"
PDF_STYLESHEETS = ("css/print.css", "css/pdf.css")
EASY_READ = "leichte-sprache"  # the variant of an article's Leichte-Sprache version
PDF_TEMPLATES = (
    PRINT_TEMPLATE,
    EASY_READ_PRINT_TEMPLATE,
    "print_base.html",
    "includes/figure.html",
    "news/includes/easy_read_marker.html",
    "news/includes/translation_note.html",
)
RUNNING_TITLE_LENGTH = 60


def printable_articles():
    """Return the published articles with what the print template shows."""
    return (
        Article.objects.published()
        .select_related("section", "author", "easy_read")
        .prefetch_related(
            "tags",
            "corrections",
            Prefetch("links", queryset=ExternalLink.objects.order_by("order", "pk")),
            # The articles are published: their released translations are the public ones.
            Prefetch(
                "translations",
                queryset=ArticleTranslation.objects.filter(is_released=True),
                to_attr="released_translations",
            ),
        )
    )


def released_translation(article, language):
    """Return the article's public translation into `language` (None without one)."""
    return next((t for t in article.released_translations if t.language == language), None)


def article_print_context(article, *, is_pdf=False, translation=None):
    """Return the context of the print template, shared by the print view and the PDF.

    With a `translation` the document reads in its language and direction.
    """
    if translation is not None:
        with _in_german():
            original_url = article.get_absolute_url()
        article = translation.read_as(article)
    language = translation.language if translation else settings.LANGUAGE_CODE
    return {
        "article": article,
        "article_url": absolute_url(article.get_absolute_url()),
        "tags": [tag.name for tag in article.tags.all()],
        "generated_at": timezone.now(),
        "is_pdf": is_pdf,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "translation": translation,
        "original_url": absolute_url(original_url) if translation else "",
        "document_language": language,
        "document_direction": text_direction(language),
    }


def _in_german():
    return language_override(settings.LANGUAGE_CODE)


def printable_easy_read_versions():
    """Return the Leichte-Sprache versions of published articles, with their article."""
    return EasyReadVersion.objects.published().select_related("article")


def easy_read_print_context(version, *, is_pdf=False):
    """Return the context of the Leichte-Sprache print template."""
    return {
        "version": version,
        "article": version.article,
        "version_url": absolute_url(version.get_absolute_url()),
        "generated_at": timezone.now(),
        "is_pdf": is_pdf,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
    }


def css_string(text):
    """Return `text` as a quoted CSS string; quotes, backslashes and controls are escaped."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\' or ord(char) < 0x20 or ord(char) == 0x7F else char
        for char in text
    )
    return f'"{escaped}"'


def article_page_css(article):
    """Return the @page rule with the texts of the PDF's running header and footer."""
    return page_css(article.title, absolute_url(article.get_absolute_url()))


def page_label(language):
    """Return the footer's "Seite 1 von 3" in `language`, with {page} and {pages} left in."""
    with language_override(language):
        return gettext("Seite {page} von {pages}")


def page_number_css(language):
    """Return the CSS content of the page number: the label's words around the counters."""
    parts = re.split(r"\{(pages?)\}", page_label(language))
    return " ".join(
        f"counter({part})" if index % 2 else css_string(part)
        for index, part in enumerate(parts)
        if index % 2 or part
    )


def page_css(title, url, language=settings.LANGUAGE_CODE):
    short_title = Truncator(title).chars(RUNNING_TITLE_LENGTH)
    return (
        "@page {"
        f" @top-left {{ content: {css_string(settings.SITE_NAME)} }}"
        f" @top-right {{ content: {css_string(short_title)} }}"
        f" @bottom-left {{ content: {css_string(url)} }}"
        f" @bottom-right {{ content: {page_number_css(language)} }}"
        " }"
    )


@functools.cache
def pdf_layout():
    """Return the PDF's stylesheet texts and a fingerprint of them and the print templates.

    Read once per process: static files and templates change only with a deploy, which
    restarts the workers; a changed layout then gets new PDF versions, never an old PDF.
    """
    stylesheets = [read_static_text(name) for name in PDF_STYLESHEETS]
    sources = [get_template(name).template.source for name in PDF_TEMPLATES]
    fingerprint = hashlib.sha256("\0".join([*stylesheets, *sources]).encode()).hexdigest()
    return stylesheets, fingerprint[:16]


def pdf_stylesheets():
    return pdf_layout()[0]


def article_pdf_version(article, variant=""):
    """Return the version of an article's PDF: it changes with the article, layout and site.

    The Leichte-Sprache variant changes with its own text as well.
    """
    if variant == EASY_READ:
        changed = article.easy_read.updated_at
    elif variant:  # a translation's language
        changed = released_translation(article, variant).updated_at
    parts = [
        f"{article.updated_at.timestamp():.6f}",
        *([variant, f"{changed.timestamp():.6f}"] if variant else []),
        page_label(variant if variant and variant != EASY_READ else settings.LANGUAGE_CODE),
        pdf_layout()[1],
        settings.SITE_URL,
        settings.SITE_NAME,
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def article_pdf_source(article, variant=""):
    """Return the HTML and the stylesheets that the article's PDF is rendered from."""
    if variant == EASY_READ:
        version = article.easy_read
        html = render_to_string(
            EASY_READ_PRINT_TEMPLATE, easy_read_print_context(version, is_pdf=True)
        )
        return html, [
            *pdf_stylesheets(),
            page_css(version.title, absolute_url(version.get_absolute_url())),
        ]
    if variant:  # a translation, rendered in its language (what {% translate %} shows)
        found = released_translation(article, variant)
        with language_override(variant):
            context = article_print_context(article, is_pdf=True, translation=found)
            html = render_to_string(PRINT_TEMPLATE, context)
        page = page_css(found.title, context["article_url"], variant)
        return html, [*pdf_stylesheets(), page]
    with _in_german():
        html = render_to_string(PRINT_TEMPLATE, article_print_context(article, is_pdf=True))
    return html, [*pdf_stylesheets(), article_page_css(article)]
