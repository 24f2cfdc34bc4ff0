"""The search page (/suche/)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.views.generic import ListView

from .analysis import clean_query, query_terms
from .queries import ArticleSearchResults, PersonSearchResults, UntranslatedSearchResults
from .translations import TranslationSearchResults, query_terms_in

PEOPLE_RESULTS = 5


class ArticleSearchView(ListView):
    """The search page: articles ranked by relevance, paginated, and matching people above."""

    template_name = "news/search.html"

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q", ""))
        language = get_language() or settings.LANGUAGE_CODE
        if language != settings.LANGUAGE_CODE:  # /en/suche/: the English translations
            self.keys = query_terms_in(language, self.query)
            return TranslationSearchResults(language, self.keys)
        self.keys = query_terms(self.query)
        return ArticleSearchResults(self.keys)

    def get_paginate_by(self, queryset):
        return settings.NEWS_PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        """Answer an odd page number with the nearest real page instead of an error."""
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, has_terms=bool(self.keys), **kwargs)
        results = context["paginator"].object_list
        # Matches are counted up to a cap: "mehr als 1.000" instead of counting 70,000.
        context["hit_count"] = number_format(results.count(), force_grouping=True)
        context["hits_capped"] = results.capped
        if context["page_obj"].number == 1:
            german = query_terms(self.query)  # names are indexed with the German analysis
            context["people"] = PersonSearchResults(german)[:PEOPLE_RESULTS]
            if isinstance(results, TranslationSearchResults):
                context.update(self.originals(german, results.language))
        return context

    def originals(self, keys, language):
        """German originals without a translation into `language`: one page of them, counted.

        The rest are a link to the German search, which pages through all matches.
        """
        originals = UntranslatedSearchResults(keys, language)
        page_size = settings.NEWS_PAGE_SIZE
        return {
            "show_originals": True,
            "originals": originals[:page_size],
            "originals_count": number_format(originals.count(), force_grouping=True),
            "originals_number": originals.count(),
            "originals_capped": originals.capped,
            "originals_more": originals.count() > page_size,
        }
