#!/usr/bin/env python
"""Load-test the portal under gunicorn and nginx: what each page type costs, cached and not.

    .venv/bin/python bench/load.py [--articles 100000] [--duration 5] [--rounds 2]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/7 \\
        .venv/bin/python bench/load.py

Needs wrk (Debian: apt-get install wrk), nginx (`make assets` installs nginx-light) and the
installed project. SQLite by default (a throw-away file, the embedded cache); with a
PostgreSQL URL a scratch database "<name>_load_bench" on that server, dropped at the end;
with REDIS_URL the cache is Redis and the portal's keys there are deleted before and after.

Steps: migrate, loaddemo, seedarticles, ANALYZE, collectstatic if stale; the task worker
renders the pending PDFs (its memory is sampled); then two gunicorn instances with the
project's gunicorn.conf.py: one with the page cache off (NEWS_PAGE_CACHE_SECONDS=0: every
request renders) and one with it on, and nginx (deploy/nginx) in front of the latter. In each
round wrk measures, one after the other: every page type uncached (rotating over up to 2,000
addresses) and cached (one address, in the page cache), each beside a static file of similar
size from the same gunicorn (WhiteNoise); the stored PDF from the instance without page cache;
the anonymous article through nginx beside the same bytes as a static file from nginx. CPU
per request is read from /proc: the gunicorn workers' utime+stime, and the PostgreSQL
backends' of the scratch database (on SQLite the database works inside the app). At the end:
the workers' resident memory and whether a PDF library is mapped in any. Exit status 1 if a
goal is missed. Everything runs on loopback and is stopped at the end, also on errors.
"""

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pages
import report
from procs import CpuMeter, children, maps_mention, status_kib
from scratch import drop_postgres, scratch_postgres
from servers import (
    ROOT,
    clear_redis,
    fetch,
    fetch_body,
    gunicorn,
    log,
    manage,
    render_pdfs,
    static_files_stale,
)
from wrk import run_wrk

sys.path.insert(0, str(ROOT / "deploy" / "nginx"))
import loopback  # noqa: E402

ANALYZE = "from django.db import connection\nconnection.cursor().execute('ANALYZE')"
REQUEST_PDFS = (
    "from news.models import Article\n"
    "from news.printing.services import article_pdf_request_render\n"
    f"article_pdf_request_render(Article.objects.get(slug='{pages.SEED_SLUG}'))\n"
)


def prepare(args, env, label):
    log(f"Preparing the scratch database ({label})")
    steps = [
        ("migrate", ["migrate", "--noinput"], 300),
        ("loaddemo", ["loaddemo"], 300),
        (
            f"seedarticles --count {args.articles}",
            ["seedarticles", "--count", str(args.articles)],
            3600,
        ),
        ("ANALYZE", ["shell", "-c", ANALYZE], 600),  # planner statistics, as in service
        ("request the seed article's PDF", ["shell", "-c", REQUEST_PDFS], 120),
    ]
    if static_files_stale():
        steps.append(("collectstatic", ["collectstatic", "--noinput", "--verbosity", "0"], 300))
    for name, command, timeout in steps:
        start = time.perf_counter()
        manage(env, *command, timeout=timeout)
        log(f"  {name:<40} {time.perf_counter() - start:7.1f} s")


def plan_measurements(found, uncached, cached, proxy, media_root):
    """Return {key: (base, paths, meter or None)} and the static file paired with each page."""
    plan, statics, sizes = {}, {}, {}
    files = pages.static_files()
    for kind in pages.PAGE_TYPES:
        if kind not in found:
            log(f"  {kind:<9} not found (skipped)")
            continue
        paths = found[kind]
        for variant, (base, meter), measured in (
            ("uncached", uncached, paths[: pages.ROTATE]),
            ("cached", cached, paths[:1]),
        ):
            for _ in range(3 if variant == "cached" else 1):  # fills the page cache
                status, headers, size, _ = fetch(base + measured[0])
            in_cache = "public" in headers.get("Cache-Control", "")
            if status != 200 or in_cache != (variant == "cached"):
                log(f"  WARNING: {kind} {variant} {measured[0]}: {status}, page cache: {in_cache}")
            plan[(kind, variant)] = (base, measured, meter)
            sizes[(kind, variant)] = size
            statics[(kind, variant)] = pages.nearest_static(size, files)[1]
        log(f"  {kind:<9} {len(paths):5d} addresses, first {paths[0]} ({size / 1024:.1f} KiB)")
    pdf = f"/meldung/{pages.SEED_SLUG}/pdf/"
    status, headers, size, _ = fetch(uncached[0] + pdf)
    if status != 200 or headers.get("Content-Type") != "application/pdf":
        raise RuntimeError(f"the stored PDF answered {status} {headers.get('Content-Type')}")
    plan[("stored PDF", "storage")] = (uncached[0], [pdf], uncached[1])
    sizes[("stored PDF", "storage")] = size
    statics[("stored PDF", "storage")] = pages.nearest_static(size, files)[1]
    for key, static in list(statics.items()):
        base, meter = uncached if key[1] in ("uncached", "storage") else cached
        statics[key] = f"{key[1] == 'cached' and 'c' or 'u'}:{static}"
        plan[("static", statics[key])] = (base, [static], meter)
    # nginx: the article as readers get it, and the very same bytes as a file nginx serves.
    article = found["article"][0]
    for _ in range(3):
        status, headers, _size, _ = fetch(proxy + article)
    copy = pages.write_copy(Path(media_root), "article.html", fetch_body(proxy + article))
    log(f"  nginx     {article}: {status}, X-Cache-Status {headers.get('X-Cache-Status')}")
    plan[("nginx", "article")] = (proxy, [article], cached[1])
    plan[("nginx", "static copy")] = (proxy, [copy], None)
    return plan, statics, sizes


