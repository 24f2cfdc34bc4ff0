"""The whole-page cache: what it keeps, for whom, and when a change makes it let go."""

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from news.models import Article
from tests.factories import ArticleFactory, PersonFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWS_PAGE_CACHE_SECONDS = 600


def cached(client, url, django_assert_num_queries):
    """Fetch a page twice and check that the second answer needed no database at all."""
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content
    return second


def test_anonymous_pages_are_served_from_the_cache(client, article, django_assert_num_queries):
    for url in ["/", article.get_absolute_url(), "/rubrik/smart-city/", "/personen/"]:
        cached(client, url, django_assert_num_queries)


def test_cached_pages_carry_proxy_headers_and_answer_conditional_requests(client, article):
    response = client.get(article.get_absolute_url())
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    assert response["Last-Modified"]
    assert response["ETag"]
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_an_edited_article_is_shown_at_once(client, article):
    client.get(article.get_absolute_url())
    article.title = "Neue Überschrift"
    article.save()
    assert "Neue Überschrift" in client.get(article.get_absolute_url()).content.decode()
    assert "Neue Überschrift" in client.get("/").content.decode()


def test_a_published_article_appears_on_the_home_page_at_once(client, article):
    client.get("/")
    ArticleFactory(title="Eilmeldung")
    assert "Eilmeldung" in client.get("/").content.decode()


def test_new_tags_show_at_once(client, article):
    client.get(article.get_absolute_url())
    article.tags.add("Radverkehr")
    assert "Radverkehr" in client.get(article.get_absolute_url()).content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(client, article, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    ArticleFactory(title="Geplante Meldung", published_at=timezone.now() + timedelta(seconds=30))
    assert "Geplante Meldung" not in client.get("/").content.decode()

    time_machine.shift(timedelta(seconds=31))

    assert "Geplante Meldung" in client.get("/").content.decode()


def test_renaming_a_person_refreshes_exactly_the_pages_that_name_them(
    client, django_assert_num_queries
):
    benz, other = PersonFactory(name="Ilona Benz"), PersonFactory(name="Dieter Rombach")
    naming = ArticleFactory(title="Mit Benz")
    naming.people.add(benz)
    elsewhere = ArticleFactory(title="Mit Rombach")
    elsewhere.people.add(other)
    for url in [naming.get_absolute_url(), elsewhere.get_absolute_url(), "/personen/"]:
        client.get(url)

    benz.name = "Ilona Benz-Muster"
    benz.save()

    assert "Ilona Benz-Muster" in client.get(naming.get_absolute_url()).content.decode()
    assert "Ilona Benz-Muster" in client.get("/personen/").content.decode()
    with django_assert_num_queries(0):
        client.get(elsewhere.get_absolute_url())


def test_an_article_change_leaves_the_people_directory_cached(
    client, article, django_assert_num_queries
):
    PersonFactory(name="Ilona Benz")
    client.get("/personen/")
    article.title = "Anders"
    article.save()
    with django_assert_num_queries(0):
        client.get("/personen/")


def test_a_renamed_section_refreshes_the_navigation_everywhere(client, section):
    client.get("/personen/")
    section.title = "Digitale Stadt"
    section.save()
    assert "Digitale Stadt" in client.get("/personen/").content.decode()


def test_editors_bypass_the_cache_and_never_fill_it(staff_client, article, section):
    visitor = Client()
    draft = ArticleFactory(section=section, title="Entwurf im Blick", status=Article.Status.DRAFT)
    assert "Vorschau" in staff_client.get(draft.get_absolute_url()).content.decode()
    assert visitor.get(draft.get_absolute_url()).status_code == 404

    visitor.get("/")
    Article.objects.filter(pk=article.pk).update(
        title="Still geändert"
    )  # no signal: only a bypass sees it
    assert "Still geändert" in staff_client.get("/").content.decode()
    assert "Still geändert" not in visitor.get("/").content.decode()


def test_pages_that_set_cookies_are_not_kept(client, article, django_assert_max_num_queries):
    url = f"{article.get_absolute_url()}mailen/"
    first = client.get(url).cookies["csrftoken"].value
    response = Client().get(url)
    # Rendered anew, with a token of its own: a kept copy would repeat the first reader's
    # token, or come without one.
    assert "csrftoken" in response.cookies
    assert response.cookies["csrftoken"].value != first


def test_a_reader_with_a_pending_message_gets_a_fresh_page(client, article, mailoutbox):
    client.get(article.get_absolute_url())
    response = client.post(
        f"{article.get_absolute_url()}mailen/", {"recipient": "a@example.org"}, follow=True
    )
    assert response.redirect_chain
    assert "verschickt" in response.content.decode() or "gesendet" in response.content.decode()


def test_sections_other_than_the_changed_ones_still_refresh_their_lists(client):
    other = SectionFactory(title="Verwaltung", slug="verwaltung")
    client.get("/rubrik/verwaltung/")
    ArticleFactory(section=other, title="Neue Satzung")
    assert "Neue Satzung" in client.get("/rubrik/verwaltung/").content.decode()


def test_a_page_seen_before_takes_one_round_trip_to_the_cache(client, monkeypatch, settings):
    from django.core.cache import cache as real_cache

    from news import caching

    settings.NEWS_PAGE_CACHE_RECHECK = 0  # else read a moment ago: none (tests/news/test_recent.py)

    article = ArticleFactory()
    article.people.add(PersonFactory(name="Ilona Benz"))
    url = article.get_absolute_url()
    client.get(url)
    client.get(url)  # the first hit learns that the page also depends on Ilona Benz
    counting = mock.Mock(wraps=real_cache)
    monkeypatch.setattr(caching, "cache", counting)

    assert client.get(url).status_code == 200

    assert counting.get_many.call_count == 1 and counting.get.call_count == 0


def test_a_person_added_after_the_tags_were_learned_still_refreshes_the_page(client):
    """The tags a process remembers are a guess of what to fetch, never a reason to skip one."""
    benz, rombach = PersonFactory(name="Ilona Benz"), PersonFactory(name="Dieter Rombach")
    article = ArticleFactory()
    article.people.add(benz)
    url = article.get_absolute_url()
    for _ in range(3):
        client.get(url)
    article.people.add(rombach)
    assert "Dieter Rombach" in client.get(url).content.decode()
    client.get(url)

    rombach.name = "Dieter Rombach-Muster"
    rombach.save()

    assert "Dieter Rombach-Muster" in client.get(url).content.decode()
