"""The portal's own settings (NEWS_*): page sizes, the page cache, PDFs, newsletter and limits.

Star-imported by kldigital/settings.py; read from the environment like the rest.
"""

import environ

env = environ.Env()

NEWS_PAGE_SIZE = 10
NEWS_RELATED_COUNT = 5
NEWS_RELATED_CANDIDATES = 500  # newest articles of the section or tags ranked for the top-up
# Ranked suggestions kept per article (news.related): the count, the editor's choices that may
# be among them, and scheduled or withdrawn ones the page leaves out.
NEWS_RELATED_STORED = 15
NEWS_LATEST_COUNT = 5
# Whole pages for anonymous readers: kept this long at most (0 turns the page cache off),
# and proxies or browsers may reuse them for NEWS_PAGE_CACHE_MAX_AGE seconds.
NEWS_PAGE_CACHE_SECONDS = env.int("NEWS_PAGE_CACHE_SECONDS", default=600)
NEWS_PAGE_CACHE_MAX_AGE = env.int("NEWS_PAGE_CACHE_MAX_AGE", default=60)
# A worker answers a hit it read from the shared cache this many seconds ago from its own
# memory, up to NEWS_RECENT_BYTES (news.recent): changes made through another worker or
# server show that much later, never more; 0 reads the shared cache on every hit.
NEWS_PAGE_CACHE_RECHECK = env.float("NEWS_PAGE_CACHE_RECHECK", default=1.0)
NEWS_RECENT_BYTES = env.int("NEWS_RECENT_BYTES", default=8 * 2**20)
# When something many articles show changes (a keyword, a section, a person), the task worker
# renders the pages of this many of the newest again before readers ask (news.warming).
NEWS_WARM_NEWEST = env.int("NEWS_WARM_NEWEST", default=100)
# Newsletter: a confirmation link is valid this many days; sign-ups left unconfirmed are
# deleted this many days after their last confirmation mail (manage.py purge_subscriptions).
NEWS_NEWSLETTER_CONFIRM_DAYS = 3
NEWS_NEWSLETTER_UNCONFIRMED_DAYS = 7
# Rate limits (count, per seconds), counted atomically in CACHES; README "Limits" says why.
# Newsletter: sign-up and link requests from one client address (an office behind one
# address may sign up a team; each address itself gets at most one mail a day anyway).
NEWS_NEWSLETTER_IP_LIMIT = (20, 60 * 60)
# PDFs are rendered by the task worker in a child process with these limits: CPU seconds and
# address space (MB beyond the worker's own) are OS limits, wall-clock seconds are watched, and
# a layout with more pages is not written. A render that hits one is recorded as failed.
NEWS_PDF_LIMITS = {
    "cpu_seconds": env.int("NEWS_PDF_CPU_SECONDS", default=30),
    "memory_mb": env.int("NEWS_PDF_MEMORY_MB", default=1024),
    "wall_seconds": env.float("NEWS_PDF_WALL_SECONDS", default=60),
    "max_pages": env.int("NEWS_PDF_MAX_PAGES", default=60),
}
# A PDF still pending after this many seconds is enqueued again when a reader asks for it;
# readers waiting for a PDF are told to come back after these many seconds (Retry-After).
NEWS_PDF_PENDING_RETRY = 10 * 60
NEWS_PDF_RETRY_AFTER_PENDING = 30
NEWS_PDF_RETRY_AFTER = 60 * 60
# "Link mailen": mails from one client address, and mails to one recipient.
NEWS_SHARE_IP_LIMIT = (10, 60 * 60)
NEWS_SHARE_RECIPIENT_LIMIT = (3, 24 * 60 * 60)
# "Barriere melden": reports from one client address, and receipts to one sender address.
NEWS_BARRIER_REPORT_IP_LIMIT = (5, 60 * 60)
NEWS_BARRIER_REPORT_ADDRESS_LIMIT = (3, 24 * 60 * 60)
