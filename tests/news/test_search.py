import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news import search
from news.models import Article, Tag
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db

HIT = re.compile(r'<h3 class="card__title">\s*<a href="/meldung/([^/]+)/"')


def found(client, query, **params):
    """Return the slugs of the articles the search page lists for `query`, in order."""
    response = client.get("/suche/", {"q": query, **params})
    assert response.status_code == 200
    return HIT.findall(response.content.decode())


def slugs(query):
    return [hit.article.slug for hit in search.search_articles(query)[:100]]


# Analysis ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ["Geschäftsführerin", "geschäftsführerin", "Geschaeftsfuehrerin", "GESCHÄFTSFÜHRERIN"],
        ["Städte", "Stadt", "Staedte"],
        ["Projekten", "Projekt", "Projekte"],
        ["Sensoren", "Sensor"],
        ["Straße", "Strasse"],
        ["Geschäftsführerinnen", "Geschäftsführer"],
        ["Café", "Cafe"],
    ],
)
def test_spellings_and_inflections_share_one_index_key(spellings):
    assert len({search.stem(word) for word in spellings}) == 1


def test_stop_words_and_punctuation_carry_no_key():
    assert search.terms("Die, und der; für -- das!") == []
    assert search.query_terms("%") == [] and search.query_terms("' OR 1=1 --") == ["or", "1"]


def test_query_keeps_at_most_twelve_distinct_keys():
    words = " ".join(f"wort{i}" for i in range(30))
    assert len(search.query_terms(words + " " + words)) == search.MAX_QUERY_TERMS


def test_highlight_escapes_everything_and_marks_matches():
    html = search.highlight("<b>Städte</b> & Stadtwerke: die Stadt", {search.stem("Stadt")})
    assert html == "&lt;b&gt;<mark>Städte</mark>&lt;/b&gt; &amp; Stadtwerke: die <mark>Stadt</mark>"


def test_excerpt_shows_the_words_around_the_first_match():
    before, after = (" ".join(f"{c}{i}" for i in range(100)) for c in "wv")
    text = f"{before} Radarsensoren {after}"
    excerpt = search.excerpt(text, {search.stem("Radarsensor")})
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
    assert "<mark>Radarsensoren</mark>" in excerpt
    assert len(excerpt.split()) < 40


# Finding ----------------------------------------------------------------------------------


def test_umlauts_and_case_fold(client):
    ArticleFactory(slug="benz", title="KL.digital bekommt neue Geschäftsführerin")
    for query in ["Geschaeftsfuehrerin", "geschäftsführerin", "GESCHÄFTSFÜHRERIN"]:
        assert found(client, query) == ["benz"], query


@pytest.mark.parametrize(
    "query, text",
    [
        ("Städte", "Die Stadt Kaiserslautern plant."),
        ("Stadt", "Viele Städte planen."),
        ("Projekten", "Ein Projekt der Stadt."),
        ("Sensoren", "Ein Sensor misst den Verkehr."),
        ("Geschäftsführer", "Die neue Geschäftsführerin stellt sich vor."),
    ],
)
def test_inflected_forms_find_each_other(client, query, text):
    ArticleFactory(slug="treffer", title="Meldung", lead=text)
    ArticleFactory(slug="anderes", title="Anderes", lead="Nichts davon.")
    assert found(client, query) == ["treffer"]


def test_every_word_must_match(client):
    ArticleFactory(slug="beide", title="Radarsensoren", lead="In Kaiserslautern.")
    ArticleFactory(slug="eines", title="Radarsensoren", lead="In Dortmund.")
    assert found(client, "radarsensoren kaiserslautern") == ["beide"]


def test_tags_and_names_of_people_count(client):
    article = ArticleFactory(slug="mit-person", title="Neue Leitung", tags=["Smart City"])
    article.people.add(PersonFactory(name="Ilona Benz"))
    assert found(client, "smart city") == ["mit-person"]
    assert found(client, "Benz") == ["mit-person"]


def test_body_text_without_markup_is_found(client):
    ArticleFactory(slug="im-text", body="<p>Erster Absatz.</p><p>Digitalisierung<br>im Rathaus</p>")
    assert found(client, "Digitalisierung Rathaus") == ["im-text"]
    assert found(client, "AbsatzDigitalisierung") == []


def test_drafts_and_scheduled_articles_are_never_found(client):
    ArticleFactory(slug="sichtbar", title="Radarsensoren sichtbar")
    ArticleFactory(slug="entwurf", title="Radarsensoren Entwurf", status=Article.Status.DRAFT)
    later = timezone.now() + timedelta(hours=1)
    ArticleFactory(slug="geplant", title="Radarsensoren geplant", published_at=later)
    assert found(client, "Radarsensoren") == ["sichtbar"]
    assert found(client, "Entwurf") == [] and found(client, "geplant") == []
    assert search.search_articles("Radarsensoren").count() == 1


