from django_tasks import task

from .services import article_pdf_render


@task()
def render_article_pdf(article_id, variant=""):
    """Render and store the PDF of an article's current version (see article_pdf_render).

    `variant` "leichte-sprache" renders its Leichte-Sprache version instead.
    """
    return article_pdf_render(article_id, variant)
