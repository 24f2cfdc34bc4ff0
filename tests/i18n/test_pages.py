"""The public interface in German, English, Arabic and Ukrainian: addresses, <html lang dir>,
the language switcher, hreflang alternates and what caches see."""

import re

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import resolve, reverse
from django.utils import translation

from kldigital.i18n import page_languages
from tests.factories import ArticleFactory, PersonFactory, TermFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


@pytest.fixture
def article(db, section):
    return ArticleFactory(section=section, slug="neue-leitung", title="Neue Leitung")


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def switcher(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]*)" lang="(\w+)" hreflang="\w+"( aria-current="true")?', nav)


def alternates(html):
    return re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]*)">', html)


def test_german_addresses_stay_unprefixed_and_others_get_their_prefix(article):
    assert reverse("news:detail", args=["neue-leitung"]) == "/meldung/neue-leitung/"
    with translation.override("en"):
        assert reverse("news:detail", args=["neue-leitung"]) == "/en/meldung/neue-leitung/"
        assert article.get_absolute_url() == "/en/meldung/neue-leitung/"
        assert reverse("people:list") == "/en/personen/"
        assert reverse("admin:index") == "/admin/"
        assert reverse("sitemap") == "/sitemap.xml"
        assert reverse("oparl:system") == "/oparl/v1/"


@pytest.mark.parametrize("path", ["/en/admin/", "/en/oparl/v1/", "/en/sitemap.xml", "/de/"])
def test_what_stays_unprefixed_has_no_prefixed_twin(client, path):
    assert client.get(path).status_code == 404


def test_german_page_is_german(client, article):
    html = page(client, "/meldung/neue-leitung/")
    assert '<html lang="de">' in html
    assert "Aktuelle Meldungen" in html and "Druckversion" in html


@pytest.mark.parametrize(
    "path, words",
    [
        ("/en/", ["Latest news", "Skip to content", "Main navigation", "Manage subscription"]),
        (
            "/en/meldung/neue-leitung/",
            ["Print version", "E-mail a link", "Print or share this article"],
        ),
        ("/en/suche/?q=Leitung", ["results in articles for “Leitung”"]),
        ("/en/newsletter/", ["Newsletter: manage subscription", "Subscribe to the newsletter"]),
        ("/en/personen/", ["Who holds which office, since when"]),
        ("/uk/", ["Останні новини", "Перейти до змісту"]),
        ("/ar/", ["آخر الأخبار", "انتقل إلى المحتوى"]),
    ],
)
def test_prefixed_pages_speak_their_language(client, article, path, words):
    html = page(client, path)
    for word in words:
        assert word in html
    assert "Zum Inhalt springen" not in html and "Aktuelle Meldungen" not in html


def test_arabic_pages_run_right_to_left_and_others_left_to_right(client, article):
    assert '<html lang="ar" dir="rtl">' in page(client, "/ar/meldung/neue-leitung/")
    # Without an Arabic translation the printed document is the German original, all German.
    assert '<html lang="de" dir="ltr">' in page(client, "/ar/meldung/neue-leitung/druck/")
    assert '<html lang="uk">' in page(client, "/uk/meldung/neue-leitung/")
    assert '<meta property="og:locale" content="ar_AR">' in page(client, "/ar/")


def test_view_headings_are_translated(client, article):
    article.tags.set(["Smart City"])
    year = article.published_at.year
    assert "<h1>Tag: Smart City</h1>" in page(client, "/en/stichwort/smart-city/")
    assert f"<h1>Archive {year}</h1>" in page(client, f"/en/archiv/{year}/")
    assert f"<h1>Архів {year}</h1>" in page(client, f"/uk/archiv/{year}/")


def test_switcher_links_the_same_page_in_every_language(client, article):
    links = switcher(page(client, "/en/meldung/neue-leitung/"))
    assert links == [
        ("/meldung/neue-leitung/", "de", ""),
        ("/en/meldung/neue-leitung/", "en", ' aria-current="true"'),
        ("/ar/meldung/neue-leitung/", "ar", ""),
        ("/uk/meldung/neue-leitung/", "uk", ""),
    ]


def test_switcher_names_each_language_in_itself(client, article):
    html = page(client, "/")
    for name in ["Deutsch", "English", "العربية", "Українська"]:
        assert f">{name}</a>" in html


def test_switcher_leaves_the_query_behind(client, article):
    links = switcher(page(client, "/suche/?q=%3Cscript%3E"))
    assert [path for path, *_ in links] == ["/suche/", "/en/suche/", "/ar/suche/", "/uk/suche/"]


def test_every_page_names_its_alternates_and_german_as_default(client, article):
    assert alternates(page(client, "/ar/personen/")) == [
        ("de", f"{SITE}/personen/"),
        ("en", f"{SITE}/en/personen/"),
        ("ar", f"{SITE}/ar/personen/"),
        ("uk", f"{SITE}/uk/personen/"),
        ("x-default", f"{SITE}/personen/"),
    ]


