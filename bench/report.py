"""The load benchmark's figures: rounds folded into one row per measurement, goals checked."""

import statistics

from servers import log

# Issue 18's goals.
CPU_GOAL_MS = 6.0  # uncached page, app + database
CPU_GOAL_PAGES = ("article", "home", "section", "tag", "archive", "person")
CACHED_RATIO_GOAL = 0.7  # page-cache hit (home, article) and stored PDF vs a static file
CACHED_RATIO_PAGES = ("article", "home")
NGINX_RATIO_GOAL = 0.5
WORKER_RSS_GOAL_MIB = 80


def fold(rounds):
    """One figure per measurement from its rounds: mean rate, median p50, worst p99, CPU/request."""
    requests = sum(r["requests"] for r in rounds)
    return {
        "rate": statistics.mean(r["rate"] for r in rounds),
        "requests": requests,
        "p50": statistics.median(r["p50"] for r in rounds),
        "p99": max(r["p99"] for r in rounds),
        "bad": sum(r["bad"] for r in rounds),
        "errors": sum(r["errors"] for r in rounds),
        "app_ms": 1000 * sum(r["app"] for r in rounds) / max(requests, 1),
        "db_ms": 1000 * sum(r["db"] for r in rounds) / max(requests, 1),
    }


def verdict(ok):
    return "PASS" if ok else "FAIL"


def page_table(results, statics, sizes, sqlite):
    """Print every page row; return whether its goals are met.

    ratio: the page's rate / the static file's (the goal's measure). CPU×: the static file's
    CPU per request / the page's, the same comparison without the noise of a shared machine.
    """
    passed = True
    log(
        f"  {'page':<9} {'variant':<9} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'app ms':>7}"
        f" {'DB ms':>7} {'total':>7} {'KiB':>6}  {'static file (same gunicorn)':<34} {'ratio':>5}"
        f" {'CPU×':>5}  goal"
    )
    for key, row in results.items():
        kind, variant = key
        if kind in ("static", "nginx"):
            continue
        static = results[("static", statics[key])]
        ratio = row["rate"] / static["rate"]
        total = row["app_ms"] + row["db_ms"]
        clean = row["bad"] == 0 and row["errors"] == 0 and row["requests"] > 0
        goal = "" if clean else "errors or non-2xx: FAIL"
        if kind in CPU_GOAL_PAGES and variant == "uncached":
            ok = clean and total <= CPU_GOAL_MS
            goal = f"CPU ≤ {CPU_GOAL_MS:g} ms: {verdict(ok)}"
            passed &= ok
        elif (kind in CACHED_RATIO_PAGES and variant == "cached") or kind == "stored PDF":
            ok = clean and ratio >= CACHED_RATIO_GOAL
            goal = f"ratio ≥ {CACHED_RATIO_GOAL}: {verdict(ok)}"
            passed &= ok
        elif kind == "search":
            goal = "latency goals: bench/search.py"
        passed &= clean
        db = "in app" if sqlite else f"{row['db_ms']:7.2f}"
        static_label = f"{statics[key].rsplit('/', 1)[1][-24:]} ({static['rate']:.0f}/s)"
        log(
            f"  {kind:<9} {variant:<9} {row['rate']:8.1f} {row['p50']:7.2f} {row['p99']:7.2f}"
            f" {row['app_ms']:7.2f} {db:>7} {total:7.2f} {sizes[key] / 1024:6.1f}"
            f"  {static_label:<34} {ratio:5.2f} {static['app_ms'] / max(total, 1e-9):5.2f}  {goal}"
        )
    log("  static files beside them (u: instance without page cache, c: with it):")
    for (kind, name), row in results.items():
        if kind == "static":
            log(
                f"    {name:<60} {row['rate']:8.1f} req/s, p50 {row['p50']:.2f} ms,"
                f" app CPU {row['app_ms']:.2f} ms/request"
            )
    return passed


def nginx_lines(results):
    page, static = results[("nginx", "article")], results[("nginx", "static copy")]
    ratio = page["rate"] / static["rate"]
    ok = ratio >= NGINX_RATIO_GOAL and page["bad"] == page["errors"] == 0
    log(
        f"  nginx: anonymous article {page['rate']:.0f} req/s (p50 {page['p50']:.2f} ms, app CPU"
        f" {page['app_ms']:.3f} ms/request behind the micro-cache), the same bytes as a static"
        f" file {static['rate']:.0f} req/s: ratio {ratio:.2f}, goal ≥ {NGINX_RATIO_GOAL}:"
        f" {verdict(ok)}"
    )
    return ok


def memory_lines(workers, served, task_peak):
    """workers: [(label, pid, rss KiB, hwm KiB, pango mapped)]."""
    largest = max(rss for _, _, rss, _, _ in workers)
    pango = [f"{label}/{pid}" for label, pid, _, _, mapped in workers if mapped]
    ok = largest / 1024 < WORKER_RSS_GOAL_MIB and not pango
    for label, pid, rss, hwm, _ in workers:
        log(
            f"  worker {pid} ({label}): VmRSS {rss / 1024:.1f} MiB,"
            f" peak (VmHWM) {hwm / 1024:.1f} MiB"
        )
    log(
        f"  web worker RSS after ≥ {served:,} mixed requests each:"
        f" largest {largest / 1024:.1f} MiB,"
        f" goal < {WORKER_RSS_GOAL_MIB} MiB; PDF libraries (libpango) in a web worker:"
        f" {', '.join(pango) or 'none'}: {verdict(ok)}"
    )
    peak, largest_process = task_peak
    log(
        f"  task worker during the PDF renders: peak {peak / 1024:.0f} MiB for its process tree"
        f" (worker, job, render child), largest single process {largest_process / 1024:.0f} MiB"
    )
    return ok
