"""The one image cleaner, exercised with real files through every admin form that takes one."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

from news.models import AdSlot, Article
from people.models import Person
from tests.news.test_admin import article_form
from tests.people.test_admin import inline, person_data

pytestmark = pytest.mark.django_db

COMMENT = b"Aufgenommen in der Gartenstrasse 12"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    b'photoshop:City="Kaiserslautern"/></rdf:RDF></x:xmpmeta>'
)
GERMAN_ERRORS = {
    "Das Bild ist beschädigt oder unvollständig. Bitte laden Sie die Datei erneut hoch.",
    "Die Datei ist kein lesbares Bild (erlaubt: JPEG, PNG, WebP).",
    # Django's own check, which runs first and catches what Pillow cannot even open:
    "Bitte ein gültiges Bild hochladen. Die hochgeladene Datei ist kein Bild oder ist defekt.",
}


def telltale_jpeg():
    """Return a 1000×600 JPEG that says "rotate 90°" and carries GPS, XMP, a comment and ICC."""
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8825] = {1: "N", 2: (49.0, 26.0, 39.0), 3: "E", 4: (7.0, 46.0, 10.0)}
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 600), "#2a7d4f").save(
        buffer, "JPEG", exif=exif, xmp=XMP, comment=COMMENT, icc_profile=icc
    )
    return buffer.getvalue()


def truncated_jpeg():
    buffer = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()[: buffer.tell() // 2]


def png_bomb(width, height):
    """Return a tiny PNG whose header claims width × height pixels."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * (width + 1) * 16)  # a few rows; the rest is "missing"
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def upload(content, name="foto.jpg"):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def post_article(client, section, image):
    return client.post(
        "/admin/news/article/add/", article_form(section, image=image, image_alt="Ein Foto")
    )


def post_person(client, section, image):
    data = person_data(photo=image, photo_alt="Porträt", photo_credit="Stadt")
    return client.post("/admin/people/person/add/", {**data, **inline("terms", [])})


def post_ad(client, section, image):
    data = {
        "name": "Stadtwerke",
        "placement": "sidebar",
        "image": image,
        "image_alt": "Strom aus der Region",
        "target_url": "https://www.example.org/",
        "start_date": "01.03.2024",
        "end_date": "",
    }
    return client.post("/admin/news/adslot/add/", data)


FORMS = {
    "article": (post_article, lambda: Article.objects.get().image, "image"),
    "person": (post_person, lambda: Person.objects.get().photo, "photo"),
    "ad": (post_ad, lambda: AdSlot.objects.get().image, "image"),
}


@pytest.mark.parametrize("form", FORMS)
def test_stored_image_has_no_metadata_and_is_upright(admin_client, section, media_root, form):
    post, stored_file, _ = FORMS[form]
    response = post(admin_client, section, upload(telltale_jpeg()))
    assert response.status_code == 302

    field_file = stored_file()
    content = (media_root / field_file.name).read_bytes()
    for telltale in (COMMENT, b"ns.adobe.com", b"Exif", b"ICC_PROFILE", b"GPS"):
        assert telltale not in content
    with Image.open(io.BytesIO(content)) as stored:
        assert stored.size == (600, 1000)
        assert not stored.getexif()
        assert not {"comment", "xmp", "icc_profile", "exif"} & stored.info.keys()
    assert (field_file.width, field_file.height) == (600, 1000)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    "content",
    [
        pytest.param(truncated_jpeg(), id="truncated-jpeg"),
        pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 40, id="garbage"),
        pytest.param(png_bomb(8_000, 8_000), id="png-64-megapixels"),
        pytest.param(png_bomb(60_000, 60_000), id="png-bomb"),
    ],
)
def test_damaged_or_oversized_image_is_refused_in_german(admin_client, section, form, content):
    post, _, field = FORMS[form]
    response = post(admin_client, section, upload(content))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors[field]
    noun = "Das Foto" if form == "person" else "Das Bild"
    assert errors[0] in GERMAN_ERRORS | {
        f"{noun} hat zu viele Bildpunkte (höchstens 40 Megapixel)."
    }


def test_truncated_jpeg_names_the_damage(admin_client, section):
    import weasyprint  # noqa: F401 -- it lets Pillow accept truncated files, process-wide

    response = post_article(admin_client, section, upload(truncated_jpeg()))
    assert response.context["adminform"].form.errors["image"] == [
        "Das Bild ist beschädigt oder unvollständig. Bitte laden Sie die Datei erneut hoch."
    ]
    assert not Article.objects.exists()


def test_image_with_too_many_pixels_says_so(admin_client, section):
    response = post_person(admin_client, section, upload(png_bomb(8_000, 8_000), "bild.png"))
    assert response.context["adminform"].form.errors["photo"] == [
        "Das Foto hat zu viele Bildpunkte (höchstens 40 Megapixel)."
    ]


def test_png_with_transparency_stays_a_png_with_alpha(admin_client, section, media_root):
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 30), (255, 0, 0, 100)).save(buffer, "PNG")
    post_ad(admin_client, section, upload(buffer.getvalue(), "anzeige.png"))
    with Image.open(media_root / AdSlot.objects.get().image.name) as stored:
        assert (stored.format, stored.mode) == ("PNG", "RGBA")
