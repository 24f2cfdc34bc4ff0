from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

BERLIN = ZoneInfo("Europe/Berlin")
# The people tests live on this day unless they say otherwise.
TODAY = datetime(2026, 11, 22, 12, tzinfo=BERLIN)


@pytest.fixture
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY.date()


@pytest.fixture
def count_queries(client):
    """Return a function that fetches a URL, checks it answers 200 and returns its query count.

    It counts the second of two fetches: the navigation and sidebar are read once per change
    of the news (news.context_processors), not per page, and are counted in tests/news.
    """

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    return count
