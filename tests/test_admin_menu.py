"""The admin menu: each thing once, in German, for superusers and editors alike."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def admin_menu(client):
    """Return the admin index as {app name: [model names]}, in the order shown."""
    response = client.get("/admin/")
    assert response.status_code == 200
    menu = {}
    for app, rows in re.findall(
        r"<caption>\s*<a[^>]*>([^<]+)</a>\s*</caption>(.*?)</table>",
        response.content.decode(),
        re.S,
    ):
        menu[app.strip()] = [
            name.strip()
            for name in re.findall(r'<th scope="row"[^>]*>\s*<a[^>]*>([^<]+)</a>', rows)
        ]
    return menu


def test_superuser_sees_each_thing_once_in_german(admin_client):
    menu = admin_menu(admin_client)

    assert list(menu) == [
        "Anmeldeschutz",
        "Authentifizierung und Autorisierung",
        "Nachrichten",
        "Personen",
    ]
    assert menu["Anmeldeschutz"] == ["Fehlgeschlagene Zugriffe", "Zugriffslogs", "Zugriffsversuche"]
    assert "Stichwörter" in menu["Nachrichten"]
    models = [name for names in menu.values() for name in names]
    assert len(models) == len(set(models))
    assert "Tags" not in models


def test_editor_sees_only_the_newsroom_in_german(editor):
    client = Client()
    client.force_login(editor)
    menu = admin_menu(client)

    assert list(menu) == ["Nachrichten", "Personen"]
    assert menu["Nachrichten"] == [
        "Anzeigen",
        "Artikel",
        "Erklärung zur Barrierefreiheit",
        "Gemeldete Barrieren",
        "Geplante Meldungen",
        "Rubriken",
        "Seiten",
        "Stichwörter",
        "Übersetzungen",
    ]
    assert menu["Personen"] == ["Amtszeiten", "Organisationen", "Personen", "Ämter"]
