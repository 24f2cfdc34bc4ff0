"""German pages for 400 and 403, a CSRF failure on a public form, and a foreign Host header."""

import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db


def forbidden(request):
    raise PermissionDenied("interner Grund <b>geheim</b>")


urlpatterns = [path("verboten/", forbidden)]


def test_a_foreign_host_gets_the_german_400_page_and_one_log_line(client, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get("/", HTTP_HOST="boese.example")

    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()
    assert "boese.example" not in response.content.decode()
    records = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert len(records) == 1
    assert records[0].name == "django.security.DisallowedHost"
    assert "boese.example" in records[0].getMessage()
    assert records[0].exc_info is None and "Traceback" not in caplog.text


@pytest.mark.urls(__name__)
def test_permission_denied_gets_the_german_403_page(client):
    response = client.get("/verboten/")
    assert response.status_code == 403
    assert "Zugriff nicht erlaubt" in response.content.decode()
    assert "geheim" not in response.content.decode()


def test_a_form_sent_without_its_csrf_token_gets_a_german_page_that_echoes_nothing(article):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/newsletter/", {"email": "leserin@example.org", "name": "<script>x</script>"}
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "Das Formular konnte nicht angenommen werden" in html
    assert "kein Cookie" in html  # the reader can fix this one
    assert "leserin@example.org" not in html and "<script>x" not in html
    assert "CSRF" not in html  # no developer's explanation