def test_scheduled_article_is_found_once_its_time_has_come(client):
    later = timezone.now() + timedelta(hours=1)
    ArticleFactory(slug="geplant", title="Radarsensoren", published_at=later)
    assert found(client, "Radarsensoren") == []
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert found(client, "Radarsensoren") == ["geplant"]


def test_withdrawn_article_disappears(client):
    article = ArticleFactory(slug="zurueck", title="Radarsensoren")
    article.status = Article.Status.DRAFT
    article.save()
    assert found(client, "Radarsensoren") == []


# Ranking and pagination -------------------------------------------------------------------


def test_headline_match_ranks_above_body_match(client):
    now = timezone.now()
    ArticleFactory(
        slug="im-text",
        title="Verkehr",
        body="<p>Mit Radarsensoren.</p>",
        published_at=now - timedelta(hours=1),
    )
    ArticleFactory(
        slug="im-vorspann",
        title="Sicherheit",
        lead="Radarsensoren an Kreuzungen.",
        published_at=now - timedelta(hours=2),
    )
    ArticleFactory(
        slug="in-ueberschrift",
        title="Radarsensoren für mehr Sicherheit",
        published_at=now - timedelta(hours=3),
    )
    assert found(client, "Radarsensoren") == ["in-ueberschrift", "im-vorspann", "im-text"]


def test_equal_matches_list_newest_first():
    now = timezone.now()
    ArticleFactory(slug="alt", title="Radarsensoren", published_at=now - timedelta(days=3))
    ArticleFactory(slug="neu", title="Radarsensoren", published_at=now - timedelta(days=1))
    assert slugs("Radarsensoren") == ["neu", "alt"]


def test_results_are_paginated(client, settings):
    settings.NEWS_PAGE_SIZE = 2
    now = timezone.now()
    for day in range(3):
        published_at = now - timedelta(days=day + 1)
        ArticleFactory(slug=f"tag-{day}", title="Radarsensoren", published_at=published_at)
    page = client.get("/suche/", {"q": "Radarsensoren"}).content.decode()
    assert "3 Treffer" in page and "Seite 1 von 2" in page
    assert 'href="?q=Radarsensoren&amp;page=2"' in page
    assert found(client, "Radarsensoren", page=2) == ["tag-2"]


@pytest.mark.parametrize(
    "page, expected", [("abc", ["tag-0", "tag-1"]), ("99", ["tag-2"]), ("-1", ["tag-2"])]
)
def test_odd_page_numbers_get_a_real_page(client, settings, page, expected):
    settings.NEWS_PAGE_SIZE = 2
    now = timezone.now()
    for day in range(3):
        published_at = now - timedelta(days=day + 1)
        ArticleFactory(slug=f"tag-{day}", title="Radarsensoren", published_at=published_at)
    assert found(client, "Radarsensoren", page=page) == expected


def test_search_page_query_count_does_not_grow_with_hits(client, settings):
    settings.NEWS_PAGE_SIZE = 10
    counts = []
    for new, hits in ((1, 1), (9, 10)):
        for _ in range(new):
            ArticleFactory(title="Radarsensoren", tags=["Verkehr"])
        with CaptureQueriesContext(connection) as captured:
            assert len(found(client, "Radarsensoren")) == hits
        counts.append(len(captured))
    assert counts[0] == counts[1]


# Page -------------------------------------------------------------------------------------


def test_hit_shows_headline_date_teaser_and_highlights(client):
    ArticleFactory(
        slug="radar",
        dateline="Kaiserslautern",
        title="Radarsensoren für mehr Verkehrssicherheit",
        lead="Die Stadt erprobt Radarsensoren.",
        published_at=timezone.now() - timedelta(days=1),
    )
    page = client.get("/suche/", {"q": "radarsensor"}).content.decode()
    assert "<mark>Radarsensoren</mark> für mehr Verkehrssicherheit" in page
    assert "Die Stadt erprobt <mark>Radarsensoren</mark>." in page
    assert '<span class="card__dateline">Kaiserslautern:</span>' in page
    assert "<time datetime=" in page


def test_body_only_match_shows_a_highlighted_excerpt(client):
    ArticleFactory(
        slug="tief",
        title="Verkehr",
        lead="Ein Vorspann.",
        body="<p>Weit unten im Text stehen die Radarsensoren.</p>",
    )
    page = client.get("/suche/", {"q": "Radarsensoren"}).content.decode()
    excerpt = "Weit unten im Text stehen die <mark>Radarsensoren</mark>."
    assert f'<p class="search-hit__excerpt">{excerpt}</p>' in page


def test_markup_in_articles_is_escaped_in_results(client):
    ArticleFactory(
        title="<script>alert(1)</script> Radarsensoren", lead="<img src=x onerror=alert(1)>"
    )
    page = client.get("/suche/", {"q": "Radarsensoren"}).content.decode()
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Radarsensoren</mark>" in page


