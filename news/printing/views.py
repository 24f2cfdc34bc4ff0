"""The print view of an article ("Druckversion") and its stored PDF."""

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header, http_date
from django.utils.translation import override as language_override
from django.views import View
from django.views.generic import DetailView

from .. import languages
from ..models import Article, ArticleTranslation
from . import fastpath
from .document import (
    EASY_READ,
    EASY_READ_PRINT_TEMPLATE,
    PRINT_TEMPLATE,
    article_print_context,
    easy_read_print_context,
    printable_articles,
    printable_easy_read_versions,
)
from .models import ArticlePDF
from .services import article_pdf_current


def translated_address(url_name, translation):
    """Return the address of a translation's print view or PDF, in its language."""
    with language_override(translation.language):
        return reverse(url_name, kwargs={"slug": translation.slug})


def find_printable(slug):
    """Return (article, translation, moved_to) for a print or PDF address in the request's
    language, as the article page finds them (news.languages.find_article)."""
    return languages.find_article(
        slug,
        languages.current_language(),
        printable_articles(),
        ArticleTranslation.objects.published,
    )


class ArticlePrintView(DetailView):
    """The print view of an article, or of its translation in the language of the address."""

    template_name = PRINT_TEMPLATE

    def get(self, request, *args, **kwargs):
        article, translation, moved_to = find_printable(kwargs["slug"])
        if moved_to is not None:
            return HttpResponsePermanentRedirect(translated_address("news:print", moved_to))
        self.object = article
        context = article_print_context(article, translation=translation)
        # One language per printed document: a German original printed from /en/ reads German.
        with language_override(context["document_language"]):
            response = self.render_to_response({**self.get_context_data(object=article), **context})
            return response.render()


class EasyReadPrintView(DetailView):
    """The print view of an article's Leichte-Sprache version."""

    template_name = EASY_READ_PRINT_TEMPLATE
    slug_field = "article__slug"

    def get_queryset(self):
        return printable_easy_read_versions()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **easy_read_print_context(self.object)}


def x_accel_response(name, as_attachment, filename):
    """An empty answer that tells nginx to send the stored file itself (deploy/nginx/)."""
    if not default_storage.exists(name):
        raise FileNotFoundError(name)
    response = HttpResponse(content_type="application/pdf")
    response["X-Accel-Redirect"] = settings.MEDIA_X_ACCEL_PREFIX + quote(name)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    return response


class ArticlePdfView(View):
    """The stored PDF of an article: inline, or as a download with ?download=1.

    The PDF is rendered by the task worker; until it is there, or when it failed, the
    reader gets a short German page with status 503 and Retry-After, at once.
    """

    variant = ""

    def get_article(self, slug):
        """Return the article and the variant of its PDF that the address names."""
        if languages.current_language() == languages.ORIGINAL:
            return get_object_or_404(Article.objects.published(), slug=slug), self.variant
        article, translation, moved_to = find_printable(slug)
        if moved_to is not None:
            raise Moved(translated_address("news:pdf", moved_to))
        return article, translation.language if translation else ""

    def get(self, request, slug):
        started_at = fastpath.started()
        try:
            article, variant = self.get_article(slug)
        except Moved as moved:
            return HttpResponsePermanentRedirect(moved.address)
        stored = article_pdf_current(article, variant)
        if stored.is_ready:
            try:
                response = self.serve(request, article, stored, slug)
            except FileNotFoundError:  # removed from storage by hand: render it again
                stored.delete()
                stored = article_pdf_current(article, variant)
            else:
                if self.variant != EASY_READ:  # the article's own address: answered early next
                    language = languages.current_language()
                    filename = response.filename
                    fastpath.keep(language, slug, article, stored, filename, started_at)
                return response
        return self.unavailable(request, article, stored)

    @staticmethod
    def serve(request, article, stored, slug):
        suffix = f"-{stored.variant}" if stored.variant else ""
        as_attachment = request.GET.get("download") == "1"
        filename = f"{slug}{suffix}.pdf"
        if settings.MEDIA_X_ACCEL_REDIRECT:
            response = x_accel_response(stored.file.name, as_attachment, filename)
        else:
            response = FileResponse(
                default_storage.open(stored.file.name),
                as_attachment=as_attachment,
                filename=filename,
                content_type="application/pdf",
            )
        response.filename = filename
        response["ETag"] = f'"{stored.version}"'
        response["Last-Modified"] = http_date(stored.rendered_at.timestamp())
        # The address stays while the article changes: reuse only briefly, then revalidate.
        patch_cache_control(response, public=True, max_age=settings.NEWS_PAGE_CACHE_MAX_AGE)
        # A copy of the article page: search engines should list the page, not the file.
        response["X-Robots-Tag"] = "noindex"
        return response

    @staticmethod
    def unavailable(request, article, stored):
        is_pending = stored.status == ArticlePDF.Status.PENDING
        if stored.variant not in ("", EASY_READ):  # a translation's PDF: name the translation
            translation = ArticleTranslation.objects.published().filter(
                article=article, language=stored.variant
            )
            article = next((t.read_as(article) for t in translation[:1]), article)
        response = render(
            request,
            "news/pdf_error.html",
            {"article": article, "is_pending": is_pending},
            status=503,
        )
        response["Retry-After"] = str(
            settings.NEWS_PDF_RETRY_AFTER_PENDING if is_pending else settings.NEWS_PDF_RETRY_AFTER
        )
        patch_cache_control(response, no_store=True)
        if is_pending:  # expected while the worker renders: no "Service Unavailable" log line
            response._has_been_logged = True
        return response


class EasyReadPdfView(ArticlePdfView):
    """The stored PDF of an article's Leichte-Sprache version, served like the article's."""

    variant = EASY_READ

    def get_article(self, slug):
        article = get_object_or_404(
            Article.objects.published().select_related("easy_read"),
            slug=slug,
            easy_read__isnull=False,
        )
        return article, self.variant


class Moved(Exception):
    """The address names the German original of a translation: the PDF is at its own."""

    def __init__(self, address):
        super().__init__(address)
        self.address = address
