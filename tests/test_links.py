"""Absolute addresses from SITE_URL (kldigital/links.py), on pages and with media on S3."""

import json
import re

import pytest

from kldigital.links import absolute_url
from tests.conftest import make_image_upload
from tests.factories import ArticleFactory, PersonFactory


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/meldung/x/", "https://news.example.org/meldung/x/"),
        ("media/bild.jpg", "https://news.example.org/media/bild.jpg"),
        ("https://media.example.org/bild.jpg", "https://media.example.org/bild.jpg"),
        ("//media.example.org/bild.jpg", "//media.example.org/bild.jpg"),
    ],
)
def test_absolute_url_prefixes_paths_only(settings, url, expected):
    settings.SITE_URL = "https://news.example.org"

    assert absolute_url(url) == expected


@pytest.mark.django_db
def test_article_image_on_s3_keeps_its_own_address_in_og_image_and_json_ld(
    client, settings, s3_media
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    article = ArticleFactory(image=make_image_upload(), image_alt="Ein Bild")

    html = client.get(article.get_absolute_url()).content.decode()

    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', html)[1]
    assert og_image.startswith("https://media.example.org/renditions/")
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert ld["image"] == [og_image]
    assert ld["mainEntityOfPage"]["@id"] == f"http://127.0.0.1:8000{article.get_absolute_url()}"
    assert "8000https" not in html


@pytest.mark.django_db
def test_person_photo_on_s3_keeps_its_own_address_in_json_ld(client, settings, s3_media):
    settings.SITE_URL = "http://127.0.0.1:8000"
    person = PersonFactory(photo=make_image_upload())

    html = client.get(person.get_absolute_url()).content.decode()

    assert '"image": "https://media.example.org/' in html
    assert "8000https" not in html
