"""The PDF of an article as a reader gets it once the task worker has rendered it."""

from news.printing.services import article_pdf_render


def worker_rendered_pdf(client, article):
    """Render the article's PDF as the task worker does, then fetch it; return its bytes."""
    article_pdf_render(article.pk)
    response = client.get(f"{article.get_absolute_url()}pdf/")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content) if response.streaming else response.content
