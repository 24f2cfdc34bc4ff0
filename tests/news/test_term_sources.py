"""The source article of a term lives in news and is chosen on the term's admin page."""

import pytest

from news.models import Article, TermSource
from tests.factories import ArticleFactory, TermFactory

pytestmark = pytest.mark.django_db


def term_form(term, **source):
    data = {
        "person": term.person.pk,
        "post": term.post.pk,
        "start_date": "2017",
        "end_date": "",
        "kind": "",
        "note": "",
        "source-TOTAL_FORMS": "1",
        "source-INITIAL_FORMS": "0",
        "source-MIN_NUM_FORMS": "0",
        "source-MAX_NUM_FORMS": "1",
        "source-0-term": term.pk,
    }
    return data | {f"source-0-{key}": value for key, value in source.items()}


def test_editor_picks_the_source_article_on_the_term_page(admin_client):
    term = TermFactory(start="2017")
    article = ArticleFactory(title="Benz übernimmt")
    page = admin_client.get(f"/admin/people/term/{term.pk}/change/")
    assert 'name="source-0-article"' in page.content.decode()
    response = admin_client.post(
        f"/admin/people/term/{term.pk}/change/", term_form(term, article=article.pk)
    )
    assert response.status_code == 302, response.context["errors"]
    assert TermSource.objects.get(term=term).article == article


def test_deleting_the_article_keeps_the_term(admin_client):
    term = TermFactory(start="2017")
    TermSource.objects.create(term=term, article=ArticleFactory())
    Article.objects.all().delete()
    term.refresh_from_db()
    assert not TermSource.objects.exists()
