"""Process plumbing for the load benchmark: manage.py runs, gunicorn, ports, memory, HTTP."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

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


def worker_pids(master_pid):
    """Return the process ids of the gunicorn master's children (its workers)."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may contain spaces and parentheses: the fields follow the last ")".
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == master_pid:
            children.append(int(entry.name))
    return sorted(children)


def peak_memory_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


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


# wrk -----------------------------------------------------------------------------------------


class MemorySampler(threading.Thread):
    """Records the peak memory (VmHWM) of every worker seen, also of workers since recycled."""

    def __init__(self, master_pid):
        super().__init__(daemon=True)
        self.master_pid, self.peaks, self.stopped = master_pid, {}, threading.Event()

    def sample(self):
        for pid in worker_pids(self.master_pid):
            try:
                self.peaks[pid] = max(self.peaks.get(pid, 0), peak_memory_kib(pid))
            except OSError:  # the worker exited between listing and reading
                pass

    def run(self):
        while not self.stopped.wait(0.5):
            self.sample()

    def stop(self):
        self.stopped.set()
        self.join()
        self.sample()
        return self.peaks
