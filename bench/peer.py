#!/usr/bin/env python
"""CPU per request of the peer's blog post (Wagtail's demo site) beside our uncached pages.

    git --git-dir=<mirror of wagtail/bakerydemo> worktree add --detach /tmp/bakerydemo HEAD
    .venv/bin/python bench/peer.py --peer /tmp/bakerydemo [--database sqlite:////tmp/pages.sqlite3]
        [--peer-database postgres://postgres@127.0.0.1:5432/peer_bench] [--rounds 3] [--duration 5]

Issue 18 wants uncached article pages ten times cheaper in CPU (app + database) than the peer's
blog post; machines differ in speed, so both are measured here side by side, in one run.

Peer: bakerydemo's production settings (DEBUG off, WhiteNoise, locmem cache) under gunicorn,
set up when missing by bench/peer_site.py; with --peer-database on a scratch PostgreSQL
database dropped at the end. Ours: gunicorn.conf.py, page cache off, diskcache in a temporary
folder, on --database as it is (seeded by bench/page_cpu.py --seed; only page views touch it).

Measured: the peer's live blog posts in turn; our seed article (its kept parts come from the
cache), seeded articles on their first visit (--rotate new ones per round), home; on each side a
static file of its page's size (the plumbing both pay). Both with 2 sync workers and an access
log, a warm-up per page, wrk with one thread (one Lua state: the rotation asks no article twice),
rounds in alternating order (a steady drift of the shared machine hits both alike). CPU: utime +
stime of the workers and, on PostgreSQL, of the backends connected from their sockets, read from
/proc. Exit status 1 if a ratio misses the goal.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

import pages
import peer_site
import report
from peer_site import run
from procs import OwnBackends
from scratch import drop_postgres, scratch_postgres
from servers import ROOT, fetch, gunicorn, log, manage
from wrk import run_wrk

GOAL = 10.0  # the peer's blog post CPU / our page's
KEEP = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")  # the rest of our environment stays out
SECRET = {"DJANGO_SECRET_KEY": "insecure-test-key", "DJANGO_LOG_LEVEL": "WARNING"}
OURS_ENV = SECRET | {
    "DJANGO_SETTINGS_MODULE": "kldigital.settings",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "NEWS_PAGE_CACHE_SECONDS": "0",  # every request renders
}
FIRST_VISITS = "article (rotating, first visits)"

OURS = """
import json, re
from django.urls import reverse
from news.models import Article
slugs = [s for s in Article.objects.published().order_by("pk").values_list("slug", flat=True)
         if re.search(r"-[0-9]+$", s)]  # the seeded ones
