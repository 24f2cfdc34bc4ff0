"""The lead image's focal point: the share crop keeps it, the admin sets and previews it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from news.images import SHARE_SIZE, crop_box
from news.models import Article
from tests.news.test_admin import ADD_URL, article_form

pytestmark = pytest.mark.django_db
RED = (220, 0, 0)


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


def portrait_with_face():
    """Return a 600 × 1200 grey portrait whose "face" (red) fills 10–20 % of its height."""
    image = Image.new("RGB", (600, 1200), (128, 128, 128))
    image.paste(RED, (200, 120, 400, 240))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return SimpleUploadedFile("portrait.jpg", buffer.getvalue(), content_type="image/jpeg")


def red_share(article, media_root):
    """Return the share crop's size and the fraction of its pixels that are red."""
    share = next(r for r in article.image_renditions if r.get("crop") == "share")
    with Image.open(media_root / share["name"]) as crop:
        data, size = crop.convert("RGB").tobytes(), crop.size
    pixels = [data[i : i + 3] for i in range(0, len(data), 3)]
    red = sum(1 for r, g, b in pixels if r > 180 and g < 80 and b < 80)
    return size, red / len(pixels)


@pytest.mark.parametrize(
    ("focus", "box"),
    [
        ((50, 50), (0, 442, 600, 757)),
        ((50, 15), (0, 22, 600, 337)),
        ((50, 0), (0, 0, 600, 315)),
        ((50, 100), (0, 885, 600, 1200)),
    ],
)
def test_crop_box_centres_on_the_focal_point_within_the_edges(focus, box):
    assert crop_box(600, 1200, SHARE_SIZE[0] / SHARE_SIZE[1], focus) == box


def test_focal_point_keeps_the_face_in_the_share_crop(chief_client, section, media_root):
    chief_client.post(
        ADD_URL,
        article_form(section, image=portrait_with_face(), image_alt="Porträt", status="published"),
    )
    article = Article.objects.get()
    size, red = red_share(article, media_root)
    assert size == (600, 315)
    assert red == 0  # the centre crop cuts the face off

    change_url = f"/admin/news/article/{article.pk}/change/"
    response = chief_client.post(
        change_url,
        article_form(
            section, image_alt="Porträt", status="published", image_focus_x="50", image_focus_y="15"
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.image_focus_x, article.image_focus_y) == (50, 15)
    _, red = red_share(article, media_root)
    assert red > 0.12  # the whole face: 200 × 120 of 600 × 315 pixels
    assert len([r for r in article.image_renditions if r.get("crop")]) == 1

    page = Client().get(article.get_absolute_url()).content.decode()
    share = next(r for r in article.image_renditions if r.get("crop") == "share")
    assert (
        f'<meta property="og:image" content="http://127.0.0.1:8000/media/{share["name"]}">' in page
    )
    assert 'srcset="' in page and share["name"] not in page.split("<main", 1)[-1]


def test_focal_point_out_of_range_gets_a_german_error(editor_client, section):
    response = editor_client.post(ADD_URL, article_form(section, image_focus_x="120"))
    assert (
        "kleiner oder gleich 100" in response.context["adminform"].form.errors["image_focus_x"][0]
    )


def test_admin_previews_every_rendition_and_offers_the_picker(editor_client, section):
    editor_client.post(
        ADD_URL, article_form(section, image=portrait_with_face(), image_alt="Porträt")
    )
    article = Article.objects.get()
    page = editor_client.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    for rendition in article.image_renditions:
        if rendition["type"] == "jpg":
            assert f'/media/{rendition["name"]}"' in page
    assert "480 × 960 Pixel" in page
    assert "600 × 1200 Pixel" in page
    assert "600 × 315 Pixel: Vorschaubild beim Teilen" in page
    assert "data-focal-point" in page
    assert 'name="image_focus_x"' in page and 'max="100"' in page
    assert "admin/js/focal_point." in page


def test_add_form_without_image_explains_the_picker(editor_client):
    page = editor_client.get(ADD_URL).content.decode()
    assert "Nach dem Sichern mit Bild" in page
