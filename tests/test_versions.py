"""Nothing lost: version history for every editorial model, and deletions that can be undone."""

import pytest
from django.contrib import admin
from django.db.models.fields.files import FieldFile
from reversion.admin import VersionAdmin
from reversion.models import Version

from news.models import AdSlot, Article, Page, Section, Tag
from people.models import Organization, Person, Post, Term
from tests.factories import ArticleFactory, PersonFactory, PostFactory, TermFactory

pytestmark = pytest.mark.django_db


def form_data(response):
    """Return the POST data a browser would send for the admin form in `response`."""
    data = {}

    def add(form):
        for field in form:
            value = field.value()
            if value is None or value is False or isinstance(value, FieldFile):
                continue  # an unchanged file is not sent again
            if isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            else:
                data[field.html_name] = "on" if value is True else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


@pytest.mark.parametrize(
    "model", [Person, Term, Organization, Post, Section, Tag, Page, AdSlot, Article]
)
def test_every_editorial_model_keeps_versions(editor_client, model):
    assert isinstance(admin.site._registry[model], VersionAdmin)
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    page = editor_client.get(url).content.decode()
    assert f"Gelöschte {model._meta.verbose_name_plural} wiederherstellen" in page


def test_delete_confirmation_lists_the_terms_in_german(editor_client):
    term = TermFactory(person__name="Ilona Benz", start="2017")
    page = editor_client.get(f"/admin/people/person/{term.person.pk}/delete/").content.decode()
    assert "Sind Sie sicher" in page
    assert "Amtszeit: <a" in page and str(term) in page
    assert "„Gelöschte Personen wiederherstellen“" in page


def test_deleted_person_comes_back_with_terms_and_article_links(editor_client):
    person = PersonFactory(name="Ilona Benz")
    terms = [TermFactory(person=person, start="2017", end="2019"), TermFactory(person=person)]
    article = ArticleFactory()
    article.people.add(person)

    response = editor_client.post(f"/admin/people/person/{person.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Person.objects.exists() and not Term.objects.exists()
    assert not article.people.exists()
    article.title = "Nach dem Löschen geändert"  # an edit meanwhile stays: only links return
    article.save()

    recover_list = editor_client.get("/admin/people/person/recover/").content.decode()
    assert "Ilona Benz" in recover_list
    version = Version.objects.get_deleted(Person).get()
    url = f"/admin/people/person/recover/{version.pk}/"
    response = editor_client.post(url, form_data(editor_client.get(url)))

    assert response.status_code == 302, response.context["adminform"].form.errors
    restored = Person.objects.get(name="Ilona Benz")
    assert sorted(restored.terms.values_list("pk", flat=True)) == sorted(t.pk for t in terms)
    assert list(article.people.all()) == [restored]
    article.refresh_from_db()
    assert article.title == "Nach dem Löschen geändert"
    assert editor_client.get(restored.get_absolute_url()).status_code == 200


def test_deleted_tag_comes_back_on_its_articles(editor_client):
    article = ArticleFactory(tags=["Radverkehr"])
    tag = Tag.objects.get()
    editor_client.post(f"/admin/news/tag/{tag.pk}/delete/", {"post": "yes"})
    assert not article.tags.exists()

    version = Version.objects.get_deleted(Tag).get()
    url = f"/admin/news/tag/recover/{version.pk}/"
    response = editor_client.post(url, form_data(editor_client.get(url)))

    assert response.status_code == 302
    assert [t.name for t in article.tags.all()] == ["Radverkehr"]


def test_editing_a_post_keeps_a_version_with_the_editor(editor_client, editor):
    post = PostFactory(label="Chief Digital Officer (CDO)")
    url = f"/admin/people/post/{post.pk}/change/"
    data = form_data(editor_client.get(url))
    data["label"] = "Chief Digital Officer"
    assert editor_client.post(url, data).status_code == 302

    version = Version.objects.get_for_object(post).get()
    assert version.revision.user == editor
    assert version.field_dict["label"] == "Chief Digital Officer"
