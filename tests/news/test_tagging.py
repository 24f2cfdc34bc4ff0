import pytest
from django.core.exceptions import ValidationError

from news.models import Article, Tag
from tests.factories import ArticleFactory
from tests.news.test_admin import ADD_URL, article_form

pytestmark = pytest.mark.django_db

HOSTILE = "<meta http-equiv=refresh content='0;url=https://evil.example/'>"
DECOMPOSED_AERZTE = "A\u0308rzte"


def add_article(client, section, tags):
    return client.post(ADD_URL, article_form(section, tags=tags))


def test_decomposed_umlaut_is_the_same_tag(admin_client, section):
    ArticleFactory(tags=["Ärzte"])
    response = add_article(admin_client, section, DECOMPOSED_AERZTE)
    assert response.status_code == 302
    assert list(Tag.objects.values_list("name", "slug")) == [("Ärzte", "aerzte")]
    assert [t.name for t in Article.objects.get(slug=article_form(section)["slug"]).tags.all()] == [
        "Ärzte"
    ]


def test_name_differing_in_case_or_punctuation_reuses_the_existing_tag(admin_client, section):
    ArticleFactory(tags=["Smart City"])
    response = add_article(admin_client, section, '"smart city", Smart-City, SMART  CITY!')
    assert response.status_code == 302
    assert list(Tag.objects.values_list("slug", flat=True)) == ["smart-city"]
    article = Article.objects.get(slug=article_form(section)["slug"])
    assert [tag.name for tag in article.tags.all()] == ["Smart City"]


def test_too_long_tag_is_a_german_form_error_and_keeps_the_input(admin_client, section):
    long_name = "Digitalisierung" * 6 + "x" * 11  # 101 characters
    response = add_article(admin_client, section, f"Verkehr, {long_name}")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["tags"]
    assert errors == [
        "Ein Stichwort darf höchstens 100 Zeichen lang sein (dieses hat 101): "
        "„DigitalisierungDigitalisierung…“."
    ]
    assert 'value="Neue Radwege für die Innenstadt"' in response.content.decode()
    assert not Article.objects.exists() and not Tag.objects.exists()


@pytest.mark.parametrize("name", ["!!!", "🎉🎉", "– …", "\u0301"])
def test_tag_without_letter_or_digit_is_refused(admin_client, section, name):
    response = add_article(admin_client, section, f"Verkehr, {name}")
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["tags"]
    assert "mindestens einen Buchstaben oder eine Ziffer" in error
    assert not Tag.objects.exists()


def test_hostile_tag_name_is_escaped_in_the_article_form_and_tag_admin(admin_client, section):
    assert add_article(admin_client, section, f"{HOSTILE},").status_code == 302
    tag = Tag.objects.get()
    assert tag.name == HOSTILE

    for url in (
        ADD_URL,
        "/admin/news/article/",
        "/admin/news/tag/",
        f"/admin/news/tag/{tag.pk}/change/",
        f"/admin/news/tag/{tag.pk}/delete/",
    ):
        page = admin_client.get(url).content.decode()
        assert "<meta http-equiv" not in page, url
        assert "&lt;meta http-equiv" in page, url


def test_tag_admin_refuses_a_twin_of_an_existing_tag(admin_client):
    Tag.objects.create(name="Smart City")
    response = admin_client.post("/admin/news/tag/add/", {"name": "smart-city!", "slug": "x"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["__all__"] == [
        "Das Stichwort „Smart City“ gibt es schon (gleiche Adresse). Bitte verwenden Sie es."
    ]
    assert Tag.objects.count() == 1


def test_tag_admin_refuses_a_name_too_long_or_without_letters(admin_client):
    for name in ("x" * 101, "???"):
        response = admin_client.post("/admin/news/tag/add/", {"name": name, "slug": "neu"})
        assert response.status_code == 200
        assert response.context["adminform"].form.errors
    assert not Tag.objects.exists()


def test_tags_from_code_are_normalised_and_never_get_a_numbered_slug(article):
    article.tags.add(DECOMPOSED_AERZTE)
    assert Tag.objects.get().name == "Ärzte"
    for name in ("%", "  ", "x" * 101):
        with pytest.raises(ValidationError):
            article.tags.add(name)
    with pytest.raises(ValidationError):
        article.tags.add("ärzte!")
    assert not Tag.objects.filter(slug__endswith="-1").exists()
