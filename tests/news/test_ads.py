import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from news.models import AdSlot
from tests.factories import AdSlotFactory
from tests.pdfs import worker_rendered_pdf

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 14)
AD = re.compile(r'<aside class="ad ad--(\w+)" aria-label="Anzeige">(.*?)</aside>', re.S)


@pytest.fixture(autouse=True)
def frozen_today():
    noon = datetime(2026, 5, 14, 12, tzinfo=ZoneInfo("Europe/Berlin"))
    with time_machine.travel(noon, tick=False):
        yield


def ads_on(client, url):
    """Return (placement, markup) of every ad on the page at `url`."""
    response = client.get(url)
    assert response.status_code == 200
    return AD.findall(response.content.decode())


def test_sidebar_ad_is_labelled_sponsored_and_served_by_the_portal(client, article):
    ad = AdSlotFactory(
        target_url="https://www.example.org/angebot", image_alt="Strom aus der Region"
    )
    [(placement, markup)] = ads_on(client, "/")
    assert placement == "sidebar"
    assert '<p class="ad__label">Anzeige</p>' in markup
    link = '<a class="ad__link" href="https://www.example.org/angebot" rel="sponsored noopener">'
    assert link in markup
    image = f'<img src="/media/{ad.image.name}" alt="Strom aus der Region" width="300" height="250"'
    assert image in markup


def test_ad_has_no_tracking_and_no_inline_style(client, article):
    AdSlotFactory(target_url="https://www.example.org/angebot")
    [(_, markup)] = ads_on(client, article.get_absolute_url())
    assert re.findall(r'(?:href|src)="([^"]+)"', markup) == [
        "https://www.example.org/angebot",
        re.search(r'src="(/media/[^"]+)"', markup).group(1),
    ]
    assert "style=" not in markup and "<script" not in markup and "onclick" not in markup


def test_without_ads_the_page_has_no_ad_element(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'class="ad' not in page and "Anzeige" not in page


@pytest.mark.parametrize(
    "start, end, shown",
    [
        (date(2026, 5, 14), date(2026, 5, 14), True),
        (date(2026, 5, 1), None, True),
        (date(2026, 5, 15), None, False),
        (date(2026, 5, 1), date(2026, 5, 13), False),
    ],
)
def test_ads_run_from_their_first_to_their_last_day(client, article, start, end, shown):
    AdSlotFactory(start_date=start, end_date=end)
    assert bool(ads_on(client, "/")) is shown
    assert (AdSlot.objects.current().count() == 1) is shown


def test_in_article_ad_sits_between_text_and_action_row(client, article):
    AdSlotFactory(placement=AdSlot.Placement.IN_ARTICLE, name="Im Artikel")
    page = client.get(article.get_absolute_url()).content.decode()
    assert [placement for placement, _ in AD.findall(page)] == ["in_article"]
    assert page.index('class="article__body"') < page.index('class="ad ad--in_article"')
    assert page.index('class="ad ad--in_article"') < page.index('class="action-row"')
    assert [placement for placement, _ in ads_on(client, "/")] == []


def test_sidebar_shows_at_most_two_ads_newest_first(client, article):
    AdSlotFactory(name="alt", start_date=date(2026, 5, 1), image_alt="Erste")
    AdSlotFactory(name="mittel", start_date=date(2026, 5, 5), image_alt="Zweite")
    AdSlotFactory(name="neu", start_date=date(2026, 5, 10), image_alt="Dritte")
    markups = [markup for _, markup in ads_on(client, "/")]
    assert len(markups) == 2
    assert 'alt="Dritte"' in markups[0] and 'alt="Zweite"' in markups[1]


def test_print_view_and_pdf_carry_no_ads(client, article):
    AdSlotFactory(placement=AdSlot.Placement.IN_ARTICLE)
    AdSlotFactory(placement=AdSlot.Placement.SIDEBAR)
    assert len(ads_on(client, article.get_absolute_url())) == 2

    printed = client.get(f"/meldung/{article.slug}/druck/").content.decode()
    assert "Anzeige" not in printed and "/media/anzeigen/" not in printed

    reader = PdfReader(io.BytesIO(worker_rendered_pdf(client, article)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert article.title in text
    assert "Anzeige" not in text
    assert (300, 250) not in [image.image.size for page in reader.pages for image in page.images]


def test_screen_stylesheet_hides_ads_when_a_page_is_printed():
    css = open(finders.find("css/site.css"), encoding="utf-8").read()
    assert "@media print { .ad { display: none !important; } }" in css


def test_ad_image_must_be_a_real_image():
    ad = AdSlotFactory.build(image=SimpleUploadedFile("anzeige.png", b"<svg onload=alert(1)>"))
    with pytest.raises(ValidationError) as error:
        ad.full_clean()
    assert "image" in error.value.message_dict


def test_ad_needs_alt_text_a_web_link_and_an_end_after_its_start():
    ad = AdSlotFactory.build(
        image_alt="",
        target_url="javascript:alert(1)",
        start_date=date(2026, 5, 14),
        end_date=date(2026, 5, 13),
    )
    with pytest.raises(ValidationError) as error:
        ad.full_clean()
    assert {"image_alt", "target_url", "__all__"} <= set(error.value.message_dict)
    assert "Der letzte Tag liegt vor dem ersten." in error.value.message_dict["__all__"]


def test_editors_manage_ads_in_the_admin(admin_client):
    AdSlotFactory(name="Stadtwerke Frühling")
    page = admin_client.get("/admin/news/adslot/").content.decode()
    assert "Stadtwerke Frühling" in page
    assert admin_client.get("/admin/news/adslot/add/").status_code == 200


def test_all_slots_of_a_page_cost_one_query(client, article):
    AdSlotFactory(placement=AdSlot.Placement.IN_ARTICLE)
    AdSlotFactory(placement=AdSlot.Placement.SIDEBAR)
    with CaptureQueriesContext(connection) as captured:
        client.get(article.get_absolute_url())
    assert sum("news_adslot" in query["sql"] for query in captured.captured_queries) == 1
