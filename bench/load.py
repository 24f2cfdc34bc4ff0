#!/usr/bin/env python
"""Load-test the portal under gunicorn: requests per second relative to a trivial response.

    .venv/bin/python bench/load.py [--articles 100000] [--duration 5] [--rounds 3] [--connections 4]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/3 \\
        .venv/bin/python bench/load.py

Needs `wrk` (Debian: apt-get install wrk) and the installed project (`make install assets`).

Without DATABASE_URL the portal runs on a throw-away SQLite file with its database cache;
with a PostgreSQL URL the script creates a scratch database named after the URL's one plus
"_load_bench" on that server and drops it at the end, so the URL's own database is never
touched. With REDIS_URL the cache is Redis: the portal's keys ("kldigital:*") in that Redis
database are deleted before and after the run, so give the benchmark a database number of
its own. Media go to a temporary folder.

Steps: migrate, `loaddemo`, `seedarticles`, collectstatic if the manifest is missing or
older than a file in static/; then `gunicorn kldigital.wsgi` (the project's gunicorn.conf.py,
2 workers) on 127.0.0.1 and a free port. Each page is fetched a few times (which fills the
page cache and the PDF cache), then measured with wrk for the same duration and number of
connections: robots.txt (the trivial response), the home page, the seed article and its
cached PDF, one after the other, in several rounds so that a change in the machine's load
(other processes) does not favour one page. Per page: the mean rate over the rounds, the
median of the medians and the worst 99th percentile. Afterwards: the cold render time of
article pages (the first request of pages not in the cache, each a different seeded
article) and the peak memory of the workers (VmHWM in /proc/<pid>/status, sampled twice a
second, so workers that gunicorn recycled during the run count too). gunicorn is stopped
at the end, also after an error or Ctrl-C. Traffic goes to loopback only. The exit status
is 1 if a goal is missed.
"""

import argparse
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from scratch import drop_postgres, scratch_postgres
from servers import (
    MemorySampler,
    clear_redis,
    fetch,
    free_port,
    log,
    manage,
    start_gunicorn,
    static_files_stale,
    stop_gunicorn,
    wait_until_up,
)
from wrk import run_wrk

SEED_SLUG = "kl-digital-bekommt-neue-geschaeftsleitung"
# (label, path, goal as a share of the trivial rate; None for the trivial response itself)
PAGES = [
    ("robots.txt", "/robots.txt", None),
    ("home", "/", 0.7),
    ("article", f"/meldung/{SEED_SLUG}/", 0.7),
    ("cached PDF", f"/meldung/{SEED_SLUG}/pdf/", 0.5),
]
ANALYZE = "from django.db import connection\nconnection.cursor().execute('ANALYZE')"


def cold_slugs(env, count):
    """Return slugs of published articles spread over the archive, never requested before."""
    code = (
        "from news.models import Article\n"
        "slugs = list(Article.objects.published().filter(slug__regex=r'-[0-9]+$')"
        ".order_by('pk').values_list('slug', flat=True))\n"
        f"step = max(1, len(slugs) // {count + 1})\n"
        f"print('\\n'.join('slug ' + s for s in slugs[step::step][:{count}]))\n"
    )
    output = manage(env, "shell", "-c", code, timeout=120)
    return [line.split()[1] for line in output.splitlines() if line.startswith("slug ")]


