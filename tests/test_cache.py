"""Redis down or silent: pages are served uncached, counters refuse, the log says it once."""

import logging
import shutil
import subprocess
import time

import pytest
from django.core.cache import cache

from kldigital.cache import CacheUnavailable
from tests.conftest import EDITOR_PASSWORD
from tests.factories import ArticleFactory
from tests.servers import closed_port, silent_server

pytestmark = pytest.mark.django_db


def use_redis_at(settings, port, retry_after=5):
    settings.CACHES = {
        "default": {
            "BACKEND": "kldigital.cache.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "retry_after": retry_after,
            },
        }
    }


@pytest.fixture(params=["refusing", "silent"])
def dead_redis(request, settings):
    """Point the cache at a Redis that refuses connections, or at one that never answers."""
    working = settings.CACHES
    settings.NEWS_PAGE_CACHE_SECONDS = 600
    if request.param == "refusing":
        use_redis_at(settings, closed_port())
        yield
    else:
        with silent_server() as port:
            use_redis_at(settings, port)
            yield
    settings.CACHES = working  # before the shared fixture clears the cache


def cache_warnings(caplog):
    return [record for record in caplog.records if record.name == "kldigital.cache"]


def test_pages_are_served_uncached_fast_and_logged_once(dead_redis, client, caplog):
    article = ArticleFactory(title="Glasfaser für alle Ortsbezirke")
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="kldigital.cache"):
        responses = [client.get(url) for url in ["/", article.get_absolute_url()] * 4]
    elapsed = time.monotonic() - started

    assert [response.status_code for response in responses] == [200] * 8
    assert "Glasfaser für alle Ortsbezirke" in responses[1].content.decode()
    assert elapsed < 2, f"eight pages took {elapsed:.2f} s"
    assert len(cache_warnings(caplog)) == 1
    assert "unavailable" in cache_warnings(caplog)[0].getMessage()


def test_admin_login_works_while_the_cache_is_down(dead_redis, client, editor):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": editor.username, "password": EDITOR_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_counters_refuse_instead_of_counting_nothing(dead_redis):
    assert cache.add("news:share:ip:x", 0, timeout=60) is False
    with pytest.raises(CacheUnavailable):
        cache.incr("news:share:ip:x")
    started = time.monotonic()
    with pytest.raises(CacheUnavailable):  # the breaker is open: no second wait
        cache.incr("news:share:ip:x")
    assert time.monotonic() - started < 0.1


def test_reads_miss_and_writes_are_dropped(dead_redis):
    cache.set("a", 1)
    assert cache.set_many({"b": 2}) == ["b"]
    assert cache.get("a", "verpasst") == "verpasst"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.get_or_set("c", 3) == 3
    assert cache.delete("a") is False


@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")
def test_recovery_is_logged_once_and_the_cache_is_used_again(settings, caplog):
    working = settings.CACHES
    port = closed_port()
    use_redis_at(settings, port, retry_after=0.2)
    with caplog.at_level(logging.WARNING, logger="kldigital.cache"):
        cache.set("stand", "alt")
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 5
            while cache.get("probe") is None and time.monotonic() < deadline:
                cache.set("probe", 1)
                time.sleep(0.05)
            cache.set("stand", "neu")
            assert cache.get("stand") == "neu"
        finally:
            server.terminate()
            server.wait()
    messages = [record.getMessage() for record in cache_warnings(caplog)]
    assert len(messages) == 2
    assert "unavailable" in messages[0] and messages[1].endswith("is back")
    settings.CACHES = working
