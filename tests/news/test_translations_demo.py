"""The demo's English, Arabic and Ukrainian translations of the seed article."""

from io import StringIO

import pytest
from django.core.management import call_command

from news.models import ArticleTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("loaddemo", stdout=StringIO())


def test_demo_has_three_released_demo_translations_of_the_seed_article(demo):
    translations = ArticleTranslation.objects.published().order_by("language")
    assert [(t.language, t.article.slug, t.is_demo) for t in translations] == [
        ("ar", "kl-digital-bekommt-neue-geschaeftsleitung", True),
        ("en", "kl-digital-bekommt-neue-geschaeftsleitung", True),
        ("uk", "kl-digital-bekommt-neue-geschaeftsleitung", True),
    ]
    for translation in translations:  # as many paragraphs as the original, image texts too
        assert translation.body.count("<p>") == translation.article.body.count("<p>") == 5
        assert translation.image_alt and translation.image_caption


def test_loaddemo_twice_keeps_the_translations_as_they_are(demo):
    before = sorted(ArticleTranslation.objects.values_list("pk", "updated_at"))
    call_command("loaddemo", stdout=StringIO())
    assert sorted(ArticleTranslation.objects.values_list("pk", "updated_at")) == before


@pytest.mark.parametrize(
    "path, language, words",
    [
        ("/en/meldung/kl-digital-gets-new-management/", "en", "new managing director"),
        ("/ar/meldung/kl-digital-idara-jadida/", "ar", "المديرة الجديدة"),
        ("/uk/meldung/kl-digital-otrymuie-nove-kerivnytstvo/", "uk", "Нову директорку"),
    ],
)
def test_demo_translation_pages_say_they_are_demo_texts(client, demo, path, language, words):
    html = client.get(path).content.decode()
    assert f'lang="{language}"' in html
    assert words in html
    assert 'class="translation-note__demo"' in html