detail = lambda slug: reverse("news:detail", kwargs={"slug": slug})
print("PATHS " + json.dumps({"seed": detail("%(seed)s"), "home": reverse("news:list"),
      "rotating": [detail(s) for s in slugs[:: max(1, len(slugs) // %(count)d)][: %(count)d]]}))
"""


def printed_paths(output):
    return json.loads(next(line[6:] for line in output.splitlines() if line.startswith("PATHS ")))


def plan_measurements(args, peer, ours, paths, blog):
    """{(side, page): (base, [paths per round, then warm-up], meter)} and the pages' sizes."""
    every = lambda paths: [paths] * (args.rounds + 1)  # noqa: E731
    # Round r asks every (rounds+1)-th article from r on, so that each round spans all ages.
    rotation = [paths["rotating"][r :: args.rounds + 1] for r in range(args.rounds + 1)]
    plan = {
        ("ours", "article (seed)"): (ours[0], every([paths["seed"]]), ours[1]),
        ("peer", "blog post"): (peer[0], every(blog), peer[1]),
        ("ours", FIRST_VISITS): (ours[0], rotation, ours[1]),
        ("ours", "home"): (ours[0], every([paths["home"]]), ours[1]),
    }
    sizes = {}
    for key, (base, rounds, _) in plan.items():
        # All the peer's posts (their first views make the image renditions), one of ours.
        answers = [fetch(base + path) for path in (blog if key[0] == "peer" else rounds[-1][:1])]
        for status, headers, _, _ in answers:
            if status != 200 or "public" in headers.get("Cache-Control", ""):
                raise RuntimeError(f"{key}: {status}, Cache-Control {headers.get('Cache-Control')}")
        sizes[key] = sum(size for _, _, size, _ in answers) / len(answers)
    for side, (base, meter), folder, like in (
        ("peer", peer, Path(args.peer) / "bakerydemo/collect_static", ("peer", "blog post")),
        ("ours", ours, ROOT / "staticfiles", ("ours", "article (seed)")),
    ):
        size, path = pages.nearest_static(sizes[like], pages.static_files(folder))
        key = (side, f"static {path.rsplit('/', 1)[1][-27:]}")
        plan[key], sizes[key] = (base, every([path]), meter), size
    return plan, sizes


def measure(args, plan):
    for (_, page), (base, rounds, _) in plan.items():  # warm-up, not counted
        warm = run_wrk(base, args.warmup, args.connections, 1, rounds[-1])
        if warm["bad"] or warm["errors"]:
            log(f"  WARNING: warm-up of {page}: {warm['bad']} non-2xx, {warm['errors']} errors")
    runs, order = {key: [] for key in plan}, list(plan)
    for number in range(args.rounds):
        log(f"Round {number + 1} of {args.rounds}: {len(plan)} × {args.duration} s")
        for key in order if number % 2 == 0 else order[::-1]:
            base, rounds, meter = plan[key]
            before = meter.snapshot()
            result = run_wrk(base, args.duration, args.connections, 1, rounds[number])
            result["app"], result["db"] = meter.used(before, meter.snapshot())
            if key[1] == FIRST_VISITS and result["requests"] > len(rounds[number]):
                log(f"  WARNING: {result['requests']} requests, {len(rounds[number])} articles")
            runs[key].append(result)
    return {key: report.fold(rounds) for key, rounds in runs.items()}


def table(args, results, sizes):
    """Print the pages and the ratios; return whether every ratio meets the goal."""
    code = "import importlib.metadata as m; print(m.version('wagtail'), m.version('Django'))"
    wagtail, django = run(f"{args.peer_venv}/bin/python", "-c", code).stdout.split()
    commits = [
        run("git", "-C", where, "rev-parse", "--short", "HEAD").stdout.strip() or "?"
        for where in (args.peer, ROOT)
    ]
    log(f"\nbakerydemo {commits[0]} (Wagtail {wagtail}, Django {django}), kldigital {commits[1]};")
    log(
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; wrk {args.rounds} rounds"
        f" × {args.duration} s, {args.connections} connections; ms per request (DB CPU: PostgreSQL"
        " backends; SQLite works inside the app)"
    )
    log(
        f"  {'server':<6} {'page':<34} {'req/s':>7} {'p50':>7} {'app CPU':>7} {'DB CPU':>6}"
        f" {'CPU':>7} {'KiB':>6} {'requests':>8}"
    )
    clean = {key: row["bad"] == row["errors"] == 0 for key, row in results.items()}
    cpu = {key: row["app_ms"] + row["db_ms"] for key, row in results.items()}
    for key, row in results.items():
        flag = "" if clean[key] else f"  {row['bad']} non-2xx, {row['errors']} errors"
        log(
            f"  {key[0]:<6} {key[1]:<34} {row['rate']:7.1f} {row['p50']:7.1f} {row['app_ms']:7.2f}"
            f" {row['db_ms']:6.2f} {cpu[key]:7.2f} {sizes[key] / 1024:6.1f} {row['requests']:8d}"
            + flag
        )
    peer, passed = ("peer", "blog post"), True
    log(f"Peer blog post CPU / our page CPU (goal ≥ {GOAL:g}; peer {cpu[peer]:.2f} ms):")
    for key in results:
        if key[0] == "ours" and not key[1].startswith("static"):
            ratio = cpu[peer] / max(cpu[key], 1e-9)
            ok = clean[key] and clean[peer] and ratio >= GOAL
            passed &= ok
            log(f"  {key[1]:<34} {ratio:6.2f}  {report.verdict(ok)}")
    return passed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer", required=True, help="bakerydemo checkout")
    parser.add_argument("--peer-venv", default="/tmp/peer-venv", help="made when missing")
    parser.add_argument("--peer-python", help="Python >= 3.12 for a new --peer-venv")
    parser.add_argument("--peer-database", help="postgres://…/peer_bench: made, then dropped")
    parser.add_argument("--database", default="sqlite:////tmp/pages.sqlite3", help="ours, seeded")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per measurement")
    parser.add_argument("--warmup", type=int, default=2, help="seconds per page, not counted")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers, both servers")
    parser.add_argument("--rotate", type=int, default=2000, help="first-visit articles per round")
    args = parser.parse_args()
    args.peer, args.max_requests = str(Path(args.peer).resolve()), None  # servers.gunicorn
    if not shutil.which("wrk"):
        sys.exit("bench/peer.py needs wrk: apt-get install wrk")
    if not (Path(args.peer) / "bakerydemo/settings/production.py").exists():
        sys.exit(f"{args.peer} is not a bakerydemo checkout")
    kept = {key: value for key, value in os.environ.items() if key in KEEP}
    peer_env, scratch, passed = kept | SECRET | peer_site.ENV, None, False
    with tempfile.TemporaryDirectory(prefix="kldigital-peer-") as workdir, ExitStack() as stack:
        folders = {"DJANGO_CACHE_DIR": f"{workdir}/cache", "DJANGO_MEDIA_ROOT": f"{workdir}/media"}
        ours_env = kept | OURS_ENV | folders | {"DATABASE_URL": args.database}
        try:
            if args.peer_database:
                url, *scratch = scratch_postgres(args.peer_database, "")
                # bakerydemo adds django.contrib.postgres only for this spelling.
                peer_env["DATABASE_URL"] = url.replace("postgresql://", "postgres://", 1)
            peer_site.prepare(args, peer_env)
            manage(ours_env, "migrate", "--check", timeout=120)  # reads only; fails if behind
            count = (args.rounds + 1) * args.rotate
            code = OURS % {"count": count, "seed": pages.SEED_SLUG}
            paths = printed_paths(manage(ours_env, "shell", "-c", code, timeout=300))
            blog = printed_paths(
                peer_site.manage(args, peer_env, "shell", "-c", peer_site.BLOG_POSTS).stdout
            )
            if len(paths["rotating"]) < count:
                raise RuntimeError(f"{len(paths['rotating'])} seeded articles, {count} wanted")
            log(f"Peer blog posts: {', '.join(blog)}; ours: {count} seeded articles")
            peer_base, peer_pid = stack.enter_context(peer_site.served(args, peer_env, workdir))
            ours_base, ours_pid = stack.enter_context(gunicorn(args, ours_env, workdir, "ours"))
            peer = (peer_base, OwnBackends(peer_pid, peer_env.get("DATABASE_URL", "")))
            ours = (ours_base, OwnBackends(ours_pid, args.database))
            plan, sizes = plan_measurements(args, peer, ours, paths, blog)
            passed = table(args, measure(args, plan), sizes)
        finally:
            stack.close()  # the servers first: a database in use is dropped only by force
            if scratch:
                drop_postgres(*scratch)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
