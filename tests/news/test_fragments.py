"""Kept parts of the article page (news.fragments): each change shows at once."""

import pytest
from django.utils import timezone

from news.caching import invalidate
from news.corrections import Correction
from news.models import Article, Tag
from tests.factories import (
    ArticleFactory,
    ArticleTranslationFactory,
    ExternalLinkFactory,
    PersonFactory,
    TermFactory,
)
from tests.news.kept_pages import kept as kept_page
from tests.news.kept_pages import page

pytestmark = pytest.mark.django_db


def kept(client, url):
    """The page from its kept parts: no keyword is read."""
    return kept_page(client, url, unread="news_taggedarticle")


def test_relations_of_the_article_show_at_once(client, section):
    article = ArticleFactory(section=section, tags=["Radverkehr"])
    url = article.get_absolute_url()
    assert "Radverkehr" in kept(client, url)
    ExternalLinkFactory(article=article, label="Verkehrsplan der Stadt")
    assert "Verkehrsplan der Stadt" in kept(client, url)
    Correction.objects.create(article=article, text="Ein Datum war falsch.")
    assert "Ein Datum war falsch." in kept(client, url)
    article.tags.add("Fahrradstraße")
    assert "Fahrradstraße" in kept(client, url)
    tag = Tag.objects.get(name="Radverkehr")
    tag.name = "Radverkehr in der Stadt"
    tag.save()
    assert "Radverkehr in der Stadt" in kept(client, url)


def test_people_and_their_offices_show_at_once(client, section):
    article = ArticleFactory(section=section)
    url = article.get_absolute_url()
    person = PersonFactory(name="Erika Beispiel")
    kept(client, url)
    person.articles.add(article)  # from the person's side
    assert "Erika Beispiel" in kept(client, url)
    term = TermFactory(person=person, start="01.01.2000")
    assert term.post.organization.name in kept(client, url)
    person.name = "Erika Muster"
    person.save()
    assert "Erika Muster" in kept(client, url)


def test_translation_and_language_are_kept_apart(client, section):
    translation = ArticleTranslationFactory(article=ArticleFactory(section=section))
    german, english = translation.article.get_absolute_url(), translation.get_absolute_url()
    assert "Der Text der Meldung." in kept(client, german)
    assert "The text of the news item." in kept(client, english)
    translation.body = "<p>The new text.</p>"
    translation.save()
    assert "The new text." in kept(client, english)
    assert "Der Text der Meldung." in kept(client, german)


def test_a_change_saved_with_update_fields_shows_too(client, article):
    url = article.get_absolute_url()
    kept(client, url)
    article.body = "<p>Neu gefasst.</p>"
    article.save(update_fields=["body"])
    assert "Neu gefasst." in kept(client, url)


def test_a_lost_stamp_keeps_nothing(client, article, cache):
    url = article.get_absolute_url()
    kept(client, url)
    Article.objects.filter(pk=article.pk).update(body="<p>Still geändert.</p>")
    cache.clear()  # stamps and parts gone: nothing stale can come back
    assert "Still geändert." in page(client, url)


def test_previews_are_never_kept(editor_client, section):
    draft = ArticleFactory(section=section, status=Article.Status.DRAFT)
    url = draft.get_absolute_url()
    assert "Der Text der Meldung." in page(editor_client, url)
    Article.objects.filter(pk=draft.pk).update(body="<p>Zweiter Entwurf.</p>")  # no signal
    assert "Zweiter Entwurf." in page(editor_client, url)
    Article.objects.filter(pk=draft.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    invalidate(f"article:{draft.pk}")
    assert "Zweiter Entwurf." in kept(editor_client, url)


def test_the_languages_of_a_kept_page_follow_its_translations(client, article):
    url = article.get_absolute_url()
    assert 'hreflang="en"' not in kept(client, url).split("</head>")[0]
    translation = ArticleTranslationFactory(article=article, slug="city-news-in-english")
    head = kept(client, url).split("</head>")[0]
    assert '<link rel="alternate" hreflang="en" href="http://' in head
    assert "/en/meldung/city-news-in-english/" in head
    translation.is_released = False
    translation.save()
    assert "city-news-in-english" not in kept(client, url)


def test_a_block_inside_a_kept_part_is_still_overridden():
    """Parts without blocks are skipped when {% extends %} looks for blocks; others are not."""
    from django.template import Context, Engine

    engine = Engine(
        loaders=[
            (
                "django.template.loaders.locmem.Loader",
                {
                    "parent.html": '{% load news_fragments %}{% kept "a" %}<p>plain</p>{% endkept %}'
                    '{% kept "b" %}{% block inner %}parent{% endblock inner %}{% endkept %}',
                    "child.html": '{% extends "parent.html" %}'
                    "{% block inner %}{{ block.super }}+child{% endblock %}",
                },
            )
        ],
        libraries={"news_fragments": "news.templatetags.news_fragments"},
    )
    html = engine.get_template("child.html").render(Context())
    assert html == "<p>plain</p>parent+child"
