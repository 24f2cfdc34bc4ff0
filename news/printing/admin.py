"""The PDF's state in the article admin: list column, change-form field, re-render action."""

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.utils.html import format_html, format_html_join

from ..models import ArticleTranslation
from .document import article_pdf_version
from .models import ArticlePDF
from .services import article_pdf_request_render


class ArticlePDFAdminMixin:
    """Shows editors whether an article's PDF is ready, pending or failed, and why."""

    pdf_fields = ["pdf_state"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("pdfs", queryset=ArticlePDF.objects.order_by()),
                # Released translations of a published article have PDFs of their own.
                Prefetch(
                    "translations",
                    queryset=ArticleTranslation.objects.filter(is_released=True).order_by(
                        "language"
                    ),
                    to_attr="released_translations",
                ),
            )
        )

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.pdf_fields]

    @admin.display(description="PDF")
    def pdf_state(self, article):
        """The German PDF's state, then each released translation's ("EN: fertig …")."""
        if not article.pk or not article.is_published():
            return "–"
        translations = getattr(article, "released_translations", [])
        if not translations:
            return self.variant_state(article, "")
        return format_html_join(
            " · ",
            "{}: {}",
            [
                ("DE", self.variant_state(article, "")),
                *(
                    (t.language.upper(), self.variant_state(article, t.language))
                    for t in translations
                ),
            ],
        )

    @staticmethod
    def variant_state(article, variant):
        version = article_pdf_version(article, variant)
        stored = next(
            (pdf for pdf in article.pdfs.all() if (pdf.variant, pdf.version) == (variant, version)),
            None,
        )
        if stored is None:
            return "noch nicht erstellt"
        if stored.status == ArticlePDF.Status.FAILED:
            return format_html("fehlgeschlagen: {}", stored.error)
        if stored.status == ArticlePDF.Status.READY:
            return format_html("fertig ({} Seiten)", stored.page_count or "?")
        return "in Arbeit"

    @admin.action(
        description="PDF der ausgewählten Artikel (und ihrer Übersetzungen) neu erstellen",
        permissions=["change"],
    )
    def render_pdf_again(self, request, queryset):
        articles = [article for article in queryset if article.is_published()]
        for article in articles:
            article_pdf_request_render(article, again=True)
            for translation in getattr(article, "released_translations", []):
                article_pdf_request_render(article, again=True, variant=translation.language)
        self.message_user(
            request,
            f"PDF von {len(articles)} veröffentlichten Artikeln (und ihren freigegebenen "
            "Übersetzungen) wird neu erstellt.",
            messages.SUCCESS,
        )
