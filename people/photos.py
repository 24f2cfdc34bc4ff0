"""Checks for image uploads, made before Pillow decodes any pixels.

The news app checks its images with the same function: people is the lower layer.
"""

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000


def check_image_upload(upload, *, max_megabytes, noun):
    """Refuse anything but a JPEG, PNG or WebP of sane size; `noun` names it in messages."""
    if upload.size > max_megabytes * 1024 * 1024:
        raise ValidationError(
            f"{noun} ist größer als {max_megabytes} MB. Bitte verkleinern Sie es."
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        with Image.open(upload) as image:  # reads the header only
            image_format, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(
            "Die Datei ist kein lesbares Bild (erlaubt: JPEG, PNG, WebP)."
        ) from error
    finally:
        upload.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError("Nur JPEG-, PNG- und WebP-Bilder sind erlaubt.")
    if width * height > MAX_PIXELS:
        raise ValidationError(f"{noun} hat zu viele Bildpunkte (höchstens 40 Megapixel).")


def validate_photo(upload):
    check_image_upload(upload, max_megabytes=5, noun="Das Foto")
