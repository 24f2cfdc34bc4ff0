import pytest
from django.core.management import call_command
from django.utils import timezone

from news import search
from news.models import Article, Mention, TaggedArticle
from news.seeding import make_article, seed_articles, seed_people, seed_sections, seed_tags
from news.text import sanitize_html

pytestmark = pytest.mark.django_db


def test_seedarticles_makes_published_articles_with_sections_tags_and_people():
    call_command("seedarticles", count=40, verbosity=0)

    articles = Article.objects.published()
    assert articles.count() == 40
    assert articles.values("section").distinct().count() > 1
    assert TaggedArticle.objects.filter(content_object__in=articles).exists()
    assert Mention.objects.filter(article__in=articles, published_at__isnull=False).exists()


def test_second_run_adds_nothing_and_a_larger_count_adds_the_difference():
    assert seed_articles(20) == 20
    slugs = set(Article.objects.values_list("slug", flat=True))

    assert seed_articles(20) == 0
    assert set(Article.objects.values_list("slug", flat=True)) == slugs
    assert seed_articles(25) == 5
    assert Article.objects.count() == 25


def test_article_number_n_is_always_the_same_article():
    options = {
        "now": timezone.now(),
        "sections": seed_sections(),
        "tags": seed_tags(),
        "people": seed_people(),
    }
    article, _, _ = make_article(7, **options)
    again, _, _ = make_article(7, **options)

    assert (article.title, article.slug, article.body) == (again.title, again.slug, again.body)
    assert article.slug.endswith("-7")


def test_seeded_articles_are_in_the_search_index():
    seed_articles(10)
    article = Article.objects.order_by("pk").first()

    assert article.slug in [hit.article.slug for hit in search.search_articles(article.title)[:50]]


def test_seeded_bodies_pass_the_sanitiser_unchanged():
    """bulk_create skips Article.save(), so the generated markup must already be clean."""
    seed_articles(10)
    for body in Article.objects.values_list("body", flat=True):
        assert sanitize_html(body) == body
