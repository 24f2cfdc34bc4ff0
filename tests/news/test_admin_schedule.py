"""The overview "Geplante Meldungen": the list of what is coming and the month calendar."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from news.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
URL = "/admin/news/scheduledarticle/"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def march(time_machine, section):
    """Today is 10 March 2024; two articles are scheduled, one is out, one is a draft."""
    time_machine.move_to(datetime(2024, 3, 10, 12, 0, tzinfo=BERLIN), tick=False)

    def at(day, hour, **kwargs):
        when = datetime(2024, 3 if day > 0 else 4, abs(day), hour, tzinfo=BERLIN)
        return ArticleFactory(section=section, published_at=when, **kwargs)

    return {
        "later": at(-2, 9, title="Haushalt <2025>"),
        "sooner": at(20, 7, title="Radweg eröffnet"),
        "out": at(5, 10, title="Schon erschienen"),
        "draft": at(25, 10, title="Nur ein Entwurf", status=Article.Status.DRAFT),
    }


def test_list_shows_scheduled_articles_soonest_first(editor_client, march):
    page = editor_client.get(URL).content.decode()
    upcoming = page[page.index("Als Nächstes") : page.index("Kalender")]
    assert upcoming.index("Radweg eröffnet") < upcoming.index("Haushalt &lt;2025&gt;")
    assert "Schon erschienen" not in upcoming and "Nur ein Entwurf" not in upcoming
    assert f'href="/admin/news/article/{march["sooner"].pk}/change/"' in upcoming
    assert "20.03.2024, 07:00" in upcoming


def test_calendar_is_an_accessible_table_of_the_month(editor_client, march):
    page = editor_client.get(URL).content.decode()
    calendar = page[page.index('<table class="calendar">') :]
    assert "<caption>März 2024: veröffentlichte und geplante Meldungen</caption>" in calendar
    assert calendar.count('<th scope="col">') == 7
    assert '<abbr title="Montag">Mo</abbr>' in calendar
    assert 'aria-current="date"' in calendar
    assert "07:00 Radweg eröffnet</a> <em>(geplant)</em>" in calendar
    assert "10:00 Schon erschienen</a></li>" in calendar
    assert "Nur ein Entwurf" not in calendar and "Haushalt" not in calendar
    assert 'href="?monat=2024-02" rel="prev">&larr; Februar 2024' in page
    assert 'href="?monat=2024-04" rel="next">April 2024 &rarr;' in page


def test_calendar_moves_to_the_next_month(editor_client, march):
    page = editor_client.get(URL, {"monat": "2024-04"}).content.decode()
    assert "<caption>April 2024" in page
    assert "09:00 Haushalt &lt;2025&gt;" in page
    assert 'href="?monat=2024-05"' in page


def test_december_leads_to_january(editor_client, march):
    page = editor_client.get(URL, {"monat": "2024-12"}).content.decode()
    assert 'href="?monat=2025-01" rel="next">Januar 2025' in page
    assert 'href="?monat=2024-11" rel="prev">&larr; November 2024' in page


@pytest.mark.parametrize("month", ["2024-13", "kaputt", "2024", "-1-1", "9999-12", "0001-01"])
def test_a_bad_month_shows_the_current_one(editor_client, march, month):
    response = editor_client.get(URL, {"monat": month})
    assert response.status_code == 200
    assert "<caption>März 2024" in response.content.decode()


def test_the_overview_is_in_the_editors_menu(editor_client, march):
    index = editor_client.get("/admin/").content.decode()
    assert f'href="{URL}"' in index and "Geplante Meldungen" in index


def test_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_overview_costs_constant_queries(editor_client, march, django_assert_max_num_queries):
    for day in range(11, 19):
        ArticleFactory(published_at=datetime(2024, 3, day, 8, tzinfo=BERLIN))
    with django_assert_max_num_queries(8):
        editor_client.get(URL)
