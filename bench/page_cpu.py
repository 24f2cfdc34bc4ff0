#!/usr/bin/env python
"""Time uncached pages one request at a time: CPU per request of the app and of the database.

    .venv/bin/python bench/page_cpu.py --database sqlite:////tmp/pages.sqlite3 [--seed 100000]
    .venv/bin/python bench/page_cpu.py --database postgres://postgres@127.0.0.1:5432/pages_bench

The database is used as it is (migrated first); with --seed N the demo content and seeded
articles 1 to N are added where missing (`loaddemo`, `seedarticles`, a few minutes for
100,000). The page cache is off (NEWS_PAGE_CACHE_SECONDS=0); the shared cache is diskcache
in a temporary folder, so fragments cached by what invalidates them count as they would
between two publishes. Each page is requested through Django's WSGI handler, as gunicorn
does, after two warm-up requests, in --rounds rounds of --runs requests, of which the quietest
counts (interference only adds CPU time); "article (seed)" and "person (its parts kept)"
ask one page whose kept parts (news.fragments) are current, as between two publishes;
"article (rotating)" asks a different seeded article each time (first visits); "person
(first render)" stamps the directory as changed before each request (an edit in the admin
does; the stamp's own cache write is counted, ~0.1 ms), so its parts are rendered anew;
"… older" follows the page's rel="next" link; "stored PDF" is the
seed article's PDF (rendered here first when missing) beside the collected static file
closest to its size, and their CPU ratio against the goal of 0.7.

Printed per page: app CPU ms per request (time.process_time of this process: the view,
templates, ORM, and SQLite itself), for PostgreSQL also the database's CPU ms (utime + stime
of the connection's backend process from /proc/<pid>/stat, read before and after), their
sum against the goal of 6 ms, and the SQL queries per request.
"""

import argparse
import io
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 6.0
TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def configure(database_url, cache_dir):
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_CACHE_DIR"] = cache_dir
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ["NEWS_PAGE_CACHE_SECONDS"] = "0"
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("DJANGO_DEBUG", None)
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-not-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kldigital.settings")
    os.environ.setdefault("DJANGO_MEDIA_ROOT", f"{cache_dir}/media")


def backend_cpu_ms(connection):
    """Return the CPU time the PostgreSQL backend of `connection` has used so far, or 0."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0  # a server on another machine: its CPU is not visible from here
    return (int(fields[11]) + int(fields[12])) * TICK_MS


class Queries:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def request(handler, url):
    """Return (status, body) of a GET of `url` through the WSGI handler."""
    path, _, query = url.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    status = []
    result = handler(environ, lambda s, headers, exc=None: status.append(s))
    body = b"".join(result)
    if hasattr(result, "close"):
        result.close()  # as gunicorn does: a FileResponse closes its file
    return int(status[0].split()[0]), body


def stored_pdf(handler, slug):
    """Return the seed article's PDF address, rendering the PDF here first if need be."""
    from news.models import Article
    from news.printing.services import article_pdf_render

    url = f"/meldung/{slug}/pdf/"
    if request(handler, url)[0] != 200:  # pending (or its file was in an older media folder)
        article_pdf_render(Article.objects.get(slug=slug).pk)
    return url if request(handler, url)[0] == 200 else None


def static_near(size):
    """Return the address of the collected static file closest to `size` bytes (WhiteNoise)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from pages import nearest_static, static_files

    return nearest_static(size, static_files())[1]


def next_link(handler, url):
    """Return the address the page at `url` links with rel="next" (the older articles)."""
    _, body = request(handler, url)
    match = re.search(rb'<a rel="next" href="([^"]+)"|<a href="([^"]+)" rel="next"', body)
    if not match:
        return None
    href = (match.group(1) or match.group(2)).decode().replace("&amp;", "&")
    return href if href.startswith("/") else url.split("?")[0] + href


def targets(handler, rotating):
    """Return {page type: [urls]} from what the database holds."""
    from django.db.models import Count
    from django.utils import timezone

    from news.models import Article, Section, Tag
    from people.models import Person

    published = Article.objects.published()
    seeded = list(
        published.filter(slug__regex=r"-[0-9]+$").values_list("slug", flat=True)[:rotating]
    )
    section = Section.objects.annotate(n=Count("articles")).order_by("-n").first()
    tag = Tag.objects.annotate(n=Count("tagged_articles")).order_by("-n").first()
    person = Person.objects.annotate(n=Count("articles")).order_by("-n").first()
    year, month = timezone.localdate().year - 2, 6
    if not published.filter(published_at__year=year, published_at__month=month).exists():
        newest = timezone.localtime(published.latest("published_at").published_at)
        year, month = newest.year, newest.month  # a small seed does not reach back so far
    pages = {
        "article (seed)": ["/meldung/kl-digital-bekommt-neue-geschaeftsleitung/"],
        "article (rotating)": [f"/meldung/{slug}/" for slug in seeded],
        "home": ["/"],
        "section": [section.get_absolute_url()],
        "tag": [tag.get_absolute_url()],
        "archive year": [f"/archiv/{year}/"],
        "archive month": [f"/archiv/{year}/{month}/"],
        "person (its parts kept)": [person.get_absolute_url()],
        "person (first render)": [person.get_absolute_url()],
        # Django's floor here: the same middleware and a template with nothing to read.
        "robots.txt (floor)": ["/robots.txt"],
    }
    for name in ("home", "section", "tag", "person (its parts kept)"):
        older = next_link(handler, pages[name][0])
        if older:
            pages[f"{name.split(' (')[0]} older"] = [older]
    pdf = stored_pdf(handler, "kl-digital-bekommt-neue-geschaeftsleitung")
    if pdf:  # the stored PDF beside a static file of its size from the same handler
        pages["stored PDF"] = [pdf]
        pages["static file (PDF's size)"] = [static_near(len(request(handler, pdf)[1]))]
    return pages


def directory_changed():
    """Stamp the directory as changed, as an edit does: a person page's kept parts go stale."""
    from news.caching import PEOPLE, invalidate

    invalidate(PEOPLE)


