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
# Social networks and messengers show link previews at 1.91:1 and crop from the centre
# themselves; a crop of ours around the focal point keeps a portrait's face in the preview.
SHARE_SIZE = (1200, 630)
CENTRE = (50, 50)


def validate_image_upload(upload):
    """Check an article or ad image (named in migrations, so it stays here)."""
    check_image_upload(upload, max_megabytes=10, noun="Das Bild")


def open_upright(image_file):
    image_file.open("rb")
    with Image.open(image_file) as original:
        original = ImageOps.exif_transpose(original).convert("RGB")
    image_file.close()
    return original


def make_renditions(image_file, focus=CENTRE):
    """Write WebP and JPEG copies in a few widths next to the original; return their metadata.

    The copies carry no EXIF data; the orientation is applied to the pixels first. A share
    crop around the focal point (percent x, y) comes last.
    """
    original = open_upright(image_file)
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
    return [*renditions, make_share_crop(original, image_file.storage, stem, focus)]


def crop_box(width, height, aspect, focus):
    """Return the largest box of `aspect` (width/height) in the image, centred on the focal
    point (percent x, y) as far as the image's edges allow."""
    box_width, box_height = (
        (round(height * aspect), height)
        if width / height > aspect
        else (width, round(width / aspect))
    )
    left = round(width * focus[0] / 100 - box_width / 2)
    top = round(height * focus[1] / 100 - box_height / 2)
    left = min(max(left, 0), width - box_width)
    top = min(max(top, 0), height - box_height)
    return (left, top, left + box_width, top + box_height)


def make_share_crop(original, storage, stem, focus):
    """Write the link-preview crop (og:image) around the focal point; return its metadata."""
    target_width, target_height = SHARE_SIZE
    box = crop_box(original.width, original.height, target_width / target_height, focus)
    width = min(target_width, box[2] - box[0])
    height = round(width * target_height / target_width)
    cropped = original.crop(box).resize((width, height), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    cropped.save(buffer, "JPEG", quality=82, optimize=True)
    name = storage.save(f"renditions/{stem}-share.jpg", ContentFile(buffer.getvalue()))
    return {"name": name, "width": width, "height": height, "type": "jpg", "crop": "share"}


def recrop(image_file, renditions, focus):
    """Return the renditions with the share crop made again for a new focal point."""
    for old in renditions:
        if old.get("crop"):
            image_file.storage.delete(old["name"])
    kept = [r for r in renditions if not r.get("crop")]
    stem = PurePosixPath(image_file.name).stem
    return [*kept, make_share_crop(open_upright(image_file), image_file.storage, stem, focus)]


def share_crop(renditions):
    return next((r for r in renditions if r.get("crop") == "share"), None)


def picture(storage, renditions):
    """Return srcsets per format, a mid-size JPEG fallback with its dimensions, the share crop."""
    share = share_crop(renditions)
    renditions = [r for r in renditions if not r.get("crop")]
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
        "share_src": storage.url(share["name"]) if share else storage.url(fallback["name"]),
    }
