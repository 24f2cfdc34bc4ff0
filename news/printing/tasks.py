from django_tasks import task

from .services import article_pdf_render


@task()
def render_article_pdf(article_id):
    """Render and store the PDF of an article's current version (see article_pdf_render)."""
    return article_pdf_render(article_id)
