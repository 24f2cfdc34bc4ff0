"""Absolute addresses from SITE_URL (kldigital/links.py), on pages and with media on S3."""

import json
import os
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


@pytest.fixture
def s3_media(settings):
    """Media in a moto S3 bucket served from its own domain, as DJANGO_MEDIA_S3_* configure."""
    boto3 = pytest.importorskip("boto3")
    moto = pytest.importorskip("moto")
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "test")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "test")
    with moto.mock_aws():
        boto3.client("s3", region_name="eu-central-1").create_bucket(
            Bucket="kl-media", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": "kl-media",
                    "region_name": "eu-central-1",
                    "custom_domain": "media.example.org",
                    "querystring_auth": False,
                },
            },
        }
        yield


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
    assert ld["image"] == og_image
    assert ld["mainEntityOfPage"] == f"http://127.0.0.1:8000{article.get_absolute_url()}"
    assert "8000https" not in html


@pytest.mark.django_db
def test_person_photo_on_s3_keeps_its_own_address_in_json_ld(client, settings, s3_media):
    settings.SITE_URL = "http://127.0.0.1:8000"
    person = PersonFactory(photo=make_image_upload())

    html = client.get(person.get_absolute_url()).content.decode()

    assert '"image": "https://media.example.org/' in html
    assert "8000https" not in html
