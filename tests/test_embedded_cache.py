"""The embedded cache (diskcache) keeps its SQLite connections between requests."""

import pytest
from django.core.cache import caches


@pytest.fixture
def disk_cache(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "kldigital.cache.PersistentDiskCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    return caches["default"]


def open_connections(backend):
    return [getattr(shard._local, "con", None) for shard in backend._cache._shards]


def test_a_request_leaves_the_connections_open_for_the_next(disk_cache, client):
    disk_cache.set_many({f"key-{n}": n for n in range(32)})  # touches every shard
    before = open_connections(disk_cache)
    assert all(before)

    assert client.get("/robots.txt").status_code == 200  # request_finished: close_caches()

    assert open_connections(disk_cache) == before
    assert disk_cache.get("key-3") == 3


def test_they_can_still_be_closed_before_a_fork(disk_cache):
    disk_cache.set("key", 1)
    disk_cache.close_connections()
    assert not any(open_connections(disk_cache))
    assert disk_cache.get("key") == 1  # opened again when needed