def test_page_not_found_has_no_alternates_and_links_each_start_page(client):
    response = client.get("/en/gibt-es-nicht/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and '<html lang="en">' in html
    assert alternates(html) == []
    assert [path for path, *_ in switcher(html)] == ["/", "/en/", "/ar/", "/uk/"]


def test_translation_urls_from_the_view_win(rf_request):
    urls = {"de": "/meldung/neue-leitung/", "en": "/en/meldung/new-management/"}
    languages = page_languages(rf_request("/en/meldung/new-management/"), urls)
    assert [link.path for link in languages.links] == [
        "/meldung/neue-leitung/",
        "/en/meldung/new-management/",
        "/ar/meldung/neue-leitung/",  # not translated: the German page under its prefix
        "/uk/meldung/neue-leitung/",
    ]
    assert languages.alternates == [
        ("de", f"{SITE}/meldung/neue-leitung/"),
        ("en", f"{SITE}/en/meldung/new-management/"),
        ("x-default", f"{SITE}/meldung/neue-leitung/"),
    ]


def test_base_template_uses_translation_urls(rf_request, article):
    urls = {"de": "/meldung/neue-leitung/", "uk": "/uk/meldung/nove-kerivnytstvo/"}
    request = rf_request("/uk/meldung/neue-leitung/")
    html = render_to_string("base.html", {"translation_urls": urls}, request=request)
    assert alternates(html) == [
        ("de", f"{SITE}/meldung/neue-leitung/"),
        ("uk", f"{SITE}/uk/meldung/nove-kerivnytstvo/"),
        ("x-default", f"{SITE}/meldung/neue-leitung/"),
    ]
    assert ("/uk/meldung/nove-kerivnytstvo/", "uk", ' aria-current="true"') in switcher(html)


@pytest.fixture
def rf_request():
    def make(path):
        translation.activate(translation.get_language_from_path(path) or "de")
        request = RequestFactory().get(path)
        request.resolver_match = resolve(path)
        return request

    yield make
    translation.activate("de")


@pytest.mark.parametrize("path", ["/", "/meldung/neue-leitung/", "/personen/", "/admin/login/"])
def test_german_pages_do_not_vary_by_accept_language(client, article, path):
    english = client.get(path, HTTP_ACCEPT_LANGUAGE="en,ar;q=0.5")
    assert "Accept-Language" not in english.get("Vary", "")
    assert english["Content-Language"] == "de"
    if not path.startswith("/admin/"):  # the login form carries a fresh CSRF token each time
        assert english.content == client.get(path, HTTP_ACCEPT_LANGUAGE="uk").content


def test_page_cache_keeps_each_language_apart(client, article, settings):
    settings.NEWS_PAGE_CACHE_SECONDS = 600
    for _ in range(2):  # the second round comes from the cache
        assert "Aktuelle Meldungen" in page(client, "/meldung/neue-leitung/")
        assert "Latest news" in page(Client(HTTP_ACCEPT_LANGUAGE="de"), "/en/meldung/neue-leitung/")
        assert "آخر الأخبار" in page(client, "/ar/meldung/neue-leitung/")


def test_form_errors_come_in_the_pages_language(client, article):
    html = client.post("/en/meldung/neue-leitung/mailen/", {"recipient": "a@b"}).content.decode()
    assert "Please enter a valid e-mail address, e.g. name@example.org." in html
    html = client.post("/uk/barriere-melden/", {"description": ""}).content.decode()
    assert "Будь ласка, опишіть бар’єр." in html


def test_link_mailen_from_an_english_page_sends_an_english_mail(client, article, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post("/en/meldung/neue-leitung/mailen/", {"recipient": "n@example.org"})
    assert response["Location"] == "/en/meldung/neue-leitung/"
    [message] = mail.outbox
    assert message.subject == "Recommended reading from KL.digital Nachrichten: Neue Leitung"
    assert "would like to draw your attention to this article" in message.body
    assert '<html lang="en">' in message.alternatives[0][0]


def test_people_pages_tell_periods_in_the_language(client):
    term = TermFactory(person=PersonFactory(slug="ilona-benz"), start="2017", end=None)
    assert "since <time" in page(client, f"/en/personen/{term.person.slug}/")
    assert "з <time" in page(client, f"/uk/personen/{term.person.slug}/")
    assert "seit <time" in page(client, f"/personen/{term.person.slug}/")


def test_structured_data_of_lists_names_the_interface_language(client, article):
    assert '"inLanguage": "en"' in page(client, "/en/")
    assert '"inLanguage": "uk"' in page(client, f"/uk/rubrik/{article.section.slug}/")
    assert '"inLanguage": "de"' in page(client, "/")
