"""Wagtail's demo site (bakerydemo), the peer of bench/peer.py: set up, served, asked.

Made when missing: a virtualenv (Python >= 3.12) with requirements/base.txt, the whitenoise
and psycopg pins of requirements/production.txt and gunicorn (uwsgi, boto3, elasticsearch and
the cloud storages are left out: its settings import them only when their variables are set);
its SQLite database (migrate, load_initial_data; kept in the checkout) or a scratch PostgreSQL
database; its collectstatic. Served by gunicorn with sync workers and an access log, like ours.
"""

import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from servers import free_port, log, stop_gunicorn, wait_until_up

ENV = {
    "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "PRIMARY_HOST": "127.0.0.1",  # WAGTAILADMIN_BASE_URL, else a warning on every command
}

BLOG_POSTS = """
import json
from bakerydemo.blog.models import BlogPage
print("PATHS " + json.dumps([p.url for p in BlogPage.objects.live().public().order_by("pk")]))
"""


def run(*command, **options):
    return subprocess.run(command, capture_output=True, text=True, **options)


def python_for_peer(choice):
    """An interpreter for the peer (Django 6 needs 3.12); pyenv's shims fail, so probe each."""
    pyenv = sorted(map(str, Path.home().glob(".pyenv/versions/3.1[2-9]*/bin/python3")))
    probe = "import sys; assert sys.version_info >= (3, 12)"
    for python in [choice] if choice else ["python3", "python3.13", "python3.12", *pyenv]:
        if shutil.which(python) and run(python, "-c", probe).returncode == 0:
            return python
    sys.exit("no Python >= 3.12 found: pass --peer-python")


def manage(args, env, *command):
    python = f"{args.peer_venv}/bin/python"
    result = run(python, "manage.py", *command, cwd=args.peer, env=env, timeout=600)
    if result.returncode:
        raise RuntimeError(f"peer manage.py {command[0]} failed:\n{result.stdout}{result.stderr}")
    return result


def step(name, function, *arguments):
    start, result = time.perf_counter(), function(*arguments)
    if result.returncode:
        raise RuntimeError(f"{name} failed:\n{result.stdout}{result.stderr}")
    log(f"  {name:<64} {time.perf_counter() - start:6.1f} s")


def prepare(args, env):
    log(f"Preparing the peer ({args.peer})")
    venv, requirements = Path(args.peer_venv), Path(args.peer) / "requirements"
    if not (venv / "bin" / "gunicorn").exists():
        python = python_for_peer(args.peer_python)
        step(f"python -m venv {venv} ({python})", run, python, "-m", "venv", venv)
        pins = [line.split("#")[0].strip() for line in (requirements / "production.txt").open()]
        pins = [pin for pin in pins if pin.startswith(("whitenoise", "psycopg"))]
        pip = [venv / "bin/pip", "install", "-q", "-r", requirements / "base.txt", *pins]
        step(f"pip install base.txt {' '.join(pins)} gunicorn", run, *pip, "gunicorn")
    database = Path(args.peer) / "bakerydemodb"
    if args.peer_database or not database.exists():
        # SQLite: loaded under another name and renamed, so a failed load is never reused.
        loading = env | ({} if args.peer_database else {"DATABASE_NAME": f"{database}.loading"})
        Path(f"{database}.loading").unlink(missing_ok=True)
        for command in ("migrate", "load_initial_data"):
            step(f"manage.py {command}", manage, args, loading, command)
        if not args.peer_database:
            Path(loading["DATABASE_NAME"]).rename(database)
    if not (Path(args.peer) / "bakerydemo/collect_static/staticfiles.json").exists():
        step("manage.py collectstatic", manage, args, env, "collectstatic", "--no-input")


@contextmanager
def served(args, env, workdir):
    """The peer under gunicorn, sync workers and an access log like ours: (base URL, pid)."""
    base = f"http://127.0.0.1:{free_port()}"
    command = [f"{args.peer_venv}/bin/gunicorn", "bakerydemo.wsgi", "--bind", base[7:]]
    command += [f"--workers={args.workers}", "--worker-class=sync", "--access-logfile=-"]
    with open(Path(workdir) / "gunicorn-peer.log", "w") as out:
        process = subprocess.Popen(
            command, cwd=args.peer, env=env, stdout=out, stderr=out, start_new_session=True
        )
        try:
            wait_until_up(base, process, time.monotonic() + 90)
            yield base, process.pid
        except BaseException:
            log(Path(out.name).read_text(errors="replace")[-3000:])
            raise
        finally:
            stop_gunicorn(process)
