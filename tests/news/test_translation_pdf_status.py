"""A translation's PDF while it is not there: the 503 page names the translation, and the
article admin shows and re-renders the translations' PDFs beside the German one."""

import pytest
from django.urls import reverse

from news.models import ArticlePDF
from news.printing.document import article_pdf_version, printable_articles
from tests.factories import ArticleFactory, ArticleTranslationFactory

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "مسارات جديدة للدراجات"


@pytest.fixture
def tasks(settings):
    """Tasks kept, not run: the worker has not got to them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    return default_task_backend


@pytest.fixture
def arabic(section, tasks):
    article = ArticleFactory(section=section, slug="neue-radwege", title="Neue Radwege")
    return ArticleTranslationFactory(
        article=article, language="ar", slug="masarat-jadida", title=ARABIC_TITLE
    )


def test_pending_translation_pdf_names_the_translation(client, arabic):
    response = client.get("/ar/meldung/masarat-jadida/pdf/")
    assert response.status_code == 503
    html = response.content.decode()
    assert f'<a href="/ar/meldung/masarat-jadida/">{ARABIC_TITLE}</a>' in html
    assert 'href="/ar/meldung/masarat-jadida/druck/"' in html
    assert "Neue Radwege" not in html.partition("<main")[2]


def test_german_pdf_pending_still_names_the_original(client, arabic):
    html = client.get("/meldung/neue-radwege/pdf/").content.decode()
    assert '<a href="/meldung/neue-radwege/">Neue Radwege</a>' in html


def test_admin_lists_and_renders_the_translations_pdfs_again(
    admin_client, arabic, settings, django_capture_on_commit_callbacks
):
    article = arabic.article
    ArticleTranslationFactory(article=article, language="uk", slug="novi", is_released=False)
    printable = printable_articles().get(pk=article.pk)
    for variant in ("", "ar"):  # what the worker would have done: German ready, Arabic failed
        version = article_pdf_version(printable, variant)
        ArticlePDF.objects.update_or_create(
            article=article,
            variant=variant,
            version=version,
            defaults={
                "status": "ready" if not variant else "failed",
                "page_count": 1,
                "error": "" if not variant else "Schriftart fehlt",
            },
        )
    listing = admin_client.get(reverse("admin:news_article_changelist")).content.decode()
    assert "DE: fertig (1 Seiten) · AR: fehlgeschlagen: Schriftart fehlt" in listing
    assert "UK:" not in listing  # not released: no PDF of its own

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    import weasyprint  # noqa: F401  (once, as the worker does)

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:news_article_changelist"),
            {"action": "render_pdf_again", "_selected_action": [article.pk]},
        )
    current = ArticlePDF.objects.filter(article=article).values_list("variant", "status")
    assert sorted(current) == [("", "ready"), ("ar", "ready")]
    listing = admin_client.get(reverse("admin:news_article_changelist")).content.decode()
    assert "DE: fertig (1 Seiten) · AR: fertig (1 Seiten)" in listing
