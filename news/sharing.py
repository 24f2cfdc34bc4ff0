""""Link mailen": a reader sends an article's address to someone."""

from django.views.generic import DetailView

from .models import Article


class ArticleShareView(DetailView):
    template_name = "news/article_share.html"

    def get_queryset(self):
        return Article.objects.published()
