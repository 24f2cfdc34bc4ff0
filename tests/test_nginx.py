"""nginx in front of gunicorn, both on loopback, with the shipped deploy/nginx configuration.

One scratch SQLite portal (an article, an editor, a stored PDF) behind gunicorn (one sync
worker) and Debian's nginx on its own port, pid file and folders. What reached gunicorn is
read from its access log.
"""

import contextlib
import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from tests.conftest import EDITOR_PASSWORD
from tests.servers import closed_port

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "deploy" / "nginx"))
import loopback  # noqa: E402

pytestmark = pytest.mark.skipif(
    not Path(loopback.NGINX).exists(),
    reason="needs Debian's nginx (/usr/sbin/nginx): `make assets` installs nginx-light",
)

SLUG = "neue-ladesaeulen"
PDF = b"%PDF-1.7\n" + b"0" * 5000 + b"\n%%EOF\n"
SETUP = f"""
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from news.printing.document import article_pdf_version
from news.printing.models import ArticlePDF
from news.printing.services import article_pdf_name
from tests.factories import ArticleFactory

article = ArticleFactory(slug="{SLUG}", title="Neue Ladesäulen am Rathaus")
get_user_model().objects.create_user("redakteurin", password="{EDITOR_PASSWORD}", is_staff=True)
version = article_pdf_version(article, "")
stored, _ = ArticlePDF.objects.get_or_create(article=article, variant="", version=version)
stored.file = default_storage.save(article_pdf_name(article, version), ContentFile({PDF!r}))
stored.status, stored.page_count, stored.rendered_at = "ready", 1, timezone.now()
stored.save()
"""


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """A migrated scratch portal: its environment for gunicorn and its folder."""
    folder = tmp_path_factory.mktemp("portal")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "NEWS_", "REDIS_", "DATABASE_"))
    } | {
        "DJANGO_SETTINGS_MODULE": "kldigital.settings",
        "DJANGO_SECRET_KEY": "nginx-test",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",  # plain http on loopback
        "DJANGO_PASSWORD_HASHERS": "django.contrib.auth.hashers.MD5PasswordHasher",
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_CACHE_DIR": str(folder / "cache"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "GUNICORN_WORKERS": "1",
    }
    for args in (["migrate", "--noinput", "--verbosity", "0"], ["shell", "-c", SETUP]):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True
        )
        assert result.returncode == 0, result.stderr.decode()
    return env, folder


@contextlib.contextmanager
def stack(portal, name, **settings):
    """gunicorn with `settings` in its environment, and nginx in front: yield both URLs."""
    env, folder = portal
    workdir = folder / name
    workdir.mkdir()
    port = closed_port()
    log = workdir / "gunicorn-access.log"
    command = [sys.executable, "-m", "gunicorn", "kldigital.wsgi", "--access-logfile", str(log)]
    server = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}"],
        cwd=PROJECT,
        env=env | settings,
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "gunicorn.log", "w"),  # noqa: SIM115
    )
    try:
        app = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while not log.exists() or get(app, "/robots.txt")[0] != 200:
            assert server.poll() is None, (workdir / "gunicorn.log").read_text()
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
        with loopback.running_nginx(
            workdir / "nginx",
            upstream=f"127.0.0.1:{port}",
            static_root=PROJECT / "staticfiles",
            media_root=folder / "media",
        ) as proxy:
            yield proxy, app, log
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def trusted(portal):
    """DJANGO_TRUSTED_PROXIES=1 and DJANGO_X_ACCEL_REDIRECT=1, as in production behind nginx."""
    with stack(portal, "trusted", DJANGO_TRUSTED_PROXIES="1", DJANGO_X_ACCEL_REDIRECT="1") as urls:
        yield urls


