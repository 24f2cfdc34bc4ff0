"""Checks for portrait uploads, made before Pillow decodes any pixels."""

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000


def validate_photo(upload):
    """Refuse anything but a JPEG, PNG or WebP of sane size."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError("Das Foto ist größer als 5 MB. Bitte verkleinern Sie es.")
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        with Image.open(upload) as image:  # reads the header only
            image_format, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError("Die Datei ist kein lesbares Bild (JPEG, PNG, WebP).") from error
    finally:
        upload.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError("Nur JPEG-, PNG- und WebP-Bilder sind erlaubt.")
    if width * height > MAX_PIXELS:
        raise ValidationError("Das Foto hat zu viele Bildpunkte (höchstens 40 Megapixel).")
