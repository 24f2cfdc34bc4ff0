import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from news.models import Article, TermSource
from tests.conftest import make_image_upload
from tests.factories import (
    ArticleFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    TermFactory,
)

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def text(response):
    """Return the page's main content as text, tags removed and spaces collapsed."""
    main = re.search(r"<main.*?</main>", html(response), re.S).group(0)
    main = re.sub(r"</?(a|time|span|strong)\b[^>]*>", "", main)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


@pytest.fixture
def cdo(frozen_today):
    """The CDO post of the seeds: Rombach 2017 – 31.03.2022, Benz since 01.04.2022."""
    city = OrganizationFactory(name="Stadt Kaiserslautern", slug="stadt-kaiserslautern")
    post = PostFactory(
        organization=city,
        label="Chief Digital Officer (CDO)",
        label_female="",
        label_male="",
        slug="cdo",
    )
    rombach = PersonFactory(
        name="Dieter Rombach", honorific="Prof.", gender="m", slug="dieter-rombach"
    )
    benz = PersonFactory(name="Ilona Benz", gender="f", slug="ilona-benz")
    TermFactory(post=post, person=rombach, start="2017", end="31.03.2022", kind="ehrenamtlich")
    TermFactory(post=post, person=benz, start="01.04.2022", kind="kommissarisch")
    return post


def test_directory_lists_people_with_their_current_offices(client, cdo):
    page = text(client.get("/personen/"))
    assert "Ilona Benz Chief Digital Officer (CDO), Stadt Kaiserslautern (seit 01.04.2022)" in page
    assert "Prof. Dieter Rombach Derzeit kein erfasstes Amt." in page


def test_directory_lists_posts_with_holders_and_vacancies(client, cdo):
    cuo = PostFactory(organization=cdo.organization, label="Chief Urban Officer (CUO)")
    TermFactory(post=cuo, start="2017", end="31.03.2022")
    page = text(client.get("/personen/"))
    assert "Chief Digital Officer (CDO): Ilona Benz (seit 01.04.2022, kommissarisch)" in page
    assert "Chief Urban Officer (CUO): unbesetzt (seit 01.04.2022)" in page


def test_directory_links_the_popolo_export(client, cdo):
    page = html(client.get("/personen/"))
    assert (
        '<a href="/personen/popolo.json" type="application/json">JSON im Popolo-Format</a>' in page
    )
    assert '<link rel="alternate" type="application/json"' in page


def test_directory_is_reached_from_the_navigation(client, cdo):
    assert '<a href="/personen/">Personen</a>' in html(client.get("/personen/"))


def test_person_page_shows_the_timeline_with_precision_and_kind(client, cdo):
    page = html(client.get("/personen/dieter-rombach/"))
    assert (
        '<time datetime="2017">2017</time> – <time datetime="2022-03-31">31.03.2022</time>' in page
    )
    assert "01.01.2017" not in page
    words = text(client.get("/personen/dieter-rombach/"))
    assert "Chief Digital Officer (CDO) Stadt Kaiserslautern · ehrenamtlich" in words
    assert "Nachfolge: Ilona Benz" in words


def test_person_page_shows_open_terms_as_running(client, cdo):
    page = html(client.get("/personen/ilona-benz/"))
    assert 'seit <time datetime="2022-04-01">01.04.2022</time>' in page
    words = text(client.get("/personen/ilona-benz/"))
    assert "kommissarisch · im Amt" in words
    assert "Nachfolge von Prof. Dieter Rombach" in words


def test_person_page_uses_the_gendered_title(client):
    post = PostFactory(
        label="Geschäftsführung", label_female="Geschäftsführerin", label_male="Geschäftsführer"
    )
    benz = PersonFactory(gender="f")
    TermFactory(post=post, person=benz, start="01.02.2022")
    page = text(client.get(benz.get_absolute_url()))
    assert "Geschäftsführerin" in page


def test_person_page_shows_photo_with_credit(client, cdo):
    benz = cdo.terms.last().person
    benz.photo = make_image_upload("benz.jpg", size=(300, 400))
    benz.photo_alt = "Ilona Benz vor dem Rathaus"
    benz.photo_credit = "Thomas Kierok"
    benz.save()
    page = html(client.get(benz.get_absolute_url()))
    assert 'width="300" height="400" alt="Ilona Benz vor dem Rathaus">' in page
    assert "Bildquelle: Thomas Kierok" in page


