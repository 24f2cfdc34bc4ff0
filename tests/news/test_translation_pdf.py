"""Print view and stored PDF of a translation: its language, its direction, its script."""

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from news.models import ArticlePDF
from tests.factories import ArticleFactory, ArticleTranslationFactory

pytestmark = pytest.mark.django_db

SLUG = "neue-chefin"
ARABIC_TITLE = "كي إل ديجيتال تحصل على إدارة جديدة"
ARABIC_BODY = "المديرة الجديدة هي إيلونا بنتس."
UKRAINIAN_TITLE = "KL.digital отримує нове керівництво"
UKRAINIAN_BODY = "Нова директорка — Ілона Бенц."


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    import weasyprint  # noqa: F401  (once, as the worker does)

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def translations(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(slug=SLUG, title="KL.digital bekommt neue Geschäftsleitung")
        return {
            "ar": ArticleTranslationFactory(
                article=article,
                language="ar",
                slug="kl-digital-idara-jadida",
                title=ARABIC_TITLE,
                lead="تبدأ المديرة الجديدة عملها في الأول من فبراير.",
                body=f"<p>{ARABIC_BODY}</p>",
                is_demo=True,
            ),
            "uk": ArticleTranslationFactory(
                article=article,
                language="uk",
                slug="kl-digital-nove-kerivnytstvo",
                title=UKRAINIAN_TITLE,
                lead="Нова директорка починає роботу 1 лютого.",
                body=f"<p>{UKRAINIAN_BODY}</p>",
            ),
        }


def pdf_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(body))


def text_of(reader):
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Extractors may give Arabic presentation forms; NFKC folds them to the letters typed.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_each_released_translation_gets_its_own_stored_pdf(translations):
    assert sorted(ArticlePDF.objects.values_list("variant", "status")) == [
        ("", "ready"),
        ("ar", "ready"),
        ("uk", "ready"),
    ]


def test_arabic_pdf_is_arabic_in_reading_order(client, translations):
    reader = pdf_of(client, "/ar/meldung/kl-digital-idara-jadida/pdf/")
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    text = text_of(reader)
    assert ARABIC_TITLE in text
    assert ARABIC_BODY.rstrip(".") in text
    assert re.search(r"[\u0600-\u06ff]", text)


def test_ukrainian_pdf_has_the_cyrillic_text(client, translations):
    reader = pdf_of(client, "/uk/meldung/kl-digital-nove-kerivnytstvo/pdf/?download=1")
    assert reader.trailer["/Root"]["/Lang"] == "uk"
    text = text_of(reader)
    assert UKRAINIAN_TITLE in text
    assert UKRAINIAN_BODY in text


def test_pdf_download_is_named_after_the_translation(client, translations):
    response = client.get("/uk/meldung/kl-digital-nove-kerivnytstvo/pdf/?download=1")
    assert 'filename="kl-digital-nove-kerivnytstvo-uk.pdf"' in response["Content-Disposition"]


def test_german_slug_under_a_prefix_moves_to_the_translations_pdf_and_print(client, translations):
    response = client.get(f"/ar/meldung/{SLUG}/pdf/")
    assert response.status_code == 301
    assert response["Location"] == "/ar/meldung/kl-digital-idara-jadida/pdf/"
    response = client.get(f"/ar/meldung/{SLUG}/druck/")
    assert response["Location"] == "/ar/meldung/kl-digital-idara-jadida/druck/"


def test_language_without_translation_prints_the_german_original(client, translations):
    html = client.get(f"/en/meldung/{SLUG}/druck/").content.decode()
    assert '<html lang="de" dir="ltr">' in html
    assert "KL.digital bekommt neue Geschäftsleitung" in html


def test_arabic_print_view_is_right_to_left_and_says_it_is_a_demo(client, translations):
    html = client.get("/ar/meldung/kl-digital-idara-jadida/druck/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert ARABIC_TITLE in html
    assert 'class="translation-note__demo"' in html


def test_taken_back_translation_loses_its_pdf(
    client, translations, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        translations["uk"].is_released = False
        translations["uk"].save()
    assert sorted(ArticlePDF.objects.values_list("variant", flat=True)) == ["", "ar"]
    assert client.get("/uk/meldung/kl-digital-nove-kerivnytstvo/pdf/").status_code == 404


def test_page_numbers_in_the_documents_language(client, translations):
    german = text_of(pdf_of(client, f"/meldung/{SLUG}/pdf/"))
    assert "Seite 1 von 1" in german
    ukrainian = text_of(pdf_of(client, "/uk/meldung/kl-digital-nove-kerivnytstvo/pdf/"))
    # "Стор?нка": pypdf reads the margin boxes' Cyrillic "і" (and "є") back as digits, a
    # ToUnicode fault of Source Sans 3 regular there (the running title shows it too).
    assert re.search(r"Стор.нка 1 з 1", ukrainian) and "Seite" not in ukrainian
    arabic = text_of(pdf_of(client, "/ar/meldung/kl-digital-idara-jadida/pdf/"))
    assert "الصفحة" in arabic and "Seite" not in arabic
