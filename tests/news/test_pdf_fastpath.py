"""Stored PDFs answered before the middleware stack (news.printing.fastpath)."""

import time

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article, ArticlePDF
from news.printing.document import article_pdf_version, printable_articles
from tests.factories import ArticleFactory, ArticleTranslationFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7 stored test file"


@pytest.fixture(autouse=True)
def no_render(settings):
    """A render asked for stays pending: the tests store their PDFs themselves."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def store_pdf(article, variant="", content=PDF):
    """Store a ready PDF of the article's current version, as the worker would."""
    article = printable_articles().get(pk=article.pk)
    stored, _ = ArticlePDF.objects.get_or_create(
        article=article, variant=variant, version=article_pdf_version(article, variant)
    )
    stored.status, stored.rendered_at = ArticlePDF.Status.READY, timezone.now()
    stored.file.save(f"test-{article.pk}-{variant}.pdf", ContentFile(content), save=False)
    stored.save()
    time.sleep(0.002)  # a stamp may lie up to 1 ms ahead (news.caching.new_stamp)
    return stored


def fetch(client, url, **kwargs):
    """Return (response, number of SQL queries) of one GET."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **kwargs)
    return response, len(captured)


def body(response):
    return b"".join(response.streaming_content)


def test_a_served_pdf_is_served_again_without_a_query(client, article):
    store_pdf(article)
    url = f"{article.get_absolute_url()}pdf/"
    first, queries = fetch(client, url)
    assert first.status_code == 200 and queries >= 2 and body(first) == PDF
    second, queries = fetch(client, url)
    assert second.status_code == 200 and queries == 0 and body(second) == PDF
    for header in ("ETag", "Last-Modified", "Cache-Control", "Content-Disposition", "X-Robots-Tag"):
        assert second[header] == first[header], header
    assert second["Content-Type"] == "application/pdf"
    download, queries = fetch(client, url, query_params={"download": "1"})
    assert queries == 0 and download["Content-Disposition"].startswith("attachment;")
    unchanged, queries = fetch(client, url, headers={"if-none-match": first["ETag"]})
    assert unchanged.status_code == 304 and queries == 0


@pytest.mark.parametrize(
    "change",
    [
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + timezone.timedelta(days=1)},
    ],
    ids=["unpublished", "rescheduled"],
)
def test_an_article_unpublished_after_its_pdf_was_kept_is_a_404(client, article, change):
    store_pdf(article)
    url = f"{article.get_absolute_url()}pdf/"
    assert fetch(client, url)[0].status_code == 200
    assert fetch(client, url)[1] == 0  # kept
    for field, value in change.items():
        setattr(article, field, value)
    article.save()
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404


def test_a_deleted_article_is_a_404(client, article):
    store_pdf(article)
    url = f"{article.get_absolute_url()}pdf/"
    client.get(url), client.get(url)
    article.delete()
    assert client.get(url).status_code == 404


def test_a_new_version_is_served_once_stored_and_pending_is_503(client, article):
    store_pdf(article)
    url = f"{article.get_absolute_url()}pdf/"
    client.get(url)
    article.title = "Neue Überschrift"
    article.save()
    pending = client.get(url)
    assert pending.status_code == 503 and pending["Retry-After"]
    assert client.get(url).status_code == 503
    store_pdf(article, content=b"%PDF-1.7 second version")
    assert body(client.get(url)) == b"%PDF-1.7 second version"
    response, queries = fetch(client, url)
    assert queries == 0 and body(response) == b"%PDF-1.7 second version"


def test_a_file_gone_from_storage_goes_back_to_the_view(client, article):
    stored = store_pdf(article)
    url = f"{article.get_absolute_url()}pdf/"
    client.get(url)
    stored.file.storage.delete(stored.file.name)
    assert client.get(url).status_code == 503  # rendered again, as the view does


def test_translation_pdf_is_kept_per_language_and_unreleasing_ends_it(client, section):
    translation = ArticleTranslationFactory(article=ArticleFactory(section=section))
    store_pdf(translation.article)
    store_pdf(translation.article, "en", content=b"%PDF-1.7 english")
    url = f"/en/meldung/{translation.slug}/pdf/"
    assert body(client.get(url)) == b"%PDF-1.7 english"
    response, queries = fetch(client, url)
    assert queries == 0 and body(response) == b"%PDF-1.7 english"
    assert response["Content-Disposition"].endswith(f'"{translation.slug}-en.pdf"')
    assert body(client.get(f"/meldung/{translation.article.slug}/pdf/")) == PDF
    translation.is_released = False
    translation.save()
    assert client.get(url).status_code == 404


def test_with_x_accel_redirect_nginx_sends_the_file(client, article, settings):
    settings.MEDIA_X_ACCEL_REDIRECT = True
    stored = store_pdf(article)
    url = f"{article.get_absolute_url()}pdf/"
    client.get(url)
    response, queries = fetch(client, url)
    assert queries == 0 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/_kldigital/media/{stored.file.name}"


def test_stamps_the_cache_never_had_are_set_when_kept(client, article, cache):
    store_pdf(article)
    cache.clear()  # as on a fresh Redis or a new cache folder: no stamp at all
    url = f"{article.get_absolute_url()}pdf/"
    client.get(url)
    assert fetch(client, url)[1] == 0