def test_person_page_lists_only_published_articles_naming_the_person(client, cdo):
    benz = cdo.terms.last().person
    ArticleFactory(title="Benz wird CDO").people.add(benz)
    ArticleFactory(title="Entwurf über Benz", status=Article.Status.DRAFT).people.add(benz)
    ArticleFactory(
        title="Geplant über Benz", published_at=timezone.now() + timedelta(days=1)
    ).people.add(benz)
    ArticleFactory(title="Ohne Benz")
    page = html(client.get(benz.get_absolute_url()))
    assert "Benz wird CDO" in page
    assert "Entwurf über Benz" not in page and "Geplant über Benz" not in page
    assert "Ohne Benz" not in page


def test_person_page_cites_only_published_sources(client, cdo):
    term = cdo.terms.last()
    source = TermSource.objects.create(
        term=term, article=ArticleFactory(title="Entwurf als Quelle", status=Article.Status.DRAFT)
    )
    assert "Entwurf als Quelle" not in html(client.get(term.person.get_absolute_url()))
    source.article = ArticleFactory(title="Ilona Benz wird Chief Digital Officer")
    source.save()
    assert "Quelle: Ilona Benz wird Chief Digital Officer vom" in text(
        client.get(term.person.get_absolute_url())
    )


def test_person_page_describes_the_person_in_json_ld(client, cdo):
    page = html(client.get("/personen/ilona-benz/"))
    ld = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert ld["@type"] == "Person"
    assert ld["name"] == "Ilona Benz"
    assert ld["url"].endswith("/personen/ilona-benz/")
    assert ld["jobTitle"] == ["Chief Digital Officer (CDO)"]
    assert ld["worksFor"][0]["name"] == "Stadt Kaiserslautern"


def test_json_ld_cannot_be_broken_out_of(client):
    person = PersonFactory(bio="</script><script>alert(1)</script>")
    page = html(client.get(person.get_absolute_url()))
    assert "<script>alert(1)" not in page
    assert "\\u003C/script\\u003E" in page


def test_unknown_person_is_404(client, db):
    assert client.get("/personen/niemand/").status_code == 404


def test_post_page_lists_holders_in_order_with_dates(client, cdo):
    page = text(client.get("/personen/aemter/cdo/"))
    assert page.index("Prof. Dieter Rombach") < page.index("Ilona Benz Chief")
    assert (
        "2017 – 31.03.2022 Prof. Dieter Rombach Chief Digital Officer (CDO) · ehrenamtlich" in page
    )
    assert "Derzeit: Ilona Benz (seit 01.04.2022, kommissarisch)" in page


def test_post_page_shows_gaps_and_a_vacancy_today(client, frozen_today):
    post = PostFactory(label="Geschäftsführung", slug="gf")
    TermFactory(post=post, start=None, end="31.12.2021")
    TermFactory(post=post, start="01.02.2022", end="30.06.2026")
    page = text(client.get("/personen/aemter/gf/"))
    assert "01.01.2022 – 31.01.2022 unbesetzt" in page
    assert "seit 01.07.2026 unbesetzt" in page
    assert "Derzeit: unbesetzt (seit 01.07.2026)" in page


def test_who_held_the_post_on_a_day(client, cdo):
    page = text(client.get("/personen/aemter/cdo/", {"datum": "2019-06-01"}))
    assert (
        "Am 01.06.2019 im Amt: Prof. Dieter Rombach, Chief Digital Officer (CDO) (2017 – 31.03.2022, ehrenamtlich)"
        in page
    )


def test_who_held_the_post_says_when_the_dates_are_too_vague(client, cdo):
    page = text(client.get("/personen/aemter/cdo/", {"datum": "15.03.2017"}))
    assert "Am 15.03.2017 nach den erfassten Daten möglicherweise im Amt" in page
    assert "nicht genau genug bekannt" in page


def test_who_held_the_post_on_a_vacant_day(client, cdo):
    cuo = PostFactory(label="Chief Urban Officer (CUO)", slug="cuo")
    TermFactory(post=cuo, start="2017", end="31.03.2022")
    page = text(client.get("/personen/aemter/cuo/", {"datum": "2022-04-15"}))
    assert "Am 15.04.2022 war das Amt unbesetzt (seit 01.04.2022)." in page


