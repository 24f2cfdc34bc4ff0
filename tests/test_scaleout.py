"""Two app servers sharing PostgreSQL and Redis: what one publishes, the other serves fresh."""

import os
import re
import subprocess
import sys
import time
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener, urlopen

import pytest
from django.conf import settings
from django.db import connection

from news.models import Article
from tests.conftest import EDITOR_PASSWORD
from tests.factories import ArticleFactory
from tests.servers import closed_port

PROJECT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not (settings.DATABASES["default"]["ENGINE"].endswith("postgresql") and settings.REDIS_URL),
        reason="needs PostgreSQL and Redis that both servers can reach (CI runs it)",
    ),
]


@pytest.fixture
def servers():
    """Start two gunicorn instances on loopback against the test database and Redis."""
    db = connection.settings_dict
    env = os.environ | {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",  # plain http on loopback
        "GUNICORN_WORKERS": "1",
    }
    urls, processes = [], []
    for _ in range(2):
        port = closed_port()
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "kldigital.wsgi", "--bind", f"127.0.0.1:{port}"],
                cwd=PROJECT,
                env=env | {"GUNICORN_BIND": f"127.0.0.1:{port}"},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            wait_until_up(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def wait_until_up(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urlopen(f"{url}/robots.txt", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not start")


def fetch(url):
    with urlopen(url, timeout=10) as response:
        return response.read().decode()


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def publish_through_admin(server, article_pk):
    """Log in as a chief editor on `server` and use the admin action "freigeben"."""
    browser = build_opener(HTTPCookieProcessor(CookieJar()))
    login_page = browser.open(f"{server}/admin/login/").read().decode()
    browser.open(
        f"{server}/admin/login/?next=/admin/",
        urlencode(
            {
                "csrfmiddlewaretoken": csrf_token(login_page),
                "username": "chefin",
                "password": EDITOR_PASSWORD,
                "next": "/admin/",
            }
        ).encode(),
    )
    changelist = browser.open(f"{server}/admin/news/article/").read().decode()
    browser.open(
        f"{server}/admin/news/article/",
        urlencode(
            {
                "csrfmiddlewaretoken": csrf_token(changelist),
                "action": "publish",
                "_selected_action": article_pk,
                "index": 0,
            }
        ).encode(),
    )


def test_an_article_published_through_one_server_is_served_fresh_by_the_other(
    servers, chief_editor
):
    ArticleFactory(title="Schon länger online")
    draft = ArticleFactory(title="Frisch aus der Redaktion", status=Article.Status.DRAFT)
    first, second = servers

    assert "Schon länger online" in fetch(f"{second}/")
    assert "Frisch aus der Redaktion" not in fetch(f"{second}/")  # now in the shared page cache

    publish_through_admin(first, draft.pk)

    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    # The other server's workers may answer from their own memory for a moment (news.recent).
    time.sleep(settings.NEWS_PAGE_CACHE_RECHECK)
    assert "Frisch aus der Redaktion" in fetch(f"{second}/")
    assert "Frisch aus der Redaktion" in fetch(f"{second}{draft.get_absolute_url()}")
