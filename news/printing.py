"""The print view of an article ("Druckversion") and its PDF, rendered from one template."""

import functools
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header, http_date
from django.utils.text import Truncator
from django.views.generic import DetailView

from kldigital.links import absolute_url

from .models import Article, ExternalLink
from .pdf import read_static_text, render_pdf

logger = logging.getLogger(__name__)

PRINT_TEMPLATE = "news/article_print.html"
PDF_STYLESHEETS = ("css/print.css", "css/pdf.css")
PDF_TEMPLATES = (PRINT_TEMPLATE, "print_base.html", "includes/figure.html")
RUNNING_TITLE_LENGTH = 60


def printable_articles():
    """Return the published articles with what the print template shows."""
    return (
        Article.objects.published()
        .select_related("section")
        .prefetch_related(
            "tags", Prefetch("links", queryset=ExternalLink.objects.order_by("order", "pk"))
        )
    )


def article_print_context(article, *, is_pdf=False):
    """Return the context of the print template, shared by the print view and the PDF."""
    return {
        "article": article,
        "article_url": absolute_url(article.get_absolute_url()),
        "tags": [tag.name for tag in article.tags.all()],
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
    short_title = Truncator(article.title).chars(RUNNING_TITLE_LENGTH)
    url = absolute_url(article.get_absolute_url())
    return (
        "@page {"
        f" @top-left {{ content: {css_string(settings.SITE_NAME)} }}"
        f" @top-right {{ content: {css_string(short_title)} }}"
        f" @bottom-left {{ content: {css_string(url)} }}"
        " }"
    )


@functools.cache
def pdf_layout():
    """Return the PDF's stylesheet texts and a fingerprint of them and the print templates.

    Read once per process: static files and templates change only with a deploy, which
    restarts the workers; a changed layout then gets new cache keys, never an old PDF.
    """
    stylesheets = [read_static_text(name) for name in PDF_STYLESHEETS]
    sources = [get_template(name).template.source for name in PDF_TEMPLATES]
    fingerprint = hashlib.sha256("\0".join([*stylesheets, *sources]).encode()).hexdigest()
    return stylesheets, fingerprint[:16]


def pdf_stylesheets():
    return pdf_layout()[0]


def article_pdf_cache_key(article):
    """Return the cache key of an article's PDF: one per article version and layout."""
    site = hashlib.sha256(f"{settings.SITE_URL}\0{settings.SITE_NAME}".encode()).hexdigest()[:8]
    updated = f"{article.updated_at.timestamp():.6f}"
    return f"news:pdf:{article.pk}:{updated}:{pdf_layout()[1]}:{site}"


def article_render_pdf(article):
    """Return a fresh PDF of the article's print version (no cache)."""
    html = render_to_string(PRINT_TEMPLATE, article_print_context(article, is_pdf=True))
    return render_pdf(
        html,
        base_url=settings.SITE_URL,
        stylesheets=[*pdf_stylesheets(), article_page_css(article)],
        optimize_images=True,
    )


def article_get_pdf(article):
    """Return the article's PDF, rendered once per article version and then taken from the cache.

    The cache is Redis in production, so all workers share each rendering. Two workers
    asked for a new version at the same moment both render it; that costs a second, not
    a wrong PDF, so there is no lock.
    """
    key = article_pdf_cache_key(article)
    pdf = cache.get(key)
    if pdf is None:
        pdf = article_render_pdf(article)
        cache.set(key, pdf, settings.NEWS_PDF_CACHE_TIMEOUT)
    return pdf


class ArticlePrintView(DetailView):
    template_name = PRINT_TEMPLATE

    def get_queryset(self):
        return printable_articles()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **article_print_context(self.object)}


class ArticlePdfView(ArticlePrintView):
    """The PDF of an article: inline, or as a download with ?download=1."""

    def get(self, request, *args, **kwargs):
        article = self.object = self.get_object()
        try:
            pdf = article_get_pdf(article)
        except Exception:
            # Whatever breaks inside WeasyPrint, Pango or a font, the reader gets a German
            # page that offers the print view, and the reason goes to the log.
            logger.exception(
                "PDF of article %s (%s) could not be rendered", article.pk, article.slug
            )
            response = render(request, "news/pdf_error.html", {"article": article}, status=503)
            response["Retry-After"] = "300"
            return response
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=request.GET.get("download") == "1", filename=f"{article.slug}.pdf"
        )
        response["Last-Modified"] = http_date(article.updated_at.timestamp())
        # A copy of the article page: search engines should list the page, not the file.
        response["X-Robots-Tag"] = "noindex"
        return response
