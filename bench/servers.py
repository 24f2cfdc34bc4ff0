"""Process plumbing for the load benchmark: manage.py runs, gunicorn, the task worker, HTTP."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from procs import TreeMemorySampler

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REDIS_KEYS = "kldigital:*"


def log(message):
    print(message, flush=True)


# Scratch database and cache -----------------------------------------------------------------


def clear_redis(url):
    """Delete the portal's keys, and only those, from the Redis database in `url`."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        keys = list(client.scan_iter(REDIS_KEYS, count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])
    finally:
        client.close()


# Preparing the portal -----------------------------------------------------------------------


def manage(env, *args, timeout):
    """Run a management command in the scratch environment; return its standard output."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def static_files_stale():
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    files = (path for path in (ROOT / "static").rglob("*") if path.is_file())
    return any(path.stat().st_mtime > built for path in files)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# gunicorn -------------------------------------------------------------------------------------


def start_gunicorn(env, port, args, logfile):
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "kldigital.wsgi",
        "--config",
        "gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
    ]
    if args.max_requests is not None:
        command += ["--max-requests", str(args.max_requests)]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop_gunicorn(process):
    """Stop gunicorn and its workers: a graceful TERM, then KILL for the whole process group."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=5)


def fetch(url, timeout=60):
    """Return status, headers, body length and seconds for one GET on a new connection."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read()
            status, headers = response.status, response.headers
    except urllib.error.HTTPError as error:
        body, status, headers = error.read(), error.code, error.headers
    return status, headers, len(body), time.perf_counter() - start


def wait_until_up(base, process, deadline):
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        try:
            fetch(f"{base}/robots.txt", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")


@contextlib.contextmanager
def gunicorn(args, env, workdir, name):
    """Start a gunicorn instance; yield (base URL, master pid)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(Path(workdir) / f"gunicorn-{name}.log", "w") as logfile:
        process = start_gunicorn(env, port, args, logfile)
        try:
            wait_until_up(base, process, time.monotonic() + 90)
            yield base, process.pid
        except BaseException:
            log("\n".join(Path(logfile.name).read_text(errors="replace").splitlines()[-30:]))
            raise
        finally:
            stop_gunicorn(process)


def render_pdfs(env, workdir):
    """Run the task worker until its queue is empty; return its tree's peak memory (KiB)."""
    start = time.perf_counter()
    with open(Path(workdir) / "taskworker.log", "w") as output:
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "taskworker", "--until-empty"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        sampler = TreeMemorySampler(worker.pid)
        sampler.start()
        try:
            worker.wait(timeout=900)
        finally:
            peaks = sampler.stop()
    if worker.returncode:
        raise RuntimeError("taskworker failed: " + (Path(workdir) / "taskworker.log").read_text())
    log(f"  {'task worker: pending PDFs rendered':<40} {time.perf_counter() - start:7.1f} s")
    return peaks


def fetch_body(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()
