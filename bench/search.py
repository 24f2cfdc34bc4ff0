#!/usr/bin/env python
"""Time the search: seed many articles into a scratch database and measure query latency.

    .venv/bin/python bench/search.py [--articles 100000] [--runs 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/search.py

Without DATABASE_URL the script uses a throw-away SQLite file; with a PostgreSQL URL it
creates a scratch database named after the URL's one plus "_search_bench" on that server
and drops it at the end, so the URL's own database is never touched. It opens no other
network connection.

German-looking articles are generated from a fixed vocabulary with a fixed seed: nouns in
several inflected forms, compound words, a Zipf-like word frequency (a few words are in
most articles, most words in few), tags and named people. 90 % are published, 5 % drafts,
5 % scheduled. They are written with bulk_create and then indexed with rebuild_index().

It prints the seeding and indexing times, then the latency of queries of four kinds
(rare, medium and common words, and several words at once, in ASCII and umlaut spellings):
`search` is what the view asks of the database (count, first page of hits with highlights,
matching people), `page` is the whole search page through the test client. Median and
95th percentile over all queries and runs.
"""

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from corpus import queries, seed, vocabulary
from scratch import drop_postgres, scratch_postgres

ROOT = Path(__file__).resolve().parent.parent
SEED = 20260514


def configure(workdir, database_url):
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["DJANGO_MEDIA_ROOT"] = f"{workdir}/media"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ["NEWS_PAGE_CACHE_SECONDS"] = "0"  # time the search, not the page cache
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-not-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kldigital.settings")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


GOAL_P50, GOAL_P95 = 10.0, 50.0  # milliseconds, issue 18


def database_cpu():
    """Return the CPU seconds the PostgreSQL backend of this connection has used, or 0.

    Read from /proc (the server is local); SQLite's CPU is in this process's own."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    pid = connection.connection.info.backend_pid
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(samples, action):
    """Run `action`, appending its wall-clock and CPU seconds (this process) to `samples`."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    samples["wall"].append(time.perf_counter() - wall)
    samples["cpu"].append(time.process_time() - cpu)
    return result


def measure(kinds, runs):
    """Return {class: {part: {"wall": [s], "cpu": [s], "db": s}}} and the hits of each query.

    "cpu" is this process's CPU time: on SQLite it includes the database's work, on
    PostgreSQL the server's CPU is summed per class in "db" (its clock ticks are too coarse
    for single queries). On a shared machine CPU time varies less than wall-clock time."""
    from django.test import Client

    from news import search

    def search_only(query):
        results = search.search_articles(query)
        count = results.count()
        list(results[:10])
        list(search.search_people(query)[:5])
        return count

    client = Client()
    # As a warmed worker (kldigital/warmup.py): a process's first search costs 20 ms more,
    # its first page 400 ms more (connections, templates, catalogues), which readers don't pay.
    search_only("Rathaus")
    client.get("/suche/", {"q": "Rathaus"})
    gc.freeze()  # as gunicorn.conf.py does after the warm-up: collections skip what is loaded
    timings, hits = {}, {}
    for kind, phrases in kinds.items():
        timings[kind] = {part: {"wall": [], "cpu": [], "db": 0.0} for part in ("search", "page")}
        for query in phrases:
            for _ in range(runs):
                for part, action in (
                    ("search", lambda q=query: search_only(q)),
                    ("page", lambda q=query: client.get("/suche/", {"q": q})),
                ):
                    before = database_cpu()
                    result = timed(timings[kind][part], action)
                    timings[kind][part]["db"] += database_cpu() - before
                    if part == "search":
                        hits[query] = result
                    else:
                        assert result.status_code == 200, result.status_code
    return timings, hits


