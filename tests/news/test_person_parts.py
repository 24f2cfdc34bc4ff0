"""Kept parts of the person page (news.directory.PersonParts): each change shows at once."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.models import Article, TermSource
from people.dates import PartialDate
from tests.factories import ArticleFactory, PersonFactory, PostFactory, TermFactory
from tests.news.kept_pages import kept as kept_page
from tests.news.kept_pages import page

pytestmark = pytest.mark.django_db


@pytest.fixture
def term():
    return TermFactory(person=PersonFactory(name="Ilona Benz"), start="01.01.2020")


def kept(client, url):
    """The page from its kept parts: no term is read."""
    return kept_page(client, url, unread="people_term")


def test_a_kept_person_page_reads_the_person_and_their_articles_alone(client, term):
    url = term.person.get_absolute_url()
    kept(client, url)
    with CaptureQueriesContext(connection) as captured:
        page(client, url)
    tables = " ".join(q["sql"] for q in captured)
    assert "people_post" not in tables and "news_termsource" not in tables
    assert len(captured) == 2  # the person, the articles naming them


def test_directory_changes_show_at_once(client, term):
    url = term.person.get_absolute_url()
    assert term.post.label_female in kept(client, url) or term.post.label in kept(client, url)
    term.person.bio = "Leitet die Digitalisierung."
    term.person.save()
    assert "Leitet die Digitalisierung." in kept(client, url)
    term.end = PartialDate.parse("31.12.2023")
    term.save()
    TermFactory(post=term.post, person=PersonFactory(name="Dieter Rombach"), start="01.01.2024")
    assert "Dieter Rombach" in kept(client, url)
    successor = term.post.terms.get(person__name="Dieter Rombach").person
    successor.name = "Dieter Rombach-Weber"
    successor.save()  # another person's row: the timeline names them
    assert "Dieter Rombach-Weber" in kept(client, url)
    term.post.organization.name = "KL.digital GmbH"
    term.post.organization.save()
    assert "KL.digital GmbH" in kept(client, url)
    TermFactory(person=term.person, post=PostFactory(label="Aufsichtsrat"))
    assert "Aufsichtsrat" in kept(client, url)


def test_sources_show_and_go_at_once(client, term):
    url = term.person.get_absolute_url()
    kept(client, url)
    article = ArticleFactory(title="Benz übernimmt")
    source = TermSource.objects.create(term=term, article=article)
    assert "Quelle: <a" in kept(client, url) and "Benz übernimmt" in kept(client, url)
    article.title = "Benz übernimmt die Geschäftsführung"
    article.save()
    assert "Benz übernimmt die Geschäftsführung" in kept(client, url)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    article.refresh_from_db()
    article.save()  # as the admin does: unpublished with a signal
    assert "Quelle: <a" not in kept(client, url)
    article.status = Article.Status.PUBLISHED
    article.save()
    assert "Quelle: <a" in kept(client, url)
    source.delete()
    assert "Quelle: <a" not in kept(client, url)


def test_a_scheduled_source_appears_at_its_time(client, term, time_machine):
    time_machine.move_to(timezone.now())  # ticking: a frozen clock keeps nothing
    article = ArticleFactory(
        title="Benz übernimmt", published_at=timezone.now() + timedelta(seconds=30)
    )
    TermSource.objects.create(term=term, article=article)
    url = term.person.get_absolute_url()
    assert "Benz übernimmt" not in kept(client, url)
    time_machine.shift(timedelta(seconds=31))
    assert "Benz übernimmt" in page(client, url)


def test_the_articles_naming_a_person_are_listed_anew(client, term):
    url = term.person.get_absolute_url()
    kept(client, url)
    ArticleFactory(title="Benz eröffnet das Testfeld").people.add(term.person)
    assert "Benz eröffnet das Testfeld" in kept(client, url)


def test_languages_are_kept_apart(client, term):
    german = kept(client, term.person.get_absolute_url())
    english = kept(client, "/en" + term.person.get_absolute_url())
    assert "Ämter" in german and "Ämter" not in english
    assert 'og:locale" content="de_DE"' in german and 'og:locale" content="en_GB"' in english


@pytest.mark.parametrize("address", ["person", "/personen/popolo.json"])
def test_cached_pages_cite_a_new_source_at_once(client, term, settings, address):
    settings.NEWS_PAGE_CACHE_SECONDS = 300
    url = term.person.get_absolute_url() if address == "person" else address
    article = ArticleFactory(title="Benz übernimmt")
    time.sleep(0.002)
    assert "Benz übernimmt" not in page(client, url)
    TermSource.objects.create(term=term, article=article)  # no term saved: only the source
    assert "Benz übernimmt" in page(client, url)