def test_who_held_the_post_before_anything_is_recorded(client, cdo):
    page = text(client.get("/personen/aemter/cdo/", {"datum": "2000-01-01"}))
    assert "Für den 01.01.2000 ist niemand in diesem Amt erfasst." in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("kaputt", "Bitte geben Sie ein gültiges Datum ein, z. B. 01.04.2022."),
        ("2099-01-01", "Bitte wählen Sie ein Datum bis heute; die Zukunft ist noch offen."),
    ],
)
def test_who_held_the_post_refuses_bad_dates_in_german(client, cdo, typed, message):
    page = html(client.get("/personen/aemter/cdo/", {"datum": typed}))
    assert f'<p class="form-error" id="datum-error" role="alert">{message}</p>' in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="datum-error"' in page


def test_organization_page_lists_posts_and_subsidiaries(client, cdo):
    company = OrganizationFactory(name="KL.digital GmbH", parent=cdo.organization)
    page = text(client.get(cdo.organization.get_absolute_url()))
    assert "Tochterorganisationen: KL.digital GmbH" in page
    assert "Chief Digital Officer (CDO): Ilona Benz" in page
    assert "Gehört zu: Stadt Kaiserslautern" in text(client.get(company.get_absolute_url()))


def populate(n):
    """Add n people, each with two terms in posts of their own, one ended and one running."""
    for _ in range(n):
        person = PersonFactory()
        TermFactory(person=person, start="2010", end="2015")
        TermFactory(person=person, start="2016")


def test_directory_query_count_is_constant(count_queries, frozen_today):
    populate(1)
    few = count_queries("/personen/")
    populate(10)
    assert count_queries("/personen/") == few == 4


def test_person_page_query_count_is_constant(count_queries, frozen_today):
    person = PersonFactory(slug="viel")
    TermFactory(person=person, start="2010", end="2015")
    ArticleFactory().people.add(person)
    few = count_queries("/personen/viel/")
    for year in range(2016, 2026):
        TermFactory(person=person, start=str(year), end=str(year))
        ArticleFactory().people.add(person)
    # One of them for the terms' sources.
    assert count_queries("/personen/viel/") == few == 5


def test_post_page_query_count_is_constant(count_queries, frozen_today):
    post = PostFactory(slug="oft")
    TermFactory(post=post, start="2000", end="2001")
    few = count_queries("/personen/aemter/oft/?datum=2000-06-01")
    for year in range(2002, 2026, 2):
        TermFactory(post=post, start=str(year), end=str(year + 1))
    assert count_queries("/personen/aemter/oft/?datum=2000-06-01") == few == 2


def test_organization_page_query_count_is_constant(count_queries, frozen_today):
    organization = OrganizationFactory(slug="stadt")
    TermFactory(post=PostFactory(organization=organization), start="2017")
    few = count_queries("/personen/organisationen/stadt/")
    for _ in range(5):
        TermFactory(post=PostFactory(organization=organization), start="2017")
        OrganizationFactory(parent=organization)
    assert count_queries("/personen/organisationen/stadt/") == few == 4


def test_sitemap_lists_people_and_posts(client, cdo):
    page = html(client.get("/sitemap.xml"))
    assert "<loc>http://testserver/personen/ilona-benz/</loc>" in page
    assert "<loc>http://testserver/personen/aemter/cdo/</loc>" in page


def test_directory_counts_only_open_terms_as_current(client, cdo):
    """Open end: current; ended: not; end unknown: not current, shown as "Ende unbekannt"."""
    ended = PersonFactory(name="Eva Ende")
    unknown = PersonFactory(name="Uwe Unbekannt")
    cuo = PostFactory(organization=cdo.organization, label="Chief Urban Officer (CUO)")
    TermFactory(post=cuo, person=ended, start="2017", end="31.03.2022")
    TermFactory(post=cuo, person=unknown, start="01.04.2022", end=None, is_end_unknown=True)
    page = text(client.get("/personen/"))

    assert "Ilona Benz Chief Digital Officer (CDO), Stadt Kaiserslautern (seit 01.04.2022)" in page
    assert "Eva Ende Derzeit kein erfasstes Amt." in page
    assert (
        "Uwe Unbekannt Derzeit kein erfasstes Amt. Zuletzt erfasst, Ende unbekannt: "
        "Chief Urban Officer (CUO), Stadt Kaiserslautern (ab 01.04.2022, Ende unbekannt)"
    ) in page
    assert "im Amt" not in page