def report(timings):
    """Print wall-clock p50/p95 per class against the goals, then CPU time per class."""
    print(f"  {'class':<18}{'search p50':>11}{'p95':>8}{'page p50':>11}{'p95':>8}   goal")
    for kind, parts in timings.items():
        row, ok = f"  {kind:<18}", True
        for part in ("search", "page"):
            ms = [s * 1000 for s in parts[part]["wall"]]
            p50, p95 = statistics.median(ms), percentile(ms, 0.95)
            ok = ok and p50 <= GOAL_P50 and p95 <= GOAL_P95
            row += f"{p50:11.1f}{p95:8.1f}"
        print(row + ("   PASS" if ok else "   FAIL"))
    print("CPU time in ms by class (this process: p50/p95; database server: mean per query):")
    print(
        f"  {'class':<18}{'search p50':>11}{'p95':>8}{'db':>6}{'page p50':>11}{'p95':>8}{'db':>6}"
    )
    for kind, parts in timings.items():
        row = f"  {kind:<18}"
        for part in ("search", "page"):
            ms = [s * 1000 for s in parts[part]["cpu"]]
            db = parts[part]["db"] * 1000 / len(ms)
            row += f"{statistics.median(ms):11.1f}{percentile(ms, 0.95):8.1f}{db:6.1f}"
        print(row)


def explain(query):
    """Print the plan of the SQL that searching `query` runs (PostgreSQL: ANALYZE, BUFFERS)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from news import search

    with CaptureQueriesContext(connection) as captured:
        results = search.search_articles(query)
        results.count()
        results.ids(0, 10)
    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS)" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
    )
    with connection.cursor() as cursor:
        for sql in (q["sql"] for q in captured.captured_queries):
            print(f"  {sql}")
            cursor.execute(f"{prefix} {sql}")
            for row in cursor.fetchall():
                print("    " + " ".join(str(part) for part in row))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="how many articles to seed")
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each query")
    parser.add_argument(
        "--keep",
        metavar="PATH",
        help="keep the seeded database for the next run: a SQLite file, or on PostgreSQL any "
        "value (the scratch database is then kept); an existing one is reused, not seeded again",
    )
    parser.add_argument("--explain", metavar="QUERY", default="Stadt", help="query to EXPLAIN")
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", "")
    scratch = None
    if database_url.startswith(("postgres://", "postgresql://")):
        database_url, *scratch = scratch_postgres(database_url, "_search_bench", keep=args.keep)
    elif database_url:
        sys.exit("bench/search.py runs on SQLite (no DATABASE_URL) or PostgreSQL only.")
    elif args.keep:
        database_url = f"sqlite:///{Path(args.keep).resolve()}"

    try:
        with tempfile.TemporaryDirectory(prefix="kldigital-search-bench-") as workdir:
            configure(workdir, database_url)
            import django

            django.setup()
            from django.core.management import call_command
            from django.db import connection

            from news import search
            from news.models import Article

            call_command("migrate", verbosity=0)
            rng = random.Random(SEED)
            words = vocabulary(rng)
            kinds = queries(words)
            print(
                f"Database: {connection.vendor} {connection.Database.__name__}, "
                f"{args.articles:,} articles".replace(",", ".")
            )
            if Article.objects.count() != args.articles:
                Article.objects.all().delete()
                start = time.perf_counter()
                seed(args.articles, rng, words)
                print(f"  seeding (bulk_create)        {time.perf_counter() - start:8.1f} s")
                start = time.perf_counter()
                indexed, people = search.rebuild_index()
                seconds = time.perf_counter() - start
                print(f"  indexing ({indexed} articles, {people} people) {seconds:8.1f} s")
                with connection.cursor() as cursor:
                    cursor.execute(
                        "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
                    )
            else:
                print("  reusing the seeded database")

            timings, hits = measure(kinds, args.runs)
            print(f"Queries ({args.runs} runs each), hits among published articles:")
            for kind, phrases in kinds.items():
                print(f"  {kind}: " + ", ".join(f"{q!r} {hits[q]}" for q in phrases))
            print(
                f"Latency in ms by class (search: count, page 1, people; page: whole /suche/ "
                f"response); goal p50 <= {GOAL_P50:.0f}, p95 <= {GOAL_P95:.0f}:"
            )
            report(timings)
            load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
            print(f"  load average of the machine (1, 5, 15 min): {load} on {os.cpu_count()} cores")
            print(f"Plan of the search for {args.explain!r}:")
            explain(args.explain)
            connection.close()
    finally:
        if scratch and not args.keep:
            drop_postgres(*scratch)


if __name__ == "__main__":
    main()
