"""The print view of an article ("Druckversion") and its PDF, rendered from one template."""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.generic import DetailView
from weasyprint import HTML

from .models import Article, ExternalLink


def printable_articles():
    return Article.objects.published().select_related("section").prefetch_related(
        "tags", Prefetch("links", queryset=ExternalLink.objects.order_by("order", "pk"))
    )


class ArticlePrintView(DetailView):
    template_name = "news/article_print.html"

    def get_queryset(self):
        return printable_articles()


class ArticlePdfView(ArticlePrintView):
    def render_to_response(self, context, **response_kwargs):
        html = render_to_string(self.template_name, context, request=self.request)
        pdf = HTML(string=html, base_url=self.request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.object.slug}.pdf"'
        return response
