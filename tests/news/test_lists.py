"""Lists, archives, tag and section pages, robots and sitemap: what visitors browse."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from news.models import Article
from tests.factories import (
    ArticleFactory,
    PersonFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def test_home_lists_newest_first_with_date_dateline_and_pagination(client, settings, section):
    settings.NEWS_PAGE_SIZE = 2
    now = timezone.now()
    for days, title in [(3, "Älteste"), (2, "Mittlere"), (1, "Neueste")]:
        ArticleFactory(section=section, title=title, published_at=now - timedelta(days=days))

    page = html(client.get("/"))
    assert "<h1>Aktuelle Meldungen</h1>" in page
    assert page.index("Neueste") < page.index("Mittlere")
    assert "Älteste" not in page.split("<aside")[0]
    assert "Ältere Meldungen" in page and "Neuere Meldungen" not in page
    assert html(client.get("/?page=2")).count('class="card"') == 1  # old numbered links


@pytest.mark.parametrize("page", ["abc", "99", "0", "-1", "1.5"])
def test_bad_page_numbers_are_a_404_not_a_500(client, article, page):
    assert client.get(f"/?page={page}").status_code == 404


def test_section_page_lists_only_its_articles(client, section):
    ArticleFactory(section=section, title="In der Rubrik")
    ArticleFactory(section=SectionFactory(title="Verwaltung", slug="verwaltung"), title="Woanders")
    page = html(client.get("/rubrik/smart-city/"))
    assert "<h1>Smart City</h1>" in page
    assert "In der Rubrik" in page
    assert "Woanders" not in page.split("<aside")[0]
    assert 'href="/rubrik/smart-city/rss/"' in page


def test_tag_page_works_with_umlauts_dots_and_any_case(client):
    ArticleFactory(title="Mit Punkt", tags=["KL.digital"])
    ArticleFactory(title="Mit Umlaut", tags=["Bürgerbeteiligung"])
    ArticleFactory(title="Klein geschrieben", tags=["kl.digital"])

    page = html(client.get("/stichwort/kl-digital/"))
    assert "Stichwort: KL.digital" in page
    assert "Mit Punkt" in page and "Klein geschrieben" in page
    assert "Mit Umlaut" in html(client.get("/stichwort/buergerbeteiligung/"))
    assert client.get("/stichwort/gibt-es-nicht/").status_code == 404


def test_every_list_shows_what_is_public_at_each_moment_and_pages_on(
    client, settings, section, time_machine
):
    # Each list's read is built once per process (news.listings): the moment and the cursor
    # of each request must reach it.
    settings.NEWS_PAGE_SIZE = 2
    time_machine.move_to(timezone.make_aware(timezone.datetime(2026, 6, 15, 12)), tick=False)
    now, person = timezone.now(), PersonFactory(slug="rat")
    for name, hours in [("Eins", -1), ("Zwei", -2), ("Drei", -3), ("Geplant", 1)]:
        article = ArticleFactory(
            section=section,
            title=f"Meldung {name}",
            tags=["Radverkehr"],
            published_at=now + timedelta(hours=hours),
        )
        if name != "Zwei":
            article.people.add(person)
    ArticleFactory(section=SectionFactory(slug="anderswo"), title="Meldung Anderswo")
    lists = ["/", "/rubrik/smart-city/", "/stichwort/radverkehr/", "/archiv/2026/"]
    lists += ["/archiv/2026/6/", "/personen/rat/"]

    for url in lists:
        first = html(client.get(url)).split("<aside")[0]
        assert "Meldung Eins" in first and "Meldung Geplant" not in first, url
        if url == "/personen/rat/":  # ten articles a page, only those naming the person
            assert "Meldung Drei" in first and "Meldung Zwei" not in first
        else:
            assert "Meldung Drei" not in first and "Meldung Anderswo" not in first, url
            older = re.search(r'<a rel="next" href="\?vor=([0-9-]+)"', first)[1]
            second = html(client.get(url, {"vor": older})).split("<aside")[0]
            assert "Meldung Drei" in second and "Meldung Zwei" not in second, url
            numbered = html(client.get(url, {"page": 2})).split("<aside")[0]  # old links
            assert "Meldung Drei" in numbered and "Meldung Zwei" not in numbered, url

    time_machine.shift(timedelta(hours=2))
    for url in lists:
        assert "Meldung Geplant" in html(client.get(url)).split("<aside")[0], url


LINKS = {
    "keyword": lambda article, person: article.tags.add("Radverkehr"),
    "person": lambda article, person: article.people.add(person),
    "person, linked from their side": lambda article, person: person.articles.add(article),
}


@pytest.mark.parametrize("link", LINKS)
def test_a_keyword_or_person_list_follows_when_its_articles_appear(client, link):
    # These lists are read by the links' copy of the article's time (news.listings).
    url = "/stichwort/radverkehr/" if link == "keyword" else "/personen/rat/"
    now, person = timezone.now(), PersonFactory(slug="rat")
    draft = ArticleFactory(title="Erst Entwurf", status=Article.Status.DRAFT, published_at=now)
    older = ArticleFactory(title="Schon länger", published_at=now - timedelta(hours=2))
    newest = ArticleFactory(title="Ganz neu", published_at=now - timedelta(hours=1))
    for article in (draft, older, newest):
        LINKS[link](article, person)
    page = html(client.get(url)).split("<aside")[0]
    assert "Erst Entwurf" not in page
    assert page.index("Ganz neu") < page.index("Schon länger")

    draft.status = Article.Status.PUBLISHED
    draft.save()
    older.published_at = now + timedelta(days=1)  # rescheduled: not yet, then first
    older.save()
    page = html(client.get(url)).split("<aside")[0]
    assert "Erst Entwurf" in page and "Schon länger" not in page

    older.published_at = timezone.now()  # after the first, now
    older.save()
    page = html(client.get(url)).split("<aside")[0]
    assert page.index("Schon länger") < page.index("Erst Entwurf") < page.index("Ganz neu")


def test_archives_by_year_and_month(client):
    tz = timezone.get_current_timezone()
    ArticleFactory(
        title="Dezember 2021", published_at=timezone.datetime(2021, 12, 13, 10, tzinfo=tz)
    )
    ArticleFactory(
        title="Januar 2022", published_at=timezone.datetime(2022, 1, 1, 0, 30, tzinfo=tz)
    )

    year = html(client.get("/archiv/2021/"))
    assert (
        "Archiv 2021" in year
        and "Dezember 2021" in year
        and "Januar 2022" not in year.split("<aside")[0]
    )
    month = html(client.get("/archiv/2022/1/"))
    assert "<h1>Archiv Januar 2022</h1>" in month
    assert client.get("/archiv/2020/").status_code == 404


def test_search_finds_published_articles_by_all_words(client):
    ArticleFactory(title="Radarsensoren für mehr Verkehrssicherheit", lead="In Kaiserslautern.")
    ArticleFactory(title="Radarsensoren im Entwurf", status=Article.Status.DRAFT)
    page = html(client.get("/suche/", {"q": "radarsensoren kaiserslautern"}))
    assert "1 Treffer" in page
    assert "Radarsensoren für mehr Verkehrssicherheit" in page
    assert "im Entwurf" not in page


@pytest.mark.parametrize(
    "query", ["", " ", "%", "'\"", "<script>alert(1)</script>", "x" * 1000, "' OR 1=1 --"]
)
def test_search_answers_odd_queries_calmly(client, article, query):
    response = client.get("/suche/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html(response)


def test_robots_txt_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in html(response)


def test_sitemap_lists_published_articles_and_sections(client, article):
    page = html(client.get("/sitemap.xml"))
    assert article.get_absolute_url() in page
    assert "/rubrik/smart-city/" in page


def test_navigation_links_sections_and_people(client, section):
    page = html(client.get("/"))
    assert '<a href="/rubrik/smart-city/">Smart City</a>' in page
    assert '<a href="/personen/">Personen</a>' in page
