"""Stored PDFs: ask for a render when an article changes, render it in the worker, serve it.

A web process only reads and writes ArticlePDF rows and enqueues `render_article_pdf`;
the render itself (WeasyPrint, in a limited child process) runs in the task worker.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .document import (
    EASY_READ,
    article_pdf_source,
    article_pdf_version,
    printable_articles,
    released_translation,
)
from .models import ArticlePDF

logger = logging.getLogger(__name__)


def article_pdf_name(article, version, variant=""):
    """Return the storage name of a PDF: the version in it, so no old file is ever served."""
    return f"pdf/{article.pk}/{article.slug}-{variant + '-' if variant else ''}{version}.pdf"


def article_pdf_current(article, variant=""):
    """Return the ArticlePDF of the article's current version, asking for a render if needed.

    A missing row is created as pending and its render enqueued; a row left pending
    longer than NEWS_PDF_PENDING_RETRY seconds (a lost task, a worker that was down) is
    enqueued again. The unique (article, version) row keeps concurrent requests to one task.
    """
    version = article_pdf_version(article, variant)
    stored = ArticlePDF.objects.filter(article=article, variant=variant, version=version).first()
    if stored is None:
        try:
            with transaction.atomic():
                stored = ArticlePDF.objects.create(
                    article=article, variant=variant, version=version
                )
        except IntegrityError:  # another request was quicker and has enqueued it
            return ArticlePDF.objects.get(article=article, variant=variant, version=version)
        _enqueue_render(article.pk, variant)
    elif stored.status == ArticlePDF.Status.PENDING:
        stale = timezone.now() - timedelta(seconds=settings.NEWS_PDF_PENDING_RETRY)
        if ArticlePDF.objects.filter(pk=stored.pk, updated_at__lt=stale).update(
            updated_at=timezone.now()
        ):
            _enqueue_render(article.pk, variant)
    return stored


def article_pdf_request_render(article, *, again=False, variant=""):
    """Mark the article's current PDF as pending and enqueue its render.

    `again` renders a version that failed or is ready once more (the editors' button).
    """
    version = article_pdf_version(article, variant)
    stored, created = ArticlePDF.objects.get_or_create(
        article=article, variant=variant, version=version
    )
    if created or again or stored.status == ArticlePDF.Status.PENDING:
        if not created:
            ArticlePDF.objects.filter(pk=stored.pk).update(
                status=ArticlePDF.Status.PENDING, error="", updated_at=timezone.now()
            )
        _enqueue_render(article.pk, variant)


def _enqueue_render(article_id, variant=""):
    from .tasks import render_article_pdf

    args = (article_id, variant) if variant else (article_id,)
    transaction.on_commit(lambda: render_article_pdf.enqueue(*args))


def article_pdf_render(article_id, variant=""):
    """Render and store the PDF of the article's current version; return its state.

    Runs in the task worker. An article that is not (or no longer) published loses its
    PDFs; a render that hits a limit is logged and recorded as failed for the editors.
    """
    from .sandbox import RenderFailed, RenderLimits, render_in_child

    article = printable_articles().filter(pk=article_id).first()
    if article is None:
        article_pdfs_delete(article_id)
        return "unpublished"
    if variant and not has_variant(article, variant):
        article_pdfs_delete(article_id, variant)
        return "unpublished"
    version = article_pdf_version(article, variant)
    stored, _ = ArticlePDF.objects.get_or_create(article=article, variant=variant, version=version)
    if stored.is_ready:
        return stored.status
    html, stylesheets = article_pdf_source(article, variant)
    try:
        result = render_in_child(
            html,
            base_url=settings.SITE_URL,
            stylesheets=stylesheets,
            limits=RenderLimits.from_settings(),
        )
    except RenderFailed as error:
        logger.error("PDF of article %s (%s) failed: %s", article.pk, article.slug, error)
        stored.status, stored.error = ArticlePDF.Status.FAILED, str(error)
        stored.save(update_fields=["status", "error", "updated_at"])
        return stored.status
    logger.info(
        "PDF of article %s (%s): %s pages, %d KB, %.1f s, peak %.0f MB",
        article.pk,
        article.slug,
        result.page_count,
        len(result.pdf) // 1024,
        result.seconds,
        result.peak_memory_mb,
    )
    stored.file = default_storage.save(
        article_pdf_name(article, version, variant), ContentFile(result.pdf)
    )
    stored.status, stored.error = ArticlePDF.Status.READY, ""
    stored.page_count, stored.rendered_at = result.page_count, timezone.now()
    stored.save()
    for older in ArticlePDF.objects.filter(article=article, variant=variant).exclude(pk=stored.pk):
        older.delete()
    return stored.status


def _article_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata
        return
    article_id = instance.pk
    transaction.on_commit(lambda: _after_article_saved(article_id))


def has_variant(article, variant):
    """Return whether a printable article has the text of a PDF variant."""
    if variant == EASY_READ:
        return hasattr(article, "easy_read")
    return released_translation(article, variant) is not None


def _after_article_saved(article_id):
    article = printable_articles().filter(pk=article_id).first()
    if article is not None:
        article_pdf_request_render(article)
        if hasattr(article, "easy_read"):
            article_pdf_request_render(article, variant=EASY_READ)
        for translation in article.released_translations:
            article_pdf_request_render(article, variant=translation.language)
        # A translation taken back (or deleted) takes its PDF with it.
        languages = [translation.language for translation in article.released_translations]
        ArticlePDF.objects.filter(article=article).exclude(
            variant__in=["", EASY_READ, *languages]
        ).delete()
    else:  # a draft, withdrawn or scheduled article has no PDF (until it appears)
        article_pdfs_delete(article_id)


def article_pdfs_delete(article_id, variant=None):
    """Delete an article's PDFs (or those of one variant), their files included."""
    pdfs = ArticlePDF.objects.filter(article_id=article_id)
    for stored in pdfs if variant is None else pdfs.filter(variant=variant):
        stored.delete()


def _easy_read_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        article_id = instance.article_id
        transaction.on_commit(lambda: _after_article_saved(article_id))


def _easy_read_deleted(sender, instance, **kwargs):
    article_id = instance.article_id
    transaction.on_commit(lambda: article_pdfs_delete(article_id, EASY_READ))


def _translation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        article_id = instance.article_id
        transaction.on_commit(lambda: _after_article_saved(article_id))


def _pdf_deleted(sender, instance, **kwargs):
    name = instance.file.name
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def connect_signals():
    post_save.connect(_article_saved, sender="news.Article", dispatch_uid="printing-article")
    post_delete.connect(_pdf_deleted, sender=ArticlePDF, dispatch_uid="printing-pdf-deleted")
    post_save.connect(
        _easy_read_saved, sender="news.EasyReadVersion", dispatch_uid="printing-easy-read"
    )
    post_delete.connect(
        _easy_read_deleted, sender="news.EasyReadVersion", dispatch_uid="printing-easy-read-del"
    )
    post_save.connect(
        _translation_changed, sender="news.ArticleTranslation", dispatch_uid="printing-translation"
    )
    post_delete.connect(
        _translation_changed,
        sender="news.ArticleTranslation",
        dispatch_uid="printing-translation-deleted",
    )
