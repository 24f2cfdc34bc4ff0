"""Responsive renditions (srcset) of article images, made with Pillow once per upload.

Uploads are checked and cleaned by `kldigital.images`, the one cleaner for every image.
"""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from kldigital.images import check_image_upload

RENDITION_WIDTHS = (480, 800, 1200)
RENDITION_FORMATS = {"webp": "WEBP", "jpg": "JPEG"}


def validate_image_upload(upload):
    """Check an article or ad image (named in migrations, so it stays here)."""
    check_image_upload(upload, max_megabytes=10, noun="Das Bild")


def make_renditions(image_file):
    """Write WebP and JPEG copies in a few widths next to the original; return their metadata.

    The copies carry no EXIF data; the orientation is applied to the pixels first.
    """
    image_file.open("rb")
    with Image.open(image_file) as original:
        original = ImageOps.exif_transpose(original).convert("RGB")
    image_file.close()
    stem = PurePosixPath(image_file.name).stem
    renditions = []
    widths = [w for w in RENDITION_WIDTHS if w < original.width] + [min(original.width, 1600)]
    for width in sorted(set(widths)):
        height = round(original.height * width / original.width)
        resized = original.resize((width, height), Image.Resampling.LANCZOS)
        for extension, pillow_format in RENDITION_FORMATS.items():
            buffer = BytesIO()
            resized.save(buffer, pillow_format, quality=82, optimize=True)
            name = image_file.storage.save(
                f"renditions/{stem}-{width}.{extension}", ContentFile(buffer.getvalue())
            )
            renditions.append({"name": name, "width": width, "height": height, "type": extension})
    return renditions


def picture(storage, renditions):
    """Return srcsets per format and a mid-size JPEG fallback with its dimensions."""
    jpegs = [r for r in renditions if r["type"] == "jpg"]
    fallback = min(jpegs, key=lambda r: abs(r["width"] - 800))

    def srcset(extension):
        return ", ".join(
            f"{storage.url(r['name'])} {r['width']}w" for r in renditions if r["type"] == extension
        )

    return {
        "webp_srcset": srcset("webp"),
        "jpeg_srcset": srcset("jpg"),
        "src": storage.url(fallback["name"]),
        "width": fallback["width"],
        "height": fallback["height"],
    }
