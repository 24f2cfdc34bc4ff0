"""Article translations: the model's gate, the translated page, the redirect and the fallback."""

import json
import re

import pytest
from django.test import Client

from news.models import ArticleTranslation
from tests.factories import ArticleFactory, ArticleTranslationFactory

pytestmark = pytest.mark.django_db

SLUG = "kl-digital-bekommt-neue-geschaeftsleitung"
EN_SLUG = "kl-digital-gets-new-management"


@pytest.fixture
def original(section):
    return ArticleFactory(
        slug=SLUG,
        title="KL.digital bekommt neue Geschäftsleitung",
        lead="Ilona Benz wird Geschäftsführerin.",
        section=section,
    )


@pytest.fixture
def english(original):
    return ArticleTranslationFactory(
        article=original,
        slug=EN_SLUG,
        title="KL.digital gets new management",
        lead="Ilona Benz becomes managing director.",
        body="<p>The new managing director is Ilona Benz.</p>",
    )


def article_element(html):
    return re.search(r"<article class=\"article\"[^>]*>", html).group()


def test_body_is_sanitised_like_the_article_body(english):
    english.body = '<p onclick="x()">Text.</p><script>alert(1)</script><a href="javascript:x">y</a>'
    english.save()
    english.refresh_from_db()
    assert english.body == '<p>Text.</p><a rel="noopener noreferrer">y</a>'


def test_public_only_when_released_and_the_article_is_published(english):
    assert list(ArticleTranslation.objects.published()) == [english]
    english.is_released = False
    english.save()
    assert list(ArticleTranslation.objects.published()) == []
    english.is_released = True
    english.save()
    english.article.status = "review"
    english.article.save()
    assert list(ArticleTranslation.objects.published()) == []