def get(base, path, method="GET", headers=None, body=None, source="127.0.0.1", timeout=10):
    """One request from `source` (any 127.x address is loopback); status, headers, body."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(
        parts.hostname, parts.port, timeout=timeout, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    except OSError:
        return 0, {}, b""
    finally:
        connection.close()


def reached_app(log, path, expected=0):
    """How many requests for `path` gunicorn answered (its access log), once `expected` are in.

    The worker writes its line after the answer: wait up to 3 s for that many, then a moment
    for any more.
    """
    deadline = time.monotonic() + 3
    while True:
        count = sum(f" {path} HTTP/" in line for line in log.read_text().splitlines())
        if count >= expected or time.monotonic() > deadline:
            time.sleep(0.2)
            return sum(f" {path} HTTP/" in line for line in log.read_text().splitlines())
        time.sleep(0.05)


def cookies(headers):
    jar = SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


def log_in(proxy, password=EDITOR_PASSWORD, source="127.0.0.1"):
    """Log in to the admin through nginx; return the cookies the browser would keep."""
    _, headers, body = get(proxy, "/admin/login/", source=source)
    jar = cookies(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = {"csrfmiddlewaretoken": token, "username": "redakteurin", "password": password}
    status, headers, _ = get(
        proxy,
        "/admin/login/?next=/admin/",
        method="POST",
        body=urlencode(form | {"next": "/admin/"}),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
            "Referer": f"{proxy}/admin/login/",
            "X-Forwarded-For": "203.0.113.9",  # a client's claim: must never count
        },
        source=source,
    )
    return status, jar | cookies(headers)


def test_the_shipped_example_is_the_rendered_template():
    shipped = (PROJECT / "deploy" / "nginx" / "kldigital.conf").read_text()
    assert shipped == loopback.render(loopback.PRODUCTION)


def test_static_files_come_from_nginx_with_a_year_for_fingerprinted_names(trusted):
    proxy, _app, log = trusted
    manifest = (PROJECT / "staticfiles" / "staticfiles.json").read_text()
    hashed = re.search(r'"(css/[^"]+\.[0-9a-f]{12}\.css)"', manifest).group(1)

    status, headers, body = get(proxy, f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})

    assert status == 200 and body
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Encoding"] == "gzip"  # WhiteNoise's .gz, sent as it is
    assert get(proxy, "/static/css/nicht-da.css")[0] == 404
    assert reached_app(log, f"/static/{hashed}") == 0
    assert reached_app(log, "/static/css/nicht-da.css") == 0


def test_anonymous_pages_are_micro_cached_and_the_language_header_does_not_split_them(trusted):
    proxy, _app, log = trusted
    path = f"/meldung/{SLUG}/"

    first = get(proxy, path)
    second = get(proxy, path, headers={"Accept-Language": "en"})

    assert first[0] == second[0] == 200
    assert first[1]["X-Cache-Status"] == "MISS" and second[1]["X-Cache-Status"] == "HIT"
    assert second[2] == first[2] and "Neue Ladesäulen am Rathaus" in second[2].decode()
    assert reached_app(log, path, 1) == 1


def test_an_editor_neither_reads_nor_fills_the_micro_cache(trusted):
    proxy, _app, log = trusted
    status, jar = log_in(proxy)
    assert status == 302 and "sessionid" in jar
    editor = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())}
    assert get(proxy, "/")[1]["X-Cache-Status"] in ("MISS", "HIT")  # an anonymous copy exists

    status, headers, _ = get(proxy, "/", headers=editor)
    fresh = "/?seite-fuer-die-redaktion"
    for_editor = get(proxy, fresh, headers=editor)
    anonymous = get(proxy, fresh)

    assert status == 200 and headers["X-Cache-Status"] == "BYPASS"
    assert for_editor[1]["X-Cache-Status"] == "BYPASS"
    assert anonymous[1]["X-Cache-Status"] == "MISS"  # the editor's page was not kept
    assert reached_app(log, fresh, 2) == 2
    # A page the app marks private (the login form, with its CSRF cookie) is never kept.
    assert get(proxy, "/admin/login/")[1]["X-Cache-Status"] == "MISS"
    assert get(proxy, "/admin/login/")[1]["X-Cache-Status"] == "MISS"


def test_a_post_is_never_cached(trusted):
    proxy, _app, log = trusted
    path = "/?post-probe"
    for _ in range(2):
        status, headers, _ = get(proxy, path, method="POST", body="a=1")
        assert headers.get("X-Cache-Status", "") == ""
    assert reached_app(log, path, 2) == 2


def test_nginx_sends_the_stored_pdf_that_django_points_to(trusted):
    proxy, app, log = trusted
    path = f"/meldung/{SLUG}/pdf/?download=1"

    status, headers, body = get(proxy, path)
    direct = get(app, path)
    revalidated = get(proxy, path, headers={"If-None-Match": headers["ETag"]})

    assert status == 200 and body == PDF
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == f'attachment; filename="{SLUG}.pdf"'
    assert headers["X-Robots-Tag"] == "noindex" and "X-Accel-Redirect" not in headers
    assert revalidated[0] == 304
    # Django itself sent no byte of the file, only where it lies.
    internal = direct[1]["X-Accel-Redirect"]
    assert direct[0] == 200 and direct[2] == b""
    assert re.fullmatch(rf"/_kldigital/media/pdf/\d+/{SLUG}-\w+\.pdf", internal)
    # The file is not reachable around Django's publication check.
    assert get(proxy, internal)[0] == 404
    assert get(proxy, internal.replace("/_kldigital/media/", "/media/"))[0] == 404


def test_a_slow_client_waits_at_nginx_not_in_a_worker(trusted):
    proxy, app, _log = trusted

    def slowloris(base, start=b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Noch: "):
        parts = urlsplit(base)
        sock = socket.create_connection((parts.hostname, parts.port))
        sock.sendall(start)  # and never more
        return sock

    slow_upload = (
        b"POST /admin/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
        b"Cookie: csrftoken=" + b"k" * 32 + b"\r\n\r\nusername=re"  # Django reads the body
    )
    with contextlib.ExitStack() as stack_:
        for _ in range(2):
            stack_.callback(slowloris(proxy).close)
            stack_.callback(slowloris(proxy, slow_upload).close)
        started = time.monotonic()
        status, headers, _ = get(proxy, f"/robots.txt?{uuid.uuid4().hex}", timeout=5)
        assert status == 200 and headers["X-Cache-Status"] == "MISS"  # the worker answered
        assert time.monotonic() - started < 2
        # Without nginx the one sync worker waits for the slow client's headers.
        stack_.callback(slowloris(app).close)
        time.sleep(0.2)
        assert get(app, "/robots.txt", timeout=1.5)[0] == 0


def failed_login_addresses(portal):
    _env, folder = portal
    with contextlib.closing(sqlite3.connect(folder / "db.sqlite3")) as db:
        rows = db.execute("SELECT ip_address FROM axes_accessattempt ORDER BY id").fetchall()
        db.execute("DELETE FROM axes_accessattempt")
        db.commit()
    return [address for (address,) in rows]


def test_the_client_address_comes_through_nginx_when_it_is_trusted(portal, trusted):
    proxy, _app, _log = trusted
    failed_login_addresses(portal)
    status, _ = log_in(proxy, password="falsch", source="127.0.0.2")
    assert status == 200  # the form again, with an error
    assert failed_login_addresses(portal) == ["127.0.0.2"]


def test_by_default_the_client_address_is_the_proxy_and_django_streams_the_pdf(portal):
    with stack(portal, "defaults") as (proxy, app, _log):
        failed_login_addresses(portal)
        log_in(proxy, password="falsch", source="127.0.0.2")
        assert failed_login_addresses(portal) == ["127.0.0.1"]  # nginx's, not the client's

        direct = get(app, f"/meldung/{SLUG}/pdf/")
        through_nginx = get(proxy, f"/meldung/{SLUG}/pdf/")

    assert direct[0] == 200 and direct[2] == PDF and "X-Accel-Redirect" not in direct[1]
    assert through_nginx[0] == 200 and through_nginx[2] == PDF
