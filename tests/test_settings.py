import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def load_settings(**environ):
    """Import the settings in a fresh interpreter with exactly these variables set."""
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "kldigital.settings", **environ}
    code = "from django.conf import settings; print(settings.DEBUG, settings.DATABASES['default']['ENGINE'])"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True
    )


def test_missing_secret_key_stops_start_up_with_a_clear_message():
    result = load_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_is_off_unless_set_and_sqlite_is_the_default():
    assert load_settings(DJANGO_SECRET_KEY="x").stdout.split() == [
        "False",
        "django.db.backends.sqlite3",
    ]


def test_debug_needs_no_secret_key():
    assert load_settings(DJANGO_DEBUG="1").stdout.split()[0] == "True"


def test_database_url_selects_postgresql():
    result = load_settings(DJANGO_SECRET_KEY="x", DATABASE_URL="postgres://u@127.0.0.1:5432/db")
    assert result.stdout.split() == ["False", "django.db.backends.postgresql"]


def test_german_language_berlin_time_and_seed_date_format(settings):
    from datetime import date

    from django.utils.formats import date_format

    assert settings.LANGUAGE_CODE == "de"
    assert settings.TIME_ZONE == "Europe/Berlin"
    assert date_format(date(2021, 12, 13)) == "13.12.2021"


def mail_security(**environ):
    """Return (EMAIL_USE_TLS, EMAIL_USE_SSL) as a fresh interpreter reads them."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "kldigital.settings",
        "DJANGO_SECRET_KEY": "x",
        "EMAIL_HOST": "mail.example.org",
        **environ,
    }
    code = "from django.conf import settings; print(settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    return tuple(result.stdout.split())


@pytest.mark.parametrize(
    "environ, expected",
    [
        ({}, ("True", "False")),  # 587, submission with STARTTLS
        ({"EMAIL_PORT": "587"}, ("True", "False")),
        ({"EMAIL_PORT": "465"}, ("False", "True")),  # SMTPS: TLS from the first byte
        ({"EMAIL_PORT": "25"}, ("False", "False")),
        ({"EMAIL_PORT": "25", "EMAIL_USE_TLS": "1"}, ("True", "False")),
        ({"EMAIL_PORT": "2465", "EMAIL_USE_SSL": "1"}, ("False", "True")),
    ],
)
def test_mail_encryption_follows_the_port_unless_set(environ, expected):
    assert mail_security(**environ) == expected
