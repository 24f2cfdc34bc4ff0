"""What this process read from the shared cache a moment ago (issue 18).

A page-cache hit needs the page and the stamps of its tags (news.caching); a stored PDF its
kept entry and two stamps (news.printing.fastpath); every page the "news" stamp of its chrome
(news.context_processors). From Redis that is a round trip or two,
about as much CPU as the rest of the answer. For NEWS_PAGE_CACHE_RECHECK seconds after
reading them (1 by default, 0 turns this off) a process answers again from its own memory:

- a change made through this process shows at once: invalidate() notes its stamps here too;
- one made through another process (another worker, another server) shows at most that
  much later, as with the proxies and browsers that may keep a page NEWS_PAGE_CACHE_MAX_AGE;
- entries expire here with their stamps, so the shared cache's own expiry (the time of the
  next scheduled article, say) is also seen within the moment.

Entries are kept as the shared cache keeps them, pickled: each answer gets an object of its
own. At most NEWS_RECENT_BYTES per process; when full, everything kept is let go.
"""

import pickle
import time

from django.conf import settings

STAMPS_LIMIT = 20_000  # tags: news, people, one per person, article and PDF


class Recent:
    def __init__(self):
        self.clear()

    def clear(self):
        self.stamps = {}  # stamp key → (stamp, read at)
        self.entries = {}  # key → (pickled value, read at)
        self.size = 0

    @staticmethod
    def is_fresh(read_at):
        return time.monotonic() - read_at < settings.NEWS_PAGE_CACHE_RECHECK

    def fresh_stamps(self, keys):
        """Return {key: stamp} when every one of `keys` was read a moment ago, else None."""
        found = {}
        for key in keys:
            stamp = self.stamps.get(key)
            if stamp is None or not self.is_fresh(stamp[1]):
                return None
            found[key] = stamp[0]
        return found

    def note_stamps(self, stamps):
        """Remember stamps just read from (or written to) the shared cache."""
        if settings.NEWS_PAGE_CACHE_RECHECK > 0:
            now = time.monotonic()
            if len(self.stamps) > STAMPS_LIMIT:
                self.stamps.clear()
            self.stamps.update((key, (stamp, now)) for key, stamp in stamps.items())

    def entry(self, key):
        """Return a fresh copy of the value kept under `key` a moment ago, or None."""
        kept = self.entries.get(key)
        if kept is None or not self.is_fresh(kept[1]):
            return None
        return pickle.loads(kept[0])

    def keep(self, key, value):
        if settings.NEWS_PAGE_CACHE_RECHECK <= 0:
            return
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if self.size + len(data) > settings.NEWS_RECENT_BYTES:
            self.entries.clear()
            self.size = 0
        old = self.entries.get(key)
        self.size += len(data) - (len(old[0]) if old else 0)
        self.entries[key] = (data, time.monotonic())


recent = Recent()