def measure(args, env, base, process):
    for label, path, _ in PAGES:
        for _ in range(3):  # the first fills the page cache (and renders the PDF once)
            status, headers, size, _seconds = fetch(base + path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        cached = "public" in headers.get("Cache-Control", "")
        log(
            f"  {label:<11} {path:<55} {size / 1024:7.1f} KiB  "
            f"{'page cache' if cached else 'NOT in the page cache'}"
        )

    runs = {label: [] for label, _, _ in PAGES}
    for number in range(args.rounds):
        log(f"Measuring round {number + 1} of {args.rounds}: {len(PAGES)} × {args.duration} s")
        for label, path, _ in PAGES:
            runs[label].append(run_wrk(base + path, args.duration, args.connections, args.threads))
    results = {
        label: {
            "rate": statistics.mean(r["rate"] for r in rounds),
            "requests": sum(r["requests"] for r in rounds),
            "p50": statistics.median(r["p50"] for r in rounds),
            "p99": max(r["p99"] for r in rounds),
            "bad": sum(r["bad"] for r in rounds),
            "errors": sum(r["errors"] for r in rounds),
        }
        for label, rounds in runs.items()
    }

    slugs = cold_slugs(env, args.cold_runs)
    cold = []
    for slug in slugs:
        status, _headers, _size, seconds = fetch(f"{base}/meldung/{slug}/")
        if status != 200:
            raise RuntimeError(f"/meldung/{slug}/ answered {status}")
        cold.append(seconds * 1000)
    return results, cold


def report(args, results, cold, memory, boots, database, cache):
    log("")
    articles = f"{args.articles:,}".replace(",", ".")
    log(
        f"Results: {database}, {cache}, {articles} seeded articles, gunicorn "
        f"{args.workers} workers, wrk {args.rounds} × {args.duration} s × {args.connections} "
        f"connections ({args.threads} thread) per page, {os.cpu_count()} CPUs"
    )
    log(
        f"  {'page':<11} {'req/s':>9} {'p50':>9} {'p99':>9} {'non-2xx':>8} {'errors':>7}"
        f" {'ratio':>6}  goal"
    )
    trivial = results[PAGES[0][0]]["rate"]
    passed = True
    for label, _path, goal in PAGES:
        r = results[label]
        ratio = r["rate"] / trivial
        clean = r["bad"] == 0 and r["errors"] == 0 and r["requests"] > 0
        if goal is None:
            verdict = "(trivial)" + ("" if clean else "  FAIL: errors")
            ok = clean
        else:
            ok = clean and ratio >= goal
            verdict = f"≥ {goal:.2f}  {'PASS' if ok else 'FAIL'}"
        passed &= ok
        log(
            f"  {label:<11} {r['rate']:9.1f} {r['p50']:7.2f}ms {r['p99']:7.2f}ms {r['bad']:8d}"
            f" {r['errors']:7d} {ratio:6.2f}  {verdict}"
        )
    log(
        f"  cold article render (page not cached, {len(cold)} different articles): median "
        f"{statistics.median(cold):.0f} ms (min {min(cold):.0f}, max {max(cold):.0f})"
    )
    peaks = sorted(memory.values(), reverse=True)
    recycled = boots - args.workers
    log(
        f"  peak worker memory (VmHWM): largest {peaks[0] / 1024:.0f} MiB, median "
        f"{statistics.median(peaks) / 1024:.0f} MiB over {len(peaks)} worker processes"
        + (f" ({recycled} recycled after max_requests)" if recycled > 0 else "")
    )
    log(f"Overall: {'PASS' if passed else 'FAIL'}")
    return passed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="seeded articles")
    parser.add_argument("--duration", type=int, default=5, help="seconds per page and round")
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="measure all pages this many times, interleaved (evens out noise)",
    )
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--cold-runs", type=int, default=7, help="articles for the cold render")
    parser.add_argument(
        "--max-requests",
        type=int,
        default=None,
        help="recycle workers after this many requests (0: never); default: as in gunicorn.conf.py",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/load.py needs wrk: apt-get install wrk")

    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    scratch = None
    process = None
    passed = False
    with tempfile.TemporaryDirectory(prefix="kldigital-load-bench-") as workdir:
        try:
            if database_url.startswith(("postgres://", "postgresql://")):
                database_url, *scratch = scratch_postgres(database_url, "_load_bench")
                database = "PostgreSQL"
            elif database_url:
                sys.exit("bench/load.py runs on SQLite (no DATABASE_URL) or PostgreSQL only.")
            else:
                database_url = f"sqlite:///{workdir}/bench.sqlite3"
                database = "SQLite"
            if redis_url:
                clear_redis(redis_url)
            cache = "Redis cache" if redis_url else "database cache"
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            env = {
                key: value
                for key, value in os.environ.items()
                if not key.startswith(("DJANGO_", "GUNICORN_", "NEWS_"))
            }
            env.update(
                DATABASE_URL=database_url,
                REDIS_URL=redis_url,
                DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
                DJANGO_ALLOWED_HOSTS="127.0.0.1",
                DJANGO_SECURE_SSL_REDIRECT="0",
                DJANGO_MEDIA_ROOT=f"{workdir}/media",
                SITE_URL=base,
                DJANGO_SETTINGS_MODULE="kldigital.settings",
                DJANGO_LOG_LEVEL="WARNING",
            )

            log(f"Preparing a scratch {database} database ({scratch[1] if scratch else workdir})")
            for label, command, timeout in (
                ("migrate", ["migrate", "--noinput"], 300),
                ("loaddemo", ["loaddemo"], 120),
                (
                    f"seedarticles --count {args.articles}",
                    ["seedarticles", "--count", str(args.articles)],
                    1800,
                ),
                # Planner statistics, as a database in service has them.
                ("ANALYZE", ["shell", "-c", ANALYZE], 300),
            ):
                start = time.perf_counter()
                manage(env, *command, timeout=timeout)
                log(f"  {label:<30} {time.perf_counter() - start:6.1f} s")
            if static_files_stale():
                start = time.perf_counter()
                manage(env, "collectstatic", "--noinput", "--verbosity", "0", timeout=300)
                log(f"  {'collectstatic':<30} {time.perf_counter() - start:6.1f} s")

            with open(Path(workdir) / "gunicorn.log", "w") as logfile:
                log(f"Starting gunicorn on {base} with {args.workers} workers")
                process = start_gunicorn(env, port, args, logfile)
                wait_until_up(base, process, time.monotonic() + 60)
                sampler = MemorySampler(process.pid)
                sampler.start()
                try:
                    results, cold = measure(args, env, base, process)
                finally:
                    memory = sampler.stop()
            boots = (
                (Path(workdir) / "gunicorn.log").read_text(errors="replace").count("Booting worker")
            )
            passed = report(args, results, cold, memory, boots, database, cache)
        except BaseException:
            logpath = Path(workdir) / "gunicorn.log"
            if logpath.exists():
                log("--- last lines of the gunicorn log ---")
                log("\n".join(logpath.read_text(errors="replace").splitlines()[-30:]))
            raise
        finally:
            if process is not None:
                stop_gunicorn(process)
            if scratch:
                drop_postgres(*scratch)
            if redis_url:
                clear_redis(redis_url)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
