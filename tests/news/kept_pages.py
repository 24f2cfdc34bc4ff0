"""Fetching pages whose parts are kept rendered (news.fragments), for their tests."""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def kept(client, url, unread):
    """Fetch twice; the second answer comes from the kept parts: table `unread` is not read."""
    time.sleep(0.002)  # after a change: its stamp may lie up to 1 ms ahead (new_stamp)
    first = page(client, url)
    with CaptureQueriesContext(connection) as captured:
        second = page(client, url)
    assert not [q for q in captured if unread in q["sql"]]
    assert first == second
    return second