def measure(args, plan):
    runs = {key: [] for key in plan}
    for number in range(args.rounds):
        log(f"Round {number + 1} of {args.rounds}: {len(plan)} × {args.duration} s")
        for key, (base, paths, meter) in plan.items():
            before = meter.snapshot() if meter else None
            result = run_wrk(base, args.duration, args.connections, args.threads, paths)
            used = meter.used(before, meter.snapshot()) if meter else (0.0, 0.0)
            result["app"], result["db"] = used
            runs[key].append(result)
    return {key: report.fold(rounds) for key, rounds in runs.items()}


def worker_memory(instances):
    rows = []
    for label, master in instances:
        for pid in children(master):
            rss, hwm = status_kib(pid, "VmRSS"), status_kib(pid, "VmHWM")
            rows.append((label, pid, rss, hwm, maps_mention(pid, "libpango")))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="seeded articles")
    parser.add_argument("--duration", type=int, default=5, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=2, help="all measurements in turn, N times")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument(
        "--max-requests", type=int, default=None, help="gunicorn max_requests (0: never)"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/load.py needs wrk: apt-get install wrk")
    if not Path(loopback.NGINX).exists():
        sys.exit("bench/load.py needs nginx: apt-get install nginx-light (never started on :80)")

    database_url, redis_url = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    scratch, passed = None, False
    with tempfile.TemporaryDirectory(prefix="kldigital-load-bench-") as workdir:
        try:
            if database_url.startswith(("postgres://", "postgresql://")):
                database_url, *scratch = scratch_postgres(database_url, "_load_bench")
                database = f"PostgreSQL ({scratch[1]})"
            elif database_url:
                sys.exit("bench/load.py runs on SQLite (no DATABASE_URL) or PostgreSQL only.")
            else:
                database_url = f"sqlite:///{workdir}/bench.sqlite3"
                database = "SQLite"
            if redis_url:
                clear_redis(redis_url)
            env = {
                key: value
                for key, value in os.environ.items()
                if not key.startswith(("DJANGO_", "GUNICORN_", "NEWS_"))
            } | {
                "DATABASE_URL": database_url,
                "REDIS_URL": redis_url,
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "DJANGO_SECURE_SSL_REDIRECT": "0",
                "DJANGO_MEDIA_ROOT": f"{workdir}/media",
                "DJANGO_CACHE_DIR": f"{workdir}/cache",
                "DJANGO_SETTINGS_MODULE": "kldigital.settings",
                "DJANGO_LOG_LEVEL": "WARNING",
                "SITE_URL": "http://127.0.0.1",
            }
            prepare(args, env, database)
            task_peak = render_pdfs(env, workdir)
            found = pages.discover(env)
            db_name = scratch[1] if scratch else None
            off = env | {"NEWS_PAGE_CACHE_SECONDS": "0"}
            with (
                gunicorn(args, off, workdir, "uncached") as (uncached_base, uncached_pid),
                gunicorn(args, env, workdir, "cached") as (cached_base, cached_pid),
                loopback.running_nginx(
                    Path(workdir) / "nginx",
                    upstream=cached_base.removeprefix("http://"),
                    static_root=ROOT / "staticfiles",
                    media_root=Path(workdir) / "media",
                    access_log=False,
                ) as proxy,
            ):
                log(f"Pages (gunicorn {args.workers} workers per instance, nginx {proxy})")
                uncached = (uncached_base, CpuMeter(uncached_pid, db_name))
                cached = (cached_base, CpuMeter(cached_pid, db_name))
                plan, statics, sizes = plan_measurements(
                    found, uncached, cached, proxy, Path(workdir) / "media"
                )
                results = measure(args, plan)
                workers = worker_memory([("uncached", uncached_pid), ("cached", cached_pid)])
            served = min(
                sum(r["requests"] for key, r in results.items() if plan[key][0] == base)
                for base in (uncached_base, cached_base)
            ) // max(args.workers, 1)
            log("")
            log(
                f"Results: {database}, {'Redis' if redis_url else 'embedded'} cache,"
                f" {args.articles:,} seeded articles, wrk {args.rounds} × {args.duration} s ×"
                f" {args.connections} connections, {os.cpu_count()} CPUs. CPU ms per request;"
                " ratio: the page's rate / the static file's; CPU×: the file's CPU / the page's."
            )
            passed = report.page_table(results, statics, sizes, sqlite=not scratch)
            passed &= report.nginx_lines(results)
            passed &= report.memory_lines(workers, served, task_peak)
            log(f"Overall: {report.verdict(passed)}")
        finally:
            if scratch:
                drop_postgres(*scratch)
            if redis_url:
                clear_redis(redis_url)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
