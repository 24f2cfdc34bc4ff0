"""The shared cache, and what its callers see when it is down."""


class CacheUnavailable(Exception):
    """The shared cache did not answer; counters kept in it cannot be trusted."""
