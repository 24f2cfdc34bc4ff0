from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from news.models import Article, RelatedArticle

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def demo(db):
    call_command("loaddemo", stdout=StringIO())


def snapshot():
    return sorted(Article.objects.values_list("slug", "updated_at", "image"))


def test_loaddemo_twice_changes_nothing(demo, media_root):
    before, files = snapshot(), sorted(p.name for p in media_root.rglob("*"))
    out = StringIO()

    call_command("loaddemo", stdout=out)

    assert snapshot() == before
    assert sorted(p.name for p in media_root.rglob("*")) == files
    assert "0 neue Artikel" in out.getvalue()


def test_demo_loads_the_seed_article_with_every_element(demo):
    article = Article.objects.published().get(slug="kl-digital-bekommt-neue-geschaeftsleitung")
    assert article.title == "KL.digital bekommt neue Geschäftsleitung"
    assert article.dateline == "Kaiserslautern"
    assert article.published_at.astimezone(BERLIN).date() == datetime(2021, 12, 13).date()
    assert article.author_initials == "aö"
    assert article.lead.startswith("Die KL.digital, Kaiserslauterns städtische Gesellschaft")
    assert article.body.startswith(
        "<p>Die neue Geschäftsführerin der KL.digital, Gesellschaft zur Planung"
    )
    assert article.body.count("<p>") == 5
    assert "die richtige Person gefunden zu haben</p>" in article.body
    assert [link.url for link in article.links.all()] == [
        "https://www.kaiserslautern.de",
        "https://www.herzlich-digital.de",
    ]
    assert [tag.name for tag in article.tags.order_by("tagged_articles__id")] == [
        "Smart City",
        "Kaiserslautern",
        "KL.digital",
    ]
    assert article.image_caption == "Die neue Geschäftsführerin der KL.digital, Ilona Benz."
    assert article.image_credit == "Thomas Kierok"
    assert article.image_alt
    assert article.section.title == "Smart City"
    assert {p.name for p in article.people.all()} >= {
        "Ilona Benz",
        "Dieter Rombach",
        "Martin Verlage",
    }


def test_demo_relates_the_five_teasers_in_the_seed_order(demo):
    article = Article.objects.get(slug="kl-digital-bekommt-neue-geschaeftsleitung")
    related = article.related_articles()
    assert [
        (a.dateline, a.title, a.published_at.astimezone(BERLIN).strftime("%d.%m.%Y"))
        for a in related
    ] == [
        ("Kaiserslautern", "Radarsensoren für mehr Verkehrssicherheit", "14.05.2024"),
        ("Halle (Saale)", "Digitales Modellprojekt im Gesundheitsamt", "14.05.2024"),
        ("Dortmund", "Truck sammelt Daten für bessere Straßen", "13.05.2024"),
        ("Kreis Hof", "Stadtplanung in der virtuellen Realität", "08.05.2024"),
        ("Digitale Zwillinge", "Vielfältige Möglichkeiten", "07.05.2024"),
    ]
    assert (
        related[4].image_caption
        == "Würzburg: Blick auf die virtuelle Festung von der Alten Mainbrücke aus."
    )
    assert RelatedArticle.objects.count() == 5


def test_demo_cdo_article_is_dated_early_april_2022(demo):
    article = Article.objects.published().get(slug="ilona-benz-wird-chief-digital-officer")
    assert article.published_at.astimezone(BERLIN).date() == datetime(2022, 4, 4).date()
    assert article.lead.startswith(
        "Kaiserslautern hat einen neuen Chief Digital Officer: Ilona Benz"
    )
    assert article.body.count("<h2>") == 3


def test_demo_article_page_renders_the_seed_page(client, demo):
    page = client.get("/meldung/kl-digital-bekommt-neue-geschaeftsleitung/").content.decode()
    for text in [
        "KL.digital bekommt neue Geschäftsleitung",
        "[13.12.2021]",
        "(<abbr",
        "aö",
        "https://www.herzlich-digital.de",
        "Stichwörter:",
        "Bildquelle: Thomas Kierok",
        "Druckversion",
        "PDF",
        "Link mailen",
        "Weitere Meldungen und Beiträge aus dem Bereich Smart City",
        "[14.05.2024]",
        "Radarsensoren für mehr Verkehrssicherheit",
        "Suchen…",
        "Aktuelle Meldungen",
    ]:
        assert text in page, text
