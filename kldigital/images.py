"""Check and clean every uploaded image, whichever app stores it.

An upload is checked in two steps: its size, format and pixel count from the header, before
any pixel is decoded (so a decompression bomb costs nothing), then one full decode (so a
truncated or garbled file is refused in the form, not a 500 on save). What is stored is a
fresh re-encoding of the pixels: orientation applied, colours converted to sRGB, and no
EXIF (GPS, camera), XMP, ICC profile or comment left in the public file.
"""

import threading
import warnings
from contextlib import contextmanager
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000
UNREADABLE = "Die Datei ist kein lesbares Bild (erlaubt: JPEG, PNG, WebP)."
DAMAGED = "Das Bild ist beschädigt oder unvollständig. Bitte laden Sie die Datei erneut hoch."
_decoding_lock = threading.Lock()
SAVE_OPTIONS = {"JPEG": {"quality": 90}, "WEBP": {"quality": 90}, "PNG": {"optimize": True}}


def check_image_upload(upload, *, max_megabytes, noun):
    """Refuse anything but an intact JPEG, PNG or WebP of sane size; `noun` names it."""
    if upload.size > max_megabytes * 1024 * 1024:
        raise ValidationError(
            f"{noun} ist größer als {max_megabytes} MB. Bitte verkleinern Sie es."
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        _check_header_then_pixels(upload, noun)
    finally:
        upload.seek(position)


def _check_header_then_pixels(upload, noun):
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)  # reads the header only
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(UNREADABLE) from error
    with image:
        if image.format not in ALLOWED_FORMATS:
            raise ValidationError("Nur JPEG-, PNG- und WebP-Bilder sind erlaubt.")
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise ValidationError(f"{noun} hat zu viele Bildpunkte (höchstens 40 Megapixel).")
        try:
            with _strict_decoding():
                image.load()
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
            raise ValidationError(DAMAGED) from error


@contextmanager
def _strict_decoding():
    """Make Pillow refuse truncated files while decoding, whatever another library set.

    WeasyPrint switches `LOAD_TRUNCATED_IMAGES` on for the whole process when it is imported.
    """
    with _decoding_lock:
        lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def cleaned_copy(upload):
    """Return the upload re-encoded in its format: oriented, sRGB, without any metadata."""
    upload.seek(0)
    with Image.open(upload) as original:
        image_format = original.format
        image = ImageOps.exif_transpose(original)
        icc_profile = original.info.get("icc_profile")
    image = _to_srgb(image, icc_profile)
    if image.mode == "P" or image.mode not in ("RGB", "RGBA", "L", "LA"):
        has_alpha = "A" in image.mode or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha and image_format != "JPEG" else "RGB")
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # A new image from the bare pixels: nothing of the original's info (comments, XMP,
    # EXIF, profile) can ride along into the encoder.
    bare = Image.frombytes(image.mode, image.size, image.tobytes())
    buffer = BytesIO()
    bare.save(buffer, image_format, **SAVE_OPTIONS[image_format])
    return ContentFile(buffer.getvalue(), name=getattr(upload, "name", None))


def _to_srgb(image, icc_profile):
    """Return the pixels converted from their embedded colour profile to sRGB, if any."""
    if not icc_profile or image.mode not in ("RGB", "RGBA", "L", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(BytesIO(icc_profile))
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=output_mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: keep the pixels as they are, the profile goes anyway


def store_clean(field_file):
    """Store a freshly uploaded (uncommitted) image as its cleaned copy; a no-op otherwise."""
    if field_file and not field_file._committed:
        field_file.save(field_file.name, cleaned_copy(field_file.file), save=False)


class CleanImageField(models.ImageField):
    """An image field that stores every new upload only as its cleaned copy."""

    def pre_save(self, model_instance, add):
        store_clean(getattr(model_instance, self.attname))
        return super().pre_save(model_instance, add)

    def deconstruct(self):
        # Cleaning changes no column: migrations keep seeing a plain ImageField.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs
