from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import SectionFactory

SITE_URL = "https://news.example.org"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def newsletter_site(settings):
    """The public address the newsletter's links start with, and mail kept in memory."""
    settings.SITE_URL = SITE_URL
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def verwaltung(db):
    return SectionFactory(title="Verwaltung", slug="verwaltung")
