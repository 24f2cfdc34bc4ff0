"""CPU time and memory of processes, read from /proc (Linux): gunicorn workers, PostgreSQL
backends, the task worker's process tree."""

import os
import re
import threading
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid):
    # The command name may contain spaces and parentheses: the fields follow the last ")".
    return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1]).split()


def cpu_seconds(pid):
    """utime + stime of one process, in seconds (0 once it has gone)."""
    try:
        fields = _stat_fields(pid)
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_stat_fields(entry.name)[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def descendants(pid):
    found, todo = [], [pid]
    while todo:
        for child in children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def postgres_backends(database):
    """Process ids of the PostgreSQL backends connected to `database` (same machine only)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        # Backends name themselves "postgres: <user> <database> <client> <state>".
        if command.startswith("postgres: ") and f" {database} " in command:
            found.append(int(entry.name))
    return found


def status_kib(pid, field):
    """A memory figure from /proc/<pid>/status (VmRSS, VmHWM) in KiB; 0 once it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def maps_mention(pid, needle):
    """Whether a library whose path contains `needle` is mapped into the process."""
    try:
        return needle in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


class CpuMeter:
    """CPU seconds used between two snapshots by gunicorn's workers and the database backends.

    Workers and backends that appear in between count from zero; a backend that ends in
    between (the app keeps its connections, CONN_MAX_AGE) loses its share.
    """

    def __init__(self, master_pid, database=None):
        self.master_pid, self.database = master_pid, database

    def snapshot(self):
        app = {pid: cpu_seconds(pid) for pid in children(self.master_pid)}
        db = (
            {pid: cpu_seconds(pid) for pid in postgres_backends(self.database)}
            if self.database
            else {}
        )
        return app, db

    @staticmethod
    def used(before, after):
        """(app seconds, database seconds) between two snapshots."""
        return tuple(
            sum(max(0.0, seconds - earlier.get(pid, 0.0)) for pid, seconds in later.items())
            for earlier, later in zip(before, after, strict=True)
        )


class TreeMemorySampler(threading.Thread):
    """The peak of the summed resident memory of a process and all its descendants (KiB)."""

    def __init__(self, pid, interval=0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak, self.largest = pid, interval, 0, 0
        self.stopped = threading.Event()

    def sample(self):
        pids = [self.pid, *descendants(self.pid)]
        self.peak = max(self.peak, sum(status_kib(pid, "VmRSS") for pid in pids))
        self.largest = max(self.largest, *(status_kib(pid, "VmHWM") for pid in pids))

    def run(self):
        while not self.stopped.wait(self.interval):
            self.sample()

    def stop(self):
        self.stopped.set()
        self.join()
        return self.peak, self.largest


def socket_ports(pids):
    """Local TCP ports of the sockets these processes hold (their database connections)."""
    inodes = set()
    for pid in pids:
        try:
            links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
        except OSError:
            continue
        inodes.update(link[8:-1] for link in links if link.startswith("socket:["))
    rows = [line.split() for t in ("tcp", "tcp6") for line in Path(f"/proc/net/{t}").open()]
    return {int(row[1].rsplit(":", 1)[1], 16) for row in rows if row[9] in inodes}


class OwnBackends(CpuMeter):
    """CpuMeter counting only the backends whose client port is a socket of the workers."""

    def __init__(self, master_pid, url):
        name = url.rsplit("/", 1)[1].split("?")[0] if url.startswith("postgres") else None
        super().__init__(master_pid, name)

    def snapshot(self):
        app, db = super().snapshot()
        if db:
            ports = socket_ports(app)
            db = {pid: seconds for pid, seconds in db.items() if client_port(pid) in ports}
        return app, db


def client_port(pid):
    """A backend's client port: its title reads "postgres: user database 127.0.0.1(port) idle"."""
    try:
        return int(re.search(rb"\((\d+)\)", Path(f"/proc/{pid}/cmdline").read_bytes()).group(1))
    except (OSError, AttributeError):
        return None
