"""Stored PDFs: rendered by the task worker when an article is published or changed, bounded
by limits, shown to editors in the admin, never rendered in a reader's request."""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from news.models import Article, ArticlePDF
from tests.factories import ArticleFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    import weasyprint  # noqa: F401  (once, as the worker does)

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def publish(section, django_capture_on_commit_callbacks):
    """Save an article as the admin does: its PDF is enqueued when the transaction commits."""

    def save(article=None, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            if article is None:
                return ArticleFactory(section=section, **fields)
            for name, value in fields.items():
                setattr(article, name, value)
            article.save()
            return article

    return save


def pdf_url(article):
    return reverse("news:pdf", kwargs={"slug": article.slug})


def long_body(items):
    rows = "".join(f"<li>Punkt {n}: Tagesordnung, Beschluss und Anlage.</li>" for n in range(items))
    return f"<p>Sitzung des Stadtrats.</p><ul>{rows}</ul>"


def test_published_article_gets_a_stored_pdf_served_like_a_static_file(client, publish):
    article = publish(slug="stadtrat-tagt", title="Der Stadtrat tagt")

    stored = ArticlePDF.objects.get(article=article)
    assert stored.status == ArticlePDF.Status.READY
    assert stored.version in stored.file.name and stored.file.name.startswith("pdf/")
    response = client.get(pdf_url(article))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="stadtrat-tagt.pdf"'
    assert response["ETag"] == f'"{stored.version}"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_changed_article_gets_a_new_pdf_and_the_old_file_is_removed(client, publish):
    article = publish()
    old = ArticlePDF.objects.get(article=article)

    publish(article, title="Eine geänderte Überschrift")

    new = ArticlePDF.objects.get(article=article)
    assert new.version != old.version and new.status == ArticlePDF.Status.READY
    assert not default_storage.exists(old.file.name)
    assert client.get(pdf_url(article))["ETag"] == f'"{new.version}"'


def test_draft_has_no_pdf_and_a_withdrawn_article_loses_it(client, publish):
    draft = publish(status=Article.Status.DRAFT)
    article = publish()
    name = ArticlePDF.objects.get(article=article).file.name

    publish(article, status=Article.Status.DRAFT)

    assert not ArticlePDF.objects.filter(article__in=[draft, article]).exists()
    assert not default_storage.exists(name)
    assert client.get(pdf_url(article)).status_code == 404


def test_pdf_not_rendered_yet_gives_german_503_and_enqueues_one_render(client, article, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    with_commit = [client.get(pdf_url(article)) for _ in range(3)]

    for response in with_commit:
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "Das PDF wird gerade erstellt" in response.content.decode()
    assert ArticlePDF.objects.get(article=article).status == ArticlePDF.Status.PENDING
    default_task_backend.clear()


def test_pending_request_enqueues_once(
    client, article, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client.get(pdf_url(article))

    assert len(default_task_backend.results) == 1


def test_long_article_is_stopped_by_the_limits_and_shown_as_failed(
    client, publish, admin_client, settings, caplog
):
    # Only the CPU limit can stop it: on a fast machine 4,000 items laid out within 5 s and
    # then hit the page limit instead.
    limits = {"cpu_seconds": 5, "wall_seconds": 20, "max_pages": 100_000}
    settings.NEWS_PDF_LIMITS = {**settings.NEWS_PDF_LIMITS, **limits}
    started = time.monotonic()

    article = publish(title="Alle Beschlüsse", body=long_body(20_000))

    assert time.monotonic() - started < 30
    stored = ArticlePDF.objects.get(article=article)
    assert stored.status == ArticlePDF.Status.FAILED
    assert "limit" in stored.error
    assert article.slug in caplog.text and stored.error in caplog.text
    response = client.get(pdf_url(article))
    assert response.status_code == 503
    assert "Das PDF ist gerade nicht verfügbar" in response.content.decode()
    listing = admin_client.get(reverse("admin:news_article_changelist")).content.decode()
    assert f"fehlgeschlagen: {stored.error}" in listing
    change = admin_client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert "fehlgeschlagen: Rechenzeitlimit von 5 s überschritten" in change.content.decode()


def test_page_limit_fails_the_render_before_writing(publish, settings):
    settings.NEWS_PDF_LIMITS = {**settings.NEWS_PDF_LIMITS, "max_pages": 2}

    article = publish(body=long_body(300))

    stored = ArticlePDF.objects.get(article=article)
    assert stored.status == ArticlePDF.Status.FAILED
    assert stored.error.startswith("Seitenlimit überschritten:")
    assert not stored.file


def test_editor_renders_a_failed_pdf_again_from_the_admin(
    publish, admin_client, settings, django_capture_on_commit_callbacks
):
    settings.NEWS_PDF_LIMITS = {**settings.NEWS_PDF_LIMITS, "max_pages": 0}
    article = publish()
    assert ArticlePDF.objects.get(article=article).status == ArticlePDF.Status.FAILED
    settings.NEWS_PDF_LIMITS = {**settings.NEWS_PDF_LIMITS, "max_pages": 60}

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:news_article_changelist"),
            {"action": "render_pdf_again", "_selected_action": [article.pk]},
            follow=True,
        )

    assert "wird neu erstellt" in response.content.decode()
    assert ArticlePDF.objects.get(article=article).status == ArticlePDF.Status.READY
    listing = admin_client.get(reverse("admin:news_article_changelist")).content.decode()
    assert "fertig (1 Seiten)" in listing


def test_failure_reason_is_escaped_in_the_admin(publish, admin_client):
    article = publish()
    ArticlePDF.objects.filter(article=article).update(
        status=ArticlePDF.Status.FAILED, error="<b>kaputt</b>"
    )

    html = admin_client.get(reverse("admin:news_article_changelist")).content.decode()

    assert "fehlgeschlagen: &lt;b&gt;kaputt&lt;/b&gt;" in html


def test_web_process_does_not_even_import_weasyprint():
    script = textwrap.dedent(
        """
        import sys
        from django.core.wsgi import get_wsgi_application
        from django.urls import resolve
        get_wsgi_application()
        import news.admin, news.printing.tasks  # noqa
        print(resolve("/meldung/eine-meldung/pdf/").url_name, "weasyprint" in sys.modules)
        """
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kldigital.settings", "DJANGO_DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert result.stdout.split() == ["pdf", "False"], result.stderr
