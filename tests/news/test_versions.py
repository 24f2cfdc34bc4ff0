"""The article's history: what changed between two versions, and a restore that asks first."""

import pytest
from django.test import Client
from reversion.models import Version

from news.models import Article
from tests.factories import PersonFactory
from tests.news.test_admin import ADD_URL, article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def two_versions(editor_client, section):
    """An article saved twice through the admin: title, lead and one paragraph changed."""
    editor_client.post(
        ADD_URL,
        article_form(
            section,
            body="<p>Der erste Abschnitt beginnt im Frühjahr.</p><p>Die Kosten trägt das Land.</p>",
        ),
    )
    article = Article.objects.get()
    editor_client.post(
        f"/admin/news/article/{article.pk}/change/",
        article_form(
            section,
            title="Neue Radwege <script>alert(1)</script> für die Innenstadt",
            lead="Die Stadt baut vier neue Radwege.",
            body="<p>Der erste Abschnitt beginnt im Sommer.</p><p>Die Kosten trägt das Land.</p>"
            "<h2>Wer plant?</h2>",
        ),
    )
    return article


def test_history_links_each_version_to_its_changes(editor_client, two_versions):
    page = editor_client.get(f"/admin/news/article/{two_versions.pk}/history/").content.decode()
    older, newer = Version.objects.get_for_object(two_versions).order_by("pk")
    assert f"compare/?von={older.pk}&amp;bis={newer.pk}" in page
    assert "Fassungen vergleichen" in page
    assert "erste Fassung" in page


def test_compare_shows_removed_and_added_words_escaped(editor_client, two_versions):
    older, newer = Version.objects.get_for_object(two_versions).order_by("pk")
    response = editor_client.get(
        f"/admin/news/article/{two_versions.pk}/history/compare/?von={older.pk}&bis={newer.pk}"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<ins> &lt;script&gt;alert(1)&lt;/script&gt;</ins>" in page
    assert "<script>alert(1)" not in page
    assert "<del>drei</del><ins>vier</ins>" in page
    assert "Der erste Abschnitt beginnt im <del>Frühjahr.</del><ins>Sommer.</ins>" in page
    assert '<p class="version-compare__new"><ins>Wer plant?</ins></p>' in page
    assert '<p class="version-compare__equal">Die Kosten trägt das Land.</p>' in page


def test_compare_in_either_order_shows_old_to_new(editor_client, two_versions):
    older, newer = Version.objects.get_for_object(two_versions).order_by("pk")
    page = editor_client.get(
        f"/admin/news/article/{two_versions.pk}/history/compare/?von={newer.pk}&bis={older.pk}"
    ).content.decode()
    assert "<del>drei</del><ins>vier</ins>" in page


def test_compare_refuses_a_version_of_another_article(editor_client, two_versions, section):
    editor_client.post(ADD_URL, article_form(section, slug="anderer", title="Anderer"))
    foreign = Version.objects.get_for_object(Article.objects.get(slug="anderer")).get()
    response = editor_client.get(
        f"/admin/news/article/{two_versions.pk}/history/compare/?von={foreign.pk}"
    )
    assert response.status_code == 404


def test_restore_asks_first_then_restores(editor_client, two_versions, section):
    older = Version.objects.get_for_object(two_versions).order_by("pk").first()
    restore_url = f"/admin/news/article/{two_versions.pk}/history/{older.pk}/"

    page = editor_client.get(restore_url).content.decode()
    assert "Noch ist nichts überschrieben." in page
    assert "Erst „Sichern“ ersetzt den aktuellen Stand" in page
    assert f"compare/?von={older.pk}" in page
    two_versions.refresh_from_db()
    assert two_versions.lead == "Die Stadt baut vier neue Radwege."

    response = editor_client.post(restore_url, article_form(section))
    assert response.status_code == 302
    two_versions.refresh_from_db()
    assert two_versions.lead == "Die Stadt baut drei neue Radwege."
    assert Version.objects.get_for_object(two_versions).count() == 3


def test_an_article_names_people_and_a_restored_version_names_them_again(
    chief_client, client, section
):
    benz = PersonFactory(name="Ilona Benz", slug="benz")
    rombach = PersonFactory(name="Dieter Rombach", slug="rombach")

    def listed_on(slug):
        page = client.get(f"/personen/{slug}/").content.decode()
        return "Neue Radwege" in page.split("<aside")[0]

    def save(url, people, **fields):
        data = article_form(section, status="published", named_people=people, **fields)
        assert chief_client.post(url, data).status_code == 302

    save(ADD_URL, [benz.pk])
    article = Article.objects.get()
    assert listed_on("benz") and not listed_on("rombach")
    change_url = f"/admin/news/article/{article.pk}/change/"
    assert f'<option value="{benz.pk}" selected>Ilona Benz</option>' in (
        chief_client.get(change_url).content.decode()
    )
    save(change_url, [benz.pk], lead="Die Stadt baut vier neue Radwege.")  # the people kept
    save(change_url, [rombach.pk])
    assert list(article.people.all()) == [rombach]
    assert not listed_on("benz") and listed_on("rombach")

    # The second version: its links were not saved with it, yet it restores them.
    second = Version.objects.get_for_object(article).order_by("pk")[1]
    restore_url = f"/admin/news/article/{article.pk}/history/{second.pk}/"
    offered = chief_client.get(restore_url).context["adminform"].form["named_people"].value()
    assert list(map(int, offered)) == [benz.pk]
    save(restore_url, offered, lead="Die Stadt baut vier neue Radwege.")
    assert list(article.people.all()) == [benz]
    assert listed_on("benz") and not listed_on("rombach")
