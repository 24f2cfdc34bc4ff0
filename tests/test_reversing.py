"""Addresses reversed once per language (kldigital.links.slug_path, the {% url %} builtin)."""

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db

TWO_LANGUAGES = {
    "ROOT_URLCONF": "tests.i18n_urls",
    "LANGUAGES": [("de", "Deutsch"), ("en", "English")],
}


@override_settings(**TWO_LANGUAGES)
@pytest.mark.parametrize(("language", "prefix"), [("de", ""), ("en", "/en"), ("de", "")])
def test_addresses_follow_the_active_language(language, prefix):
    article, person = ArticleFactory(slug="ratssitzung"), PersonFactory(slug="ilona-benz")
    with translation.override(language):
        assert article.get_absolute_url() == f"{prefix}/meldung/ratssitzung/"
        assert article.get_absolute_url() == reverse("news:detail", args=["ratssitzung"])
        assert article.section.get_absolute_url() == f"{prefix}/rubrik/{article.section.slug}/"
        assert person.get_absolute_url() == f"{prefix}/personen/ilona-benz/"
        links = Template(
            "{% url 'news:feed-rss' %} {% url 'news:pdf' 'ratssitzung' %}"
            " {% url 'news:share' slug='ratssitzung' %}"
        )
        assert links.render(Context()) == (
            f"{prefix}/feeds/rss/ {prefix}/meldung/ratssitzung/pdf/"
            f" {prefix}/meldung/ratssitzung/mailen/"
        )


def test_a_slug_the_pattern_refuses_still_goes_to_reverse():
    from django.urls import NoReverseMatch

    from kldigital.links import slug_path

    with pytest.raises(NoReverseMatch):
        slug_path("news:detail", "kein slug")


def test_a_slug_alone_is_reversed_from_its_pattern_and_refused_like_reverse():
    with pytest.raises(Exception, match="Reverse for 'feed-rss' with .*'slug': 'ratssitzung'"):
        Template("{% url 'news:feed-rss' slug='ratssitzung' %}").render(Context())
    with pytest.raises(Exception, match="Reverse for 'share' with .*'slug': 'kein slug'"):
        Template("{% url 'news:share' slug='kein slug' %}").render(Context())


def test_url_tag_keeps_django_behaviour_for_as_and_missing_views():
    rendered = Template("{% url 'gibt-es-nicht' as x %}[{{ x }}]").render(Context())
    assert rendered == "[]"
    with pytest.raises(Exception, match="Reverse for 'gibt-es-nicht' not found"):
        Template("{% url 'gibt-es-nicht' %}").render(Context())
