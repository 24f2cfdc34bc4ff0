"""Pages rendered by the task worker after a change (news.warming): the first reader gets the
kept parts, and one save sends one task once it commits."""

import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import default_task_backend

from news import warming
from news.models import Article, Tag, TermSource
from news.warming import warm_articles
from tests.factories import ArticleFactory, ArticleTranslationFactory, PersonFactory, TermFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["/", "/en/", "/ar/", "/uk/"]


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "http://testserver"  # the host the test client's pages are served at
    default_task_backend.clear()
    yield
    default_task_backend.clear()


def reads_keywords(client, url):
    """Whether the page reads its keywords, as only a page without kept parts does."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return any("news_taggedarticle" in query["sql"] for query in captured)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a block's commit runs. The test's own set-up never commits (pytest-django's
    transaction): what it noted is forgotten first."""

    def block():
        warming.clear()
        return django_capture_on_commit_callbacks(execute=True)

    return block


def sent():
    """The warming tasks sent: (article ids, whether the newest too[, whether every person's
    page], to run after)."""
    return [
        (*result.args, result.task.run_after)
        for result in default_task_backend.results
        if result.task.func is warm_articles.func
    ]


def test_a_warmed_article_is_read_from_its_kept_parts_in_every_language(client, section):
    article = ArticleFactory(section=section, slug="radwege", tags=["Radverkehr"])
    article.people.add(PersonFactory())
    ArticleTranslationFactory(article=article, language="en", slug="cycle-lanes")
    other = ArticleFactory(section=section, slug="anderes", tags=["Radverkehr"])
    time.sleep(0.002)  # the last change's stamp may lie up to 1 ms ahead (new_stamp)

    assert warm_articles.call([article.pk]) == len(LANGUAGES)

    urls = ["/meldung/radwege/", "/en/meldung/cycle-lanes/", "/ar/meldung/radwege/"]
    for url in [*urls, "/uk/meldung/radwege/"]:
        assert not reads_keywords(client, url), url
    assert reads_keywords(client, other.get_absolute_url())  # not warmed: rendered now


def test_drafts_and_scheduled_articles_are_not_rendered_before_their_time(section):
    draft = ArticleFactory(section=section, status=Article.Status.DRAFT)
    later = ArticleFactory(section=section, published_at=timezone.now() + timedelta(hours=1))
    assert warm_articles.call([draft.pk, later.pk]) == 0


def test_one_save_sends_one_task_once_it_commits(section, committed):
    article, person = ArticleFactory(section=section), PersonFactory()
    keywords = [Tag.objects.create(name=name) for name in ("Radverkehr", "Sicherheit")]
    with committed():
        with transaction.atomic():
            article.title = "Neue Radwege"
            article.save()
            article.tags.add(*keywords)
            article.people.add(person)
            assert sent() == []  # nothing before the commit
    assert sent() == [([article.pk], False, False, None)]


def test_a_rolled_back_change_sends_nothing(section, committed):
    article = ArticleFactory(section=section)
    with committed():
        with pytest.raises(RuntimeError), transaction.atomic():
            article.save()
            raise RuntimeError("the editor's save failed")
    assert sent() == []


def test_a_person_changed_renders_the_newest_articles_and_the_person_pages(committed):
    with committed():
        PersonFactory(name="Dr. Anna Beispiel")
    assert sent() == [([], True, True, None)]


def test_a_new_source_renders_the_person_pages(committed):
    term, article = TermFactory(), ArticleFactory()
    with committed():
        TermSource.objects.create(term=term, article=article)
    assert sent() == [([], False, True, None)]


def test_a_warmed_person_page_is_read_from_its_kept_parts_in_every_language(client):
    person = TermFactory(person=PersonFactory(slug="ilona-benz")).person
    time.sleep(0.002)
    assert warm_articles.call([], people=True) == len(LANGUAGES)
    for prefix in LANGUAGES:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{prefix}personen/{person.slug}/").status_code == 200
        assert not any("people_term" in query["sql"] for query in captured), prefix


def test_a_scheduled_article_is_rendered_at_its_time(section, committed):
    due = timezone.now() + timedelta(hours=2)
    with committed():
        article = ArticleFactory(section=section, published_at=due)
    assert sent() == [([article.pk], False, False, None), ([article.pk], False, due)]


def test_command_renders_the_newest_and_the_people_after_a_deploy(client, section, capsys):
    older, newer, newest = (
        ArticleFactory(section=section, tags=["Radverkehr"], published_at=timezone.now() - age)
        for age in (timedelta(days=3), timedelta(days=2), timedelta(days=1))
    )
    PersonFactory(name="Ilona Benz")
    time.sleep(0.002)
    call_command("warm_articles", "--newest", "2")
    assert "12 Seiten von 2 Meldungen und allen Personen vorgerendert" in capsys.readouterr().out
    assert not reads_keywords(client, newest.get_absolute_url())
    assert not reads_keywords(client, newer.get_absolute_url())
    assert reads_keywords(client, older.get_absolute_url())
