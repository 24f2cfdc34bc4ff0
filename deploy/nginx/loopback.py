#!/usr/bin/env python
"""Render kldigital.conf.template, and run Debian's nginx with it on loopback.

    python deploy/nginx/loopback.py > deploy/nginx/kldigital.conf    # the production example

The same template makes the shipped example (PRODUCTION values) and the configuration that
tests/test_nginx.py and bench/load.py start on 127.0.0.1 with their own ports, folders,
pid file and logs; nothing of the system's nginx (port 80, /etc/nginx, /run) is touched.
Only the standard library: the test and the benchmark import this file by its path.
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "kldigital.conf.template"
NGINX = "/usr/sbin/nginx"
MIME_TYPES = "/etc/nginx/mime.types"
PRODUCTION = {
    "LISTEN": "80",
    "SERVER_NAME": "news.example.org",
    "UPSTREAM": "127.0.0.1:8000",
    "STATIC_ROOT": "/srv/kldigital/staticfiles",
    "MEDIA_ROOT": "/var/lib/kldigital/media",
    "CACHE_DIR": "/var/cache/nginx/kldigital",
    "MICROCACHE": "5s",
}

MAIN = """\
{user}worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log {access_log};
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {workdir}/kldigital.conf;
}}
"""


def render(values):
    """Return the template with every @@NAME@@ replaced; refuse leftovers and unknown names."""
    text = TEMPLATE.read_text()
    for name, value in values.items():
        marker = f"@@{name}@@"
        if marker not in text:
            raise KeyError(f"{name} is not in {TEMPLATE.name}")
        text = text.replace(marker, str(value))
    if "@@" in text:
        raise KeyError(f"{TEMPLATE.name} has placeholders left: {text[text.index('@@') :][:40]}")
    return text


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_nginx(workdir, *, upstream, static_root, media_root, microcache="5s", access_log=True):
    """Run nginx in the foreground on 127.0.0.1 and a free port; yield its base URL.

    Everything nginx writes (pid, logs, cache, temporary files) stays in `workdir`.
    """
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    values = {
        "LISTEN": f"127.0.0.1:{port}",
        "SERVER_NAME": "127.0.0.1",
        "UPSTREAM": upstream,
        "STATIC_ROOT": Path(static_root).resolve(),
        "MEDIA_ROOT": Path(media_root).resolve(),
        "CACHE_DIR": workdir / "cache",
        "MICROCACHE": microcache,
    }
    (workdir / "kldigital.conf").write_text(render(values))
    # As root, nginx's workers would run as "nobody" and could not read a private folder.
    (workdir / "nginx.conf").write_text(
        MAIN.format(
            user="user root;\n" if os.geteuid() == 0 else "",
            workdir=workdir,
            mime_types=MIME_TYPES,
            access_log=f"{workdir}/access.log" if access_log else "off",
        )
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(workdir), "-c", str(workdir / "nginx.conf"), "-e", "stderr"],
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "stderr.log", "w"),  # noqa: SIM115 -- nginx keeps it
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"nginx exited: {(workdir / 'stderr.log').read_text()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("nginx did not start within 10 s")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()  # SIGTERM: fast shutdown of master and workers
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


if __name__ == "__main__":
    sys.stdout.write(render(PRODUCTION))
