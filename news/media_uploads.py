"""Upload checks for the sign-language videos: file kind by name and by content, and size."""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError

MAX_VIDEO_BYTES = 200 * 1024 * 1024
MAX_CAPTIONS_BYTES = 512 * 1024


def _head(upload, length):
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    try:
        return upload.read(length)
    finally:
        upload.seek(position)


def _is_mp4(head):
    return head[4:8] == b"ftyp"


def _is_webm(head):
    return head[:4] == b"\x1a\x45\xdf\xa3"  # EBML, the container WebM is built on


VIDEO_KINDS = {".mp4": _is_mp4, ".webm": _is_webm}


def validate_video_upload(upload):
    """Refuse anything but an MP4 or WebM file of at most 200 MB, checked by name and bytes."""
    if upload.size > MAX_VIDEO_BYTES:
        raise ValidationError("Das Video ist größer als 200 MB. Bitte verkleinern Sie es.")
    suffix = PurePosixPath(upload.name).suffix.lower()
    if suffix not in VIDEO_KINDS:
        raise ValidationError("Nur Videos im Format MP4 (.mp4) oder WebM (.webm) sind erlaubt.")
    if not VIDEO_KINDS[suffix](_head(upload, 16)):
        raise ValidationError(
            f"Die Datei ist kein {suffix[1:].upper()}-Video. Bitte prüfen Sie das Format."
        )


def validate_captions_upload(upload):
    """Refuse anything but a UTF-8 WebVTT text of at most 512 KB."""
    if upload.size > MAX_CAPTIONS_BYTES:
        raise ValidationError("Die Untertitel-Datei ist größer als 512 KB.")
    if PurePosixPath(upload.name).suffix.lower() != ".vtt":
        raise ValidationError("Untertitel müssen eine WebVTT-Datei (.vtt) sein.")
    try:
        text = _head(upload, MAX_CAPTIONS_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError("Die Untertitel-Datei ist kein UTF-8-Text.") from error
    if not (text.startswith("WEBVTT") and text[6:7] in ("", " ", "\t", "\n", "\r")):
        raise ValidationError("Eine WebVTT-Datei beginnt mit der Zeile „WEBVTT“.")