def test_translation_page_reads_in_its_language(client, english):
    response = client.get(f"/en/meldung/{EN_SLUG}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="en" dir="ltr"' in article_element(html)
    assert "KL.digital gets new management</h1>" in html
    assert "The new managing director is Ilona Benz." in html
    assert f'<a href="/meldung/{SLUG}/" hreflang="de">' in html
    assert response.context["translation_urls"] == {
        "de": f"/meldung/{SLUG}/",
        "en": f"/en/meldung/{EN_SLUG}/",
    }
    assert "Demo-" not in html


def test_demo_translation_says_so(client, english):
    english.is_demo = True
    english.save()
    html = client.get(f"/en/meldung/{EN_SLUG}/").content.decode()
    assert 'class="translation-note__demo"' in html


def test_arabic_translation_is_right_to_left(client, original):
    ArticleTranslationFactory(article=original, language="ar", slug="kl-digital-ar", title="عنوان")
    html = client.get("/ar/meldung/kl-digital-ar/").content.decode()
    assert 'lang="ar" dir="rtl"' in article_element(html)


def test_german_slug_under_a_prefix_moves_to_the_translation(client, english):
    response = client.get(f"/en/meldung/{SLUG}/")
    assert response.status_code == 301
    assert response["Location"] == f"/en/meldung/{EN_SLUG}/"


def test_missing_translation_shows_the_german_original_with_a_note(client, english):
    response = client.get(f"/uk/meldung/{SLUG}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="translation-fallback"' in html
    assert 'lang="de" dir="ltr"' in article_element(html)
    assert "KL.digital bekommt neue Geschäftsleitung</h1>" in html
    assert response.context["translation_urls"]["en"] == f"/en/meldung/{EN_SLUG}/"


def test_fallback_note_names_the_readers_language(client, original):
    html = client.get(f"/en/meldung/{SLUG}/").content.decode()
    note = re.search(r'<p class="translation-fallback"[^>]*>(.*?)</p>', html).group(1)
    assert "English" in note


def test_unreleased_translation_is_hidden_from_readers_and_a_preview_for_staff(
    staff_client, english
):
    english.is_released = False
    english.save()
    client = Client()
    assert client.get(f"/en/meldung/{EN_SLUG}/").status_code == 404
    assert 'class="translation-fallback"' in client.get(f"/en/meldung/{SLUG}/").content.decode()
    response = staff_client.get(f"/en/meldung/{EN_SLUG}/")
    assert response.status_code == 200
    assert 'class="preview-banner"' in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def test_german_page_stays_german_and_links_its_translations(client, english):
    response = client.get(f"/meldung/{SLUG}/")
    html = response.content.decode()
    assert "KL.digital bekommt neue Geschäftsleitung</h1>" in html
    assert 'lang="de" dir="ltr"' in article_element(html)
    assert response.context["translation_urls"]["en"] == f"/en/meldung/{EN_SLUG}/"
    assert '<meta property="og:locale" content="de_DE">' in html
    assert '<meta property="og:locale:alternate" content="en_GB">' in html


def structured_data(html):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_structured_data_links_translation_and_original(client, english, settings):
    settings.SITE_URL = "https://news.example.org"
    translated = structured_data(client.get(f"/en/meldung/{EN_SLUG}/").content.decode())
    assert translated["inLanguage"] == "en"
    assert translated["url"] == f"https://news.example.org/en/meldung/{EN_SLUG}/"
    assert translated["translationOfWork"]["url"] == f"https://news.example.org/meldung/{SLUG}/"
    assert translated["translationOfWork"]["inLanguage"] == "de"
    original = structured_data(client.get(f"/meldung/{SLUG}/").content.decode())
    assert original["inLanguage"] == "de"
    assert original["workTranslation"] == [
        {
            "@type": "NewsArticle",
            "@id": f"https://news.example.org/en/meldung/{EN_SLUG}/",
            "url": f"https://news.example.org/en/meldung/{EN_SLUG}/",
            "inLanguage": "en",
        }
    ]


def test_open_graph_locale_of_a_translation(client, english):
    html = client.get(f"/en/meldung/{EN_SLUG}/").content.decode()
    assert '<meta property="og:locale" content="en_GB">' in html
    assert '<meta property="og:locale:alternate" content="de_DE">' in html
    assert f'content="http://127.0.0.1:8000/en/meldung/{EN_SLUG}/"' in html or (
        f"/en/meldung/{EN_SLUG}/" in html
    )


def test_a_translated_reading_is_never_saved(english):
    reading = english.read_as()
    with pytest.raises(TypeError):
        reading.save()


def test_changed_translation_leaves_the_page_cache(
    client, english, settings, django_assert_num_queries
):
    settings.NEWS_PAGE_CACHE_SECONDS = 600
    url = f"/en/meldung/{EN_SLUG}/"
    client.get(url)
    with django_assert_num_queries(0):
        assert "KL.digital gets new management" in client.get(url).content.decode()
    english.title = "KL.digital has a new managing director"
    english.save()
    assert "KL.digital has a new managing director</h1>" in client.get(url).content.decode()


def related_titles(count, section):
    """Return the page of an article whose `count` related articles all have English titles."""
    main = ArticleFactory(section=section, slug="main")
    ArticleTranslationFactory(article=main, slug="main-en")
    for number in range(count):
        related = ArticleFactory(section=section, title=f"Deutsch {number}")
        ArticleTranslationFactory(article=related, title=f"English {number}")
    return main


@pytest.mark.parametrize("count", [1, 4])
def test_translated_teasers_cost_the_same_queries_however_many(
    client, section, count, django_assert_num_queries
):
    related_titles(count, section)
    with django_assert_num_queries(14):  # the navigation and sidebar read included
        html = client.get("/en/meldung/main-en/").content.decode()
    for number in range(count):  # in the related articles and in "Aktuelle Meldungen"
        assert f"</span> English {number}</a>" in html  # related
        assert f"Kaiserslautern: English {number}</a>" in html  # latest
    assert "Deutsch 0" not in html


def test_untranslated_teasers_on_a_translated_page_are_marked_german(client, english, section):
    ArticleFactory(section=section, slug="nur-deutsch", title="Nur auf Deutsch")
    html = client.get(f"/en/meldung/{EN_SLUG}/").content.decode()
    assert '<a href="/en/meldung/nur-deutsch/" lang="de" dir="ltr">' in html
