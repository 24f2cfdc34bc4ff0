"""The people an article names, each with the offices held on the article's date."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, PersonFactory, PostFactory, TermFactory

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def test_article_names_the_office_held_on_its_date(client):
    post = PostFactory(label="Geschäftsführung", label_female="Geschäftsführerin")
    benz = PersonFactory(name="Ilona Benz", gender="f")
    TermFactory(post=post, person=benz, start="01.02.2022")
    TermFactory(person=benz, start="2018", end="31.01.2022", post=PostFactory(label="Leitung"))
    # Published late in the evening: the Berlin date counts, not the UTC one.
    article = ArticleFactory(published_at=datetime(2022, 1, 31, 23, 30, tzinfo=BERLIN))
    article.people.add(benz)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Ilona Benz</a>: Leitung," in page
    assert "Geschäftsführerin" not in page.split('class="article__people"')[1]
    assert "Ämter am Tag der Meldung, dem 31.01.2022." in page


def test_article_people_without_office_are_just_linked(client):
    person = PersonFactory(name="Martin Verlage")
    article = ArticleFactory()
    article.people.add(person)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'<li><a href="{person.get_absolute_url()}">Martin Verlage</a></li>' in page


def test_article_page_query_count_does_not_grow_with_people_and_terms(client):
    counts = []
    for n in (1, 6):
        article = ArticleFactory()
        for _ in range(n):
            person = PersonFactory()
            TermFactory(person=person, start="2010", end="2015")
            TermFactory(person=person, start="2016")
            article.people.add(person)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
