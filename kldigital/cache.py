"""The shared cache, and what its callers see when it is down."""


class CacheUnavailable(Exception):
    """The shared cache did not answer; counters kept in it cannot be trusted."""


import logging
import threading
import time

from diskcache import DjangoCache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)


class Breaker:
    """Remembers an outage of one cache server, so that each request need not wait for it.

    After a failure the server is skipped for `pause` seconds; then the next call tries it
    again. The log says once that it is down and once that it is back, however many calls fail
    in between.
    """

    def __init__(self, name, pause):
        self.name = name
        self.pause = pause
        self.is_down = False
        self.skip_until = 0.0
        self.lock = threading.Lock()

    def is_open(self):
        return time.monotonic() < self.skip_until

    def failed(self, error):
        with self.lock:
            self.skip_until = time.monotonic() + self.pause
            newly_down, self.is_down = not self.is_down, True
        if newly_down:
            logger.warning(
                "Cache %s unavailable (%s): serving pages uncached, refusing counted forms; "
                "next try in %s s",
                self.name,
                error,
                self.pause,
            )

    def succeeded(self):
        if self.is_down:
            with self.lock:
                was_down, self.is_down = self.is_down, False
            if was_down:
                logger.warning("Cache %s is back", self.name)


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(name, pause):
    """Return the one breaker of this process for a cache location (shared by all threads)."""
    with _breakers_lock:
        return _breakers.setdefault(name, Breaker(name, pause))


class FailOpenRedisCache(RedisCache):
    """Redis that fails open for pages and closed for counters.

    While Redis does not answer, reads are misses and writes are dropped, so pages are served
    uncached; `incr` and `decr` raise CacheUnavailable, so a limit counted here refuses instead
    of letting everything through. `add` answers False ("not added"), which is also the safe
    answer for a lock. Set short `socket_connect_timeout` and `socket_timeout` in OPTIONS;
    `retry_after` (seconds, default 5) is how long an outage is assumed to last before the next
    try.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._options = dict(self._options)
        pause = self._options.pop("retry_after", 5)
        # One attempt per call: a retry would double the wait for a server that is gone.
        self._options.setdefault("retry", Retry(NoBackoff(), 0))
        self._breaker = breaker_for(",".join(self._servers), pause)

    def _call(self, fallback, method, *args, **kwargs):
        if self._breaker.is_open():
            return fallback
        try:
            result = method(*args, **kwargs)
        except OUTAGE_ERRORS as error:
            self._breaker.failed(error)
            return fallback
        self._breaker.succeeded()
        return result

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        self._call(None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        """Add `delta` to a counter; raise CacheUnavailable when it cannot be counted."""
        if self._breaker.is_open():
            raise CacheUnavailable(f"cache {self._breaker.name} is down")
        try:
            result = super().incr(key, delta, version)
        except OUTAGE_ERRORS as error:
            self._breaker.failed(error)
            raise CacheUnavailable(str(error)) from error
        self._breaker.succeeded()
        return result


class PersistentDiskCache(DjangoCache):
    """diskcache's Django backend, keeping its SQLite connections from request to request.

    Django closes every cache after each request (`close_caches`); for diskcache that meant
    opening a connection per shard again on the next request, each with a settings query and
    five PRAGMAs: about 20 SQLite statements for one page-cache hit instead of 2 or 3, the
    better part of its CPU. diskcache keeps one connection per thread and opens a new one in
    a forked child (it checks the process id), so keeping them is safe.
    """

    def close(self, **kwargs):
        pass  # on purpose: see the class

    def close_connections(self):
        """Really close them (before gunicorn forks: kldigital/warmup.py)."""
        super().close()
