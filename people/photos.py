"""The portrait upload check; the checking and cleaning itself lives in `kldigital.images`."""

from kldigital.images import check_image_upload


def validate_photo(upload):
    check_image_upload(upload, max_megabytes=5, noun="Das Foto")
