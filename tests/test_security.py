import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
PROJECT = Path(__file__).resolve().parent.parent


def script_src(response):
    policy = response["Content-Security-Policy"]
    return next(d for d in policy.split(";") if d.strip().startswith("script-src"))


@pytest.mark.parametrize("url", ["/", "/personen/", "/admin/login/", "/suche/?q=x"])
def test_every_page_sends_a_strict_content_security_policy(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in script_src(response)
    assert "unsafe-eval" not in script_src(response)


def test_article_page_sends_the_security_headers(client):
    response = client.get(ArticleFactory().get_absolute_url())
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_admin_editor_import_map_carries_the_csp_nonce(admin_client):
    response = admin_client.get("/admin/news/article/add/")
    nonce = script_src(response).split("'nonce-")[1].split("'")[0]
    assert f'<script type="importmap" nonce="{nonce}">' in response.content.decode()


def test_unknown_host_gets_400(client):
    assert client.get("/", HTTP_HOST="evil.example.org").status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/static/../kldigital/settings.py",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/media/../../etc/passwd",
        "/media/%2e%2e/%2e%2e/etc/passwd",
        "/meldung/..%2f..%2fetc%2fpasswd/pdf/",
        "/meldung/../../etc/passwd/druck/",
    ],
)
def test_path_traversal_is_a_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b"root:" not in response.content


def test_repeated_wrong_admin_passwords_lock_the_login(client, django_user_model):
    django_user_model.objects.create_user(
        "redakteurin", password="richtig-und-lang-2024", is_staff=True
    )
    for _ in range(4):
        response = client.post(
            "/admin/login/?next=/admin/", {"username": "redakteurin", "password": "falsch"}
        )
        assert response.status_code == 200
    assert (
        client.post("/admin/login/", {"username": "redakteurin", "password": "falsch"}).status_code
        == 429
    )

    locked = client.post(
        "/admin/login/?next=/admin/",
        {"username": "redakteurin", "password": "richtig-und-lang-2024"},
    )

    assert locked.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in locked.content.decode()


def test_correct_password_still_logs_in_after_a_typo(client, django_user_model):
    django_user_model.objects.create_user(
        "redakteurin", password="richtig-und-lang-2024", is_staff=True
    )
    client.post("/admin/login/?next=/admin/", {"username": "redakteurin", "password": "falsch"})
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "redakteurin", "password": "richtig-und-lang-2024"},
    )
    assert response.status_code == 302


def test_deploy_check_is_clean_with_production_settings():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "kldigital.settings",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "news.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_favicon_ico_leads_to_the_portals_icon(client):
    """The admin names no icon, so browsers ask for /favicon.ico; a 404 would fill the console."""
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert "img/favicon" in response["Location"] and response["Location"].endswith(".svg")
