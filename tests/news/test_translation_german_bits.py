"""Inside a translated article, what stays German (keywords, corrections, offices, link
labels) says so with lang="de", so that screen readers pronounce it as German."""

from datetime import timedelta

import pytest
from django.utils import timezone

from news.models import Correction
from tests.factories import (
    ArticleFactory,
    ArticleTranslationFactory,
    ExternalLinkFactory,
    PostFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db
GERMAN = 'lang="de" dir="ltr"'


@pytest.fixture
def article(section):
    article = ArticleFactory(section=section, slug="neue-radwege", tags=["Radverkehr"])
    Correction.objects.create(
        article=article, text="Die Strecke ist 3 km lang.", published_at=timezone.now()
    )
    ExternalLinkFactory(article=article, label="Stadtverwaltung", url="https://example.org/")
    post = PostFactory(label="Oberbürgermeister", label_female="Oberbürgermeisterin")
    term = TermFactory(post=post, start=(timezone.localdate() - timedelta(days=400)).isoformat())
    article.people.add(term.person)
    ArticleTranslationFactory(article=article, slug="new-cycle-paths", language="en")
    ArticleTranslationFactory(article=article, slug="masarat", language="ar")
    return article


@pytest.mark.parametrize(
    ("url", "language"),
    [("/en/meldung/new-cycle-paths/", "en"), ("/ar/meldung/masarat/", "ar")],
)
def test_german_bits_of_a_translated_article_are_marked(client, article, url, language):
    html = client.get(url).content.decode()
    assert f'<article class="article" lang="{language}"' in html
    assert f'rel="tag" {GERMAN}>Radverkehr</a>' in html
    assert f"<span {GERMAN}>Die Strecke ist 3 km lang.</span>" in html
    assert f'rel="noopener" {GERMAN}>Stadtverwaltung</a>' in html
    assert f"<span {GERMAN}>Oberbürgermeister" in html


def test_print_view_of_a_translation_marks_them_too(client, article):
    html = client.get("/en/meldung/new-cycle-paths/druck/").content.decode()
    assert f"<span {GERMAN}>Radverkehr</span>" in html
    assert f"<span {GERMAN}>Die Strecke ist 3 km lang.</span>" in html
    assert f"<span {GERMAN}>Stadtverwaltung</span>" in html


def test_german_article_marks_nothing_twice(client, article):
    html = client.get("/meldung/neue-radwege/").content.decode()
    main = html.partition('<article class="article"')[2].partition("</article>")[0]
    assert GERMAN not in main.partition(">")[2]
    html = client.get("/meldung/neue-radwege/druck/").content.decode()
    assert GERMAN not in html.partition("<body")[2]