def test_people_are_found_by_name(client):
    PersonFactory(name="Ilona Benz", slug="ilona-benz")
    PersonFactory(name="Jürgen Müller", slug="juergen-mueller")
    page = client.get("/suche/", {"q": "Mueller"}).content.decode()
    assert '<a href="/personen/juergen-mueller/">Jürgen <mark>Müller</mark></a>' in page
    assert "ilona-benz" not in page.split("<aside")[0]


def test_person_with_honorific_is_found_and_listed_once(client):
    PersonFactory(name="Dieter Rombach", honorific="Prof.", slug="dieter-rombach")
    page = client.get("/suche/", {"q": "prof rombach"}).content.decode()
    assert page.count('href="/personen/dieter-rombach/"') == 1


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "%",
        "_",
        "'\"",
        '"',
        "<script>alert(1)</script>",
        "x" * 1000,
        "' OR 1=1 --",
        "Robert'); DROP TABLE news_article;--",
        "NEAR(a b)",
        "title:stadt",
        "a*",
        "^stadt",
        "stadt AND OR NOT",
        "!&|():*",
        "stadt:* & !x",
        "\x00",
        "stadt\x00kaiserslautern",
        "%00",
        "\u202e",
        "😀",
        "a" * 200 + "ä",
        "und die der",
        "-",
        "{}[]",
        "\\",
        "ǅ ﬁ ẞ",
        "1e5 0x1F",
    ],
)
def test_hostile_and_silly_queries_get_a_calm_answer(client, query):
    ArticleFactory(title="Stadt Kaiserslautern", lead="Robert und Stadt.")
    response = client.get("/suche/", {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "\x00" not in page


def test_query_made_only_of_stop_words_is_explained(client, article):
    page = client.get("/suche/", {"q": "und die"}).content.decode()
    assert "nur Satzzeichen oder sehr häufige Wörter" in page


def test_long_query_is_cut_and_shown_escaped(client):
    page = client.get("/suche/", {"q": "<b>" + "x" * 1000}).content.decode()
    assert "&lt;b&gt;" + "x" * (search.MAX_QUERY_LENGTH - 3) + "“" in page
    assert "x" * (search.MAX_QUERY_LENGTH) not in page


# Keeping the index current ----------------------------------------------------------------


def test_changed_article_is_indexed_again():
    article = ArticleFactory(slug="geaendert", title="Radarsensoren")
    article.title = "Parkhaus"
    article.save()
    assert slugs("Radarsensoren") == [] and slugs("Parkhaus") == ["geaendert"]


def test_deleted_article_leaves_the_index():
    article = ArticleFactory(title="Radarsensoren")
    pk = article.pk
    article.delete()
    with connection.cursor() as cursor:
        key = "rowid" if connection.vendor == "sqlite" else "id"
        cursor.execute(f"SELECT COUNT(*) FROM {search.ARTICLE_TABLE} WHERE {key} = %s", [pk])
        assert cursor.fetchone()[0] == 0


def test_tag_changes_reach_the_index():
    article = ArticleFactory(slug="getaggt", tags=["Verkehr"])
    assert slugs("Verkehr") == ["getaggt"]
    article.tags.set(["Mobilität"])
    assert slugs("Verkehr") == [] and slugs("Mobilitaet") == ["getaggt"]
    tag = Tag.objects.get(name="Mobilität")
    tag.name = "Radverkehr"
    tag.save()
    assert slugs("Radverkehr") == ["getaggt"]
    tag.delete()
    assert slugs("Radverkehr") == []
    article.tags.add("Parken")
    article.tags.clear()
    assert slugs("Parken") == []


def test_people_changes_reach_the_index():
    article = ArticleFactory(slug="genannt")
    person = PersonFactory(name="Ilona Benz")
    person.articles.add(article)
    assert slugs("Benz") == ["genannt"]
    person.name = "Ilona Meier"
    person.save()
    assert slugs("Benz") == [] and slugs("Meier") == ["genannt"]
    assert [hit.person for hit in search.search_people("Meier")[:5]] == [person]
    person.articles.clear()
    assert slugs("Meier") == []
    article.people.add(person)
    person.delete()
    assert slugs("Meier") == [] and search.search_people("Meier").count() == 0


def test_rebuild_command_restores_an_index_bypassed_by_bulk_updates(capsys):
    ArticleFactory(slug="massenweise", title="Radarsensoren")
    Article.objects.update(title="Parkhaus")  # no signals
    assert slugs("Parkhaus") == []
    call_command("rebuild_search_index")
    assert slugs("Parkhaus") == ["massenweise"]
    assert "1 Artikel" in capsys.readouterr().out


def test_index_is_the_database_full_text_engine():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [search.ARTICLE_TABLE])
            assert "fts5" in cursor.fetchone()[0].lower()
        else:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = %s", [search.ARTICLE_TABLE]
            )
            assert any("USING gin (document)" in row[0] for row in cursor.fetchall())
