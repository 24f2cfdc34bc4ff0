"""The demo data reads as the seeds say, on every page, and loads idempotently."""

import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from people.demo import load_people
from people.models import Organization, Person, Post, Term
from tests.people.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo once for the module, in a transaction rolled back after its last test.

    Each test runs in a savepoint inside it (as Django's TestCase.setUpTestData does), so
    what a test changes is undone before the next one.
    """
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with time_machine.travel(TODAY, tick=False):
                call_command("loaddemo", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_loaded, frozen_today):
    return demo_loaded


def text(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    main = re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)
    main = re.sub(r"</?(a|time|span|strong)\b[^>]*>", "", main)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def snapshot():
    return [
        sorted(Person.objects.values_list("slug", "updated_at")),
        sorted(Organization.objects.values_list("slug", "updated_at")),
        sorted(Post.objects.values_list("slug", "updated_at")),
        sorted(Term.objects.values_list("pk", "updated_at", "source__article")),
    ]


def test_loading_the_demo_twice_changes_no_person_post_or_term(demo):
    before = snapshot()
    call_command("loaddemo", stdout=StringIO())
    assert snapshot() == before
    assert load_people() == []


def test_every_term_cites_its_seed_article(demo):
    assert not Term.objects.filter(source__isnull=True).exists()


def test_rombach_was_honorary_cdo_from_2017_and_now_advises(demo, client):
    page = text(client, "/personen/dieter-rombach/")
    assert (
        "2017 – 31.03.2022 Chief Digital Officer (CDO) Stadt Kaiserslautern · ehrenamtlich" in page
    )
    assert "seit April 2022 Berater Stadt Kaiserslautern · beratend · im Amt" in page
    assert "Nachfolge: Ilona Benz" in page


def test_steinebach_was_honorary_cuo_and_the_post_is_vacant(demo, client):
    page = text(client, "/personen/gerhard-steinebach/")
    assert "2017 – 31.03.2022 Chief Urban Officer (CUO) Stadt Kaiserslautern · ehrenamtlich" in page
    post = text(client, "/personen/aemter/chief-urban-officer-kaiserslautern/")
    assert "Derzeit: unbesetzt (seit 01.04.2022)" in post
    assert "externe Berater" in post


def test_benz_offices_in_order(demo, client):
    page = text(client, "/personen/ilona-benz/")
    stabsstelle = page.index(
        "2018 – 31.01.2022 Leiterin der Stabsstelle Digitalisierung Gemeindetag Baden-Württemberg"
    )
    geschaeftsfuehrerin = page.index(
        "seit 01.02.2022 Geschäftsführerin KL.digital GmbH · im Amt Nachfolge von Martin Verlage"
    )
    cdo = page.index(
        "seit 01.04.2022 Chief Digital Officer (CDO) Stadt Kaiserslautern · kommissarisch · im Amt"
    )
    assert stabsstelle < geschaeftsfuehrerin < cdo
    assert "Nachfolge von Prof. Dieter Rombach" in page


def test_verlage_left_at_the_end_of_2021_start_unknown(demo, client):
    page = text(client, "/personen/martin-verlage/")
    assert "bis 31.12.2021, Beginn unbekannt Geschäftsführer KL.digital GmbH" in page


def test_weichel_is_mayor_with_unknown_dates(demo, client):
    page = text(client, "/personen/klaus-weichel/")
    assert "Amtszeit unbekannt Oberbürgermeister Stadt Kaiserslautern" in page
    assert "im Amt" not in page.replace("Laut Meldung vom 13.12.2021 im Amt", "")


def test_the_gemeindetag_post_is_not_called_vacant(demo, client):
    page = text(client, "/personen/aemter/leitung-stabsstelle-digitalisierung-gemeindetag-bw/")
    assert "unbesetzt" not in page
    assert "Derzeit: nicht bekannt" in page


def test_kl_digital_belongs_to_the_city(demo, client):
    assert "Gehört zu: Stadt Kaiserslautern" in text(
        client, "/personen/organisationen/kl-digital-gmbh/"
    )


def test_who_was_cdo_on_the_day_of_the_seed_articles(demo, client):
    december = text(
        client, "/personen/aemter/chief-digital-officer-kaiserslautern/", datum="13.12.2021"
    )
    assert "Am 13.12.2021 im Amt: Prof. Dieter Rombach" in december
    april = text(
        client, "/personen/aemter/chief-digital-officer-kaiserslautern/", datum="04.04.2022"
    )
    assert "Am 04.04.2022 im Amt: Ilona Benz" in april


def test_the_geschaeftsleitung_article_shows_offices_of_december_2021(demo, client):
    page = text(client, "/meldung/kl-digital-bekommt-neue-geschaeftsleitung/")
    assert (
        "Ilona Benz: Leiterin der Stabsstelle Digitalisierung, Gemeindetag Baden-Württemberg"
        in page
    )
    assert "Martin Verlage: Geschäftsführer, KL.digital GmbH" in page
    assert "Prof. Dieter Rombach: Chief Digital Officer (CDO), Stadt Kaiserslautern" in page
    assert "Klaus Weichel: Oberbürgermeister, Stadt Kaiserslautern" in page


def test_the_cdo_article_shows_offices_of_april_2022(demo, client):
    page = text(client, "/meldung/ilona-benz-wird-chief-digital-officer/")
    assert (
        "Ilona Benz: Geschäftsführerin, KL.digital GmbH; "
        "Chief Digital Officer (CDO), Stadt Kaiserslautern"
    ) in page
    assert "Prof. Dieter Rombach: Berater, Stadt Kaiserslautern" in page
