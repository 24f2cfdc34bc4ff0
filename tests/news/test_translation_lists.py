"""Article lists under a language prefix: translated teasers, German ones marked, constant cost."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ArticleFactory, ArticleTranslationFactory

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - timedelta(days=1)
LISTS = [
    "/{lang}/",
    "/{lang}/rubrik/smart-city/",
    "/{lang}/stichwort/radverkehr/",
    f"/{{lang}}/archiv/{YESTERDAY.year}/",
    f"/{{lang}}/archiv/{YESTERDAY.year}/{YESTERDAY.month}/",
]


def add_articles(section, start, stop, language="en"):
    """Add articles, every other one translated into `language`."""
    for number in range(start, stop):
        article = ArticleFactory(
            section=section,
            slug=f"deutsch-{number}",
            title=f"Deutsch {number}",
            lead=f"Vorspann {number}",
            tags=["Radverkehr"],
        )
        if number % 2 == 0:
            ArticleTranslationFactory(
                article=article,
                language=language,
                title=f"Translated {number}",
                lead=f"Lead {number}",
            )


def queries_of(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return len(captured), response.context


WORDS = ["Deutsch", "Deutsch", "Translated", "Translated"]  # a page of four, every other translated


def titles(context):
    return [article.title for article in context["object_list"]]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("language", ["en", "ar", "uk"])
def test_lists_show_translated_teasers_and_mark_the_german_ones(client, section, url, language):
    add_articles(section, 0, 2, language)
    html = client.get(url.format(lang=language)).content.decode()
    assert "Translated 0</a>" in html and "Lead 0" in html
    assert "Deutsch 0" not in html and "Vorspann 0" not in html
    assert f'href="/{language}/meldung/' in html
    german = f'<a href="/{language}/meldung/deutsch-1/" lang="de" dir="ltr">'
    assert german in html
    assert '<span lang="de" dir="ltr">Vorspann 1</span>' in html


def test_german_lists_stay_german_and_unmarked(client, section):
    add_articles(section, 0, 2)
    html = client.get("/").content.decode()
    assert "Deutsch 0</a>" in html and "Translated 0" not in html
    assert 'lang="de" dir="ltr"' not in html


@pytest.mark.parametrize("url", LISTS)
def test_translated_lists_cost_the_same_queries_however_many(client, section, settings, url):
    settings.NEWS_PAGE_SIZE = 4
    url = url.format(lang="en")
    add_articles(section, 0, 2)
    few, _ = queries_of(client, url)
    add_articles(section, 2, 12)
    many, context = queries_of(client, url)
    assert many == few
    assert sorted(title.split()[0] for title in titles(context)) == WORDS
    # The second page, addressed by keyset, reads its translations the same way.
    count, context = queries_of(client, f"{url}?vor={context['page_obj'].older_cursor}")
    assert count == few
    assert sorted(title.split()[0] for title in titles(context)) == WORDS