# Pages measured as an edit leaves them: what runs before each request.
BEFORE_EACH = {"person (first render)": directory_changed}


def measure(handler, connection, urls, runs, rounds, before_each=None):
    """Return (app ms, database ms, queries) per request in the quietest of `rounds` rounds of
    `runs` requests each, `before_each()` (if given) run before every request.

    Interference on a shared machine (steal, page cache reclaimed under the database) only
    ever adds CPU time, so the least is the best estimate of the page's own cost; rotating
    pages go on to new addresses in each round.
    """
    for url in urls[:2]:
        status, _ = request(handler, url)
        if status != 200:
            raise SystemExit(f"{url} answered {status}")
    best = None
    for round_ in range(rounds):
        queries = Queries()
        db_before = backend_cpu_ms(connection)
        app_before = time.process_time()
        with connection.execute_wrapper(queries):
            for i in range(round_ * runs, (round_ + 1) * runs):
                if before_each:
                    before_each()
                request(handler, urls[i % len(urls)])
        app = (time.process_time() - app_before) * 1000 / runs
        db = (backend_cpu_ms(connection) - db_before) / runs
        if best is None or app + db < best[0] + best[1]:
            best = (app, db, queries.count / runs)
    return best


def profile(handler, urls, runs, top):
    """Print where the CPU of `runs` requests goes: the `top` functions by own and total time."""
    import cProfile
    import pstats

    for url in urls[:2]:
        request(handler, url)
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for i in range(runs):
        request(handler, urls[i % len(urls)])
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    stats.print_stats(r"/(news|kldigital|people)/", top)  # the project's own, cumulative


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL"), required=False)
    parser.add_argument("--seed", type=int, default=0, help="seed articles 1 to N first")
    parser.add_argument("--runs", type=int, default=200, help="requests per page and round")
    parser.add_argument("--rounds", type=int, default=3, help="the quietest round counts")
    parser.add_argument("--rotating", type=int, default=2000)
    parser.add_argument("--only", help="page types containing this text")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="print the N costliest functions"
    )
    args = parser.parse_args()
    if not args.database:
        parser.error("--database or DATABASE_URL is needed")
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as cache_dir:
        configure(args.database, cache_dir)
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.core.wsgi import get_wsgi_application
        from django.db import connection

        # One PostgreSQL backend for the whole run, so that its CPU counter covers every
        # request (settings keep it 60 s; SQLite's too).
        connection.settings_dict["CONN_MAX_AGE"] = None
        call_command("migrate", verbosity=0)
        if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
            call_command("collectstatic", interactive=False, verbosity=0)
        if args.seed:
            call_command("loaddemo")
            call_command("seedarticles", count=args.seed)
        handler = get_wsgi_application()
        from news.models import Article

        print(
            f"{Article.objects.count()} articles, {connection.vendor}, "
            f"quietest of {args.rounds} rounds of {args.runs} requests per page, page cache off;"
            " CPU ms per request"
        )
        print(f"{'page':<24} {'app':>7} {'db':>7} {'total':>7} {'queries':>8}  goal ≤ {GOAL_MS}")
        totals = {}
        for name, urls in targets(handler, args.rotating).items():
            if args.only and not (args.only in name or "PDF" in args.only and "static" in name):
                continue
            if args.profile:
                profile(handler, urls, args.runs, args.profile)
                continue
            before_each = BEFORE_EACH.get(name)
            app, db, queries = measure(
                handler, connection, urls, args.runs, args.rounds, before_each
            )
            totals[name] = app + db
            verdict = "PASS" if app + db <= GOAL_MS else "FAIL"
            print(f"{name:<24} {app:7.2f} {db:7.2f} {app + db:7.2f} {queries:8.1f}  {verdict}")
        if {"stored PDF", "static file (PDF's size)"} <= totals.keys():
            ratio = totals["static file (PDF's size)"] / totals["stored PDF"]
            verdict = "PASS" if ratio >= 0.7 else "FAIL"
            print(f"stored PDF: static file's CPU / PDF's CPU = {ratio:.2f}  goal ≥ 0.7  {verdict}")


if __name__ == "__main__":
    main()
