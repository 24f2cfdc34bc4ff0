"""The stored PDF of a Leichte-Sprache version: rendered by the task, beside the article's."""

import io

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader

from news.models import ArticlePDF, EasyReadVersion
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
URL = "/meldung/neue-chefin/leichte-sprache/pdf/"


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    import weasyprint  # noqa: F401  (once, as the worker does)

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def version(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(
            slug="neue-chefin", title="KL.digital bekommt neue Geschäftsleitung"
        )
        return EasyReadVersion.objects.create(
            article=article,
            title="Die Firma KL.digital bekommt eine neue Chefin",
            lead="Die neue Chefin heißt Ilona Benz.",
            body="<p>KL.digital ist eine Firma.</p><p>Die Firma gehört der Stadt.</p>",
        )


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, " ".join("\n".join(p.extract_text() for p in reader.pages).split())


def test_version_gets_its_own_stored_pdf_beside_the_article_pdf(client, version):
    assert sorted(ArticlePDF.objects.values_list("variant", "status")) == [
        ("", "ready"),
        ("leichte-sprache", "ready"),
    ]
    response = client.get(URL + "?download=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="neue-chefin-leichte-sprache.pdf"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    reader, text = pdf_text(body)
    assert "Die Firma KL.digital bekommt eine neue Chefin" in text
    assert "Leichte Sprache" in text
    assert "Die Firma gehört der Stadt." in text
    assert reader.trailer["/Root"]["/Lang"] == "de"

    article_pdf = b"".join(client.get("/meldung/neue-chefin/pdf/").streaming_content)
    assert "neue Chefin heißt" not in pdf_text(article_pdf)[1]


def test_edited_version_gets_a_new_pdf_and_the_old_file_goes(
    client, version, django_capture_on_commit_callbacks
):
    old = ArticlePDF.objects.get(variant="leichte-sprache")
    with django_capture_on_commit_callbacks(execute=True):
        version.title = "Ilona Benz ist die neue Chefin"
        version.save()
    new = ArticlePDF.objects.get(variant="leichte-sprache")
    assert new.version != old.version
    assert not default_storage.exists(old.file.name)
    body = b"".join(client.get(URL).streaming_content)
    assert "Ilona Benz ist die neue Chefin" in pdf_text(body)[1]


def test_removed_version_loses_its_pdf_and_the_address_is_404(
    client, version, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version.delete()
    assert list(ArticlePDF.objects.values_list("variant", flat=True)) == [""]
    assert client.get(URL).status_code == 404


def test_version_of_a_draft_has_no_pdf(client, version, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        version.article.status = "draft"
        version.article.save()
    assert not ArticlePDF.objects.exists()
    assert client.get(URL).status_code == 404


def test_version_page_links_its_pdf(client, version):
    assert f'<a href="{URL}" rel="nofollow" type="application/pdf">PDF' in (
        client.get("/meldung/neue-chefin/leichte-sprache/").content.decode()
    )
