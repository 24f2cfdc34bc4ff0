"""The shared abuse protection (kldigital/abuse.py): client address behind proxies, the admin
login throttle that uses it, limits exact under concurrency, and failing closed."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from kldigital.abuse import client_address
from tests.servers import closed_port, silent_server

PROJECT = Path(__file__).resolve().parent.parent
PASSWORD = "richtig-und-lang-2024"


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "198.51.100.9"}, "203.0.113.7"),
        (
            1,
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.9"},
            "198.51.100.9",
        ),
        (
            2,
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.9, 10.0.0.3"},
            "198.51.100.9",
        ),
        (
            1,
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "kaputt, 198.51.100.9"},
            "198.51.100.9",
        ),
        (1, {"REMOTE_ADDR": "10.0.0.2"}, "10.0.0.2"),
        (0, {"REMOTE_ADDR": "2001:db8:1:2:3:4:5:6"}, "2001:db8:1:2::"),
        (0, {"REMOTE_ADDR": "::ffff:203.0.113.7"}, "203.0.113.7"),
        (0, {"REMOTE_ADDR": ""}, None),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(rf, settings, proxies, meta, expected):
    settings.TRUSTED_PROXY_COUNT = proxies

    assert client_address(rf.get("/", **meta)) == expected


# The admin login throttle (django-axes) -----------------------------------------------------


def log_in(client, password, **meta):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": "redakteurin", "password": password},
        **meta,
    )


@pytest.fixture
def editor_account(django_user_model):
    return django_user_model.objects.create_user("redakteurin", password=PASSWORD, is_staff=True)


def test_wrong_passwords_behind_a_proxy_lock_out_only_their_own_address(
    client, settings, editor_account
):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    editor = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _ in range(5):
        log_in(client, "falsch", **attacker)
    assert log_in(client, PASSWORD, **attacker).status_code == 429

    response = log_in(client, PASSWORD, **editor)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_forged_forwarded_for_without_trusted_proxies_is_ignored(client, settings, editor_account):
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(5):  # a new made-up address each time, from one connection
        log_in(
            client, "falsch", REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR=f"10.9.9.{number}"
        )

    locked = log_in(client, PASSWORD, REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR="10.9.9.99")

    assert locked.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in locked.content.decode()
    assert log_in(client, PASSWORD, REMOTE_ADDR="203.0.113.7").status_code == 302


# Limits are exact under concurrency -------------------------------------------------------

COUNTER = """
import sys
import django
django.setup()
from kldigital.abuse import Limit
limit = Limit(sys.argv[1], int(sys.argv[2]), 600, "")
print("ready", flush=True)
sys.stdin.readline()  # all processes start counting together
print(sum(limit.allows("203.0.113.7") for _ in range(int(sys.argv[3]))))
"""


def count_in_processes(environ, limit, processes=6, attempts=20):
    """Run `processes` Python processes that each try `attempts` uses of one limit at once;
    return how many uses were allowed in all."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "kldigital.settings",
        "DJANGO_SECRET_KEY": "x",
        **environ,
    }
    scope = f"test-{uuid.uuid4().hex}"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", COUNTER, scope, str(limit), str(attempts)],
            cwd=PROJECT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    for worker in workers:
        assert worker.stdout.readline() == "ready\n"
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    allowed = 0
    for worker in workers:
        out, _ = worker.communicate(timeout=60)
        assert worker.returncode == 0
        allowed += int(out)
    return allowed


def test_limit_is_exact_across_processes_on_the_embedded_disk_cache(tmp_path):
    assert count_in_processes({"DJANGO_CACHE_DIR": str(tmp_path / "cache")}, limit=10) == 10


@pytest.mark.skipif(not django_settings.REDIS_URL, reason="needs REDIS_URL")
def test_limit_is_exact_across_processes_on_redis():
    assert count_in_processes({"REDIS_URL": django_settings.REDIS_URL}, limit=10) == 10


# Failing closed: a cache that cannot count ------------------------------------------------


def redis_cache_at(settings, port):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def share(client, article):
    return client.post(
        reverse("news:share", kwargs={"slug": article.slug}),
        {"recipient": "leserin@example.org", "note": "Schau mal."},
        REMOTE_ADDR="203.0.113.7",
    )


def sign_up(client, section):
    return client.post(
        "/newsletter/",
        {"email": "leserin@example.org", "sections": [section.pk]},
        REMOTE_ADDR="203.0.113.7",
    )


@pytest.fixture(params=["closed port", "silent socket"])
def dead_redis(request, settings):
    """Point the cache at a Redis that refuses connections, or at one that never answers."""
    working = settings.CACHES
    if request.param == "closed port":
        redis_cache_at(settings, closed_port())
        yield
    else:
        with silent_server() as port:
            redis_cache_at(settings, port)
            yield
    settings.CACHES = working  # so that the test's clean-up can empty the working cache


@pytest.mark.django_db
def test_link_mailen_refuses_with_german_503_when_the_cache_is_down(
    client, article, mailoutbox, dead_redis
):
    started = time.monotonic()
    response = share(client, article)

    html = response.content.decode()
    assert response.status_code == 503
    assert "Die E-Mail konnte gerade nicht verschickt werden" in html
    assert 'value="leserin@example.org"' in html and 'value="Schau mal."' in html
    assert mailoutbox == []
    assert time.monotonic() - started < 10


@pytest.mark.django_db
def test_newsletter_refuses_with_german_503_when_the_cache_is_down(
    client, section, mailoutbox, dead_redis
):
    from news.models import Subscription

    response = sign_up(client, section)

    html = response.content.decode()
    assert response.status_code == 503
    assert "Die E-Mail konnte gerade nicht verschickt werden" in html
    assert 'value="leserin@example.org"' in html
    assert mailoutbox == [] and Subscription.objects.count() == 0
