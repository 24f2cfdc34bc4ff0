import io
import logging
import socket
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from news.demo import load_demo
from news.models import Article
from news.printing import document
from news.printing.document import css_string
from news.printing.pdf import RefusedURL, SafeURLFetcher, render_pdf
from tests.factories import ArticleFactory, ExternalLinkFactory

SITE_URL = "https://news.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Run the render task as soon as it is enqueued, in the test's own process."""
    import weasyprint  # noqa: F401  (once, as the worker does, not in every render's child)

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def get_pdf(client, django_capture_on_commit_callbacks):
    """Ask for an article's PDF as a reader does, let the task render it, and ask again."""

    def get(article, **query):
        with django_capture_on_commit_callbacks(execute=True):
            first = client.get(pdf_url(article, **query))
        response = first if first.status_code != 503 else client.get(pdf_url(article, **query))
        response.body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        )
        return response

    return get


@pytest.fixture
def no_network(monkeypatch):
    """Record, and fail, every attempt to open a connection or resolve a name."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.fixture
def full_article(db, section, image_upload):
    article = ArticleFactory(
        section=section,
        slug="kl-digital-bekommt-neue-geschaeftsleitung",
        title="KL.digital bekommt neue Geschäftsleitung",
        lead="Die KL.digital bekommt zum 1. Februar 2022 eine neue Geschäftsführerin.",
        body=(
            "<p>Die neue Geschäftsführerin heißt Ilona Benz. Mehr auf "
            '<a href="https://www.kaiserslautern.de">der Seite der Stadt</a>.</p>'
        ),
        image=image_upload,
        image_alt="Porträt der neuen Geschäftsführerin",
        image_caption="Die neue Geschäftsführerin der KL.digital, Ilona Benz.",
        image_credit="Thomas Kierok",
        tags=["Smart City", "Kaiserslautern", "KL.digital"],
    )
    ExternalLinkFactory(
        article=article,
        label="https://www.herzlich-digital.de",
        url="https://www.herzlich-digital.de",
    )
    return Article.objects.get(pk=article.pk)


def pdf_url(article, **query):
    url = reverse("news:pdf", kwargs={"slug": article.slug})
    return f"{url}?download=1" if query.get("download") else url


def read_pdf(content):
    return PdfReader(io.BytesIO(content))


def pdf_text(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def walk_structure(node, seen=None):
    """Yield every dictionary of a PDF structure tree."""
    seen = set() if seen is None else seen
    node = node.get_object()
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, dict):
        yield node
        kids = node.get("/K")
        if kids is not None:
            kids = kids.get_object()
            for kid in kids if isinstance(kids, list) else [kids]:
                if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict | list):
                    yield from walk_structure(kid, seen)


def test_pdf_is_inline_application_pdf_named_after_slug(get_pdf, full_article, no_network):
    response = get_pdf(full_article)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == 'inline; filename="kl-digital-bekommt-neue-geschaeftsleitung.pdf"'
    )
    assert response.body.startswith(b"%PDF-")
    assert response["X-Robots-Tag"] == "noindex"
    assert not no_network


def test_download_parameter_serves_pdf_as_attachment(get_pdf, article):
    response = get_pdf(article, download=True)

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{article.slug}.pdf"'


def test_pdf_contains_article_text_running_header_and_footer(get_pdf, full_article):
    reader = read_pdf(get_pdf(full_article).body)
    text = pdf_text(reader)
    flat = " ".join(text.split())

    assert "KL.digital bekommt neue Geschäftsleitung" in flat
    assert "Ilona Benz" in flat
    assert "Bildquelle: Thomas Kierok" in flat
    assert "Stichwörter: Smart City, Kaiserslautern, KL.digital" in flat
    assert "https://www.herzlich-digital.de" in flat
    assert settings.SITE_NAME in flat
    assert "Seite 1 von 1" in flat
    assert f"{SITE_URL}/meldung/kl-digital-bekommt-neue-geschaeftsleitung/" in flat.replace(" ", "")


def test_pdf_metadata_names_title_author_keywords_and_language(get_pdf, full_article):
    reader = read_pdf(get_pdf(full_article).body)

    assert "KL.digital bekommt neue Geschäftsleitung" in reader.metadata.title
    assert reader.metadata.author == "KL.digital GmbH"  # no linked profile: the publisher, not "aö"
    assert reader.metadata["/Keywords"] == "Smart City, Kaiserslautern, KL.digital"
    assert reader.trailer["/Root"]["/Lang"] == "de"


def test_pdf_is_tagged_pdf_ua(get_pdf, full_article):
    reader = read_pdf(get_pdf(full_article).body)
    root = reader.trailer["/Root"]

    assert root["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in root
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()


def test_pdf_lead_image_is_embedded_with_alt_text(get_pdf, full_article):
    reader = read_pdf(get_pdf(full_article).body)
    root = reader.trailer["/Root"]

    images = [image for page in reader.pages for image in page.images]
    assert images
    alts = [node.get("/Alt") for node in walk_structure(root["/StructTreeRoot"])]
    assert "Porträt der neuen Geschäftsführerin" in alts


def test_pdf_embeds_the_portal_fonts(get_pdf, full_article):
    reader = read_pdf(get_pdf(full_article).body)

    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"]
            name = str(font["/BaseFont"]).split("+")[-1].replace("-", "")
            fonts[name] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    assert all(name.startswith(("SourceSerif4", "SourceSans3")) for name in fonts), fonts
    assert any(name.startswith("SourceSerif4") for name in fonts)
    assert any(name.startswith("SourceSans3") for name in fonts)
    assert all(fonts.values()), "every font is embedded"


def test_stored_pdf_is_served_with_cache_headers_and_revalidated(client, get_pdf, article):
    first = get_pdf(article)

    assert first["Cache-Control"] == "public, max-age=60"
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    again = client.get(pdf_url(article), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_failed_render_gives_german_503_logs_and_the_next_version_renders(
    client, get_pdf, article, monkeypatch, caplog
):
    from news.printing import sandbox

    def broken_layout(*args, **kwargs):
        raise RuntimeError("Pango ist kaputt")

    monkeypatch.setattr(sandbox, "lay_out_pdf", broken_layout)

    with caplog.at_level(logging.ERROR, logger="news.printing"):
        response = get_pdf(article)

    assert response.status_code == 503
    assert response["Retry-After"] == "3600"
    assert response["Content-Type"].startswith("text/html")
    assert "Das PDF ist gerade nicht verfügbar" in response.content.decode()
    assert reverse("news:print", kwargs={"slug": article.slug}) in response.content.decode()
    assert "Pango ist kaputt" in caplog.text
    monkeypatch.undo()
    article.save()
    assert get_pdf(article).status_code == 200


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "scheduled"],
)
def test_unpublished_article_pdf_returns_404(get_pdf, section, changes):
    article = ArticleFactory(section=section, **changes)

    assert get_pdf(article).status_code == 404


def test_unpublished_article_pdf_returns_404_for_staff_too(staff_client, section):
    article = ArticleFactory(section=section, status=Article.Status.DRAFT)

    assert staff_client.get(pdf_url(article)).status_code == 404


@pytest.fixture
def fetcher():
    return SafeURLFetcher(f"{SITE_URL}/")


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "http://127.0.0.1:8000/static/css/print.css",
        "http://localhost/static/css/print.css",
        "https://example.org/static/css/print.css",
        f"{SITE_URL}/admin/",
        f"{SITE_URL}/meldung/irgendwas/",
        f"{SITE_URL}/static/../../../../etc/passwd",
        f"{SITE_URL}/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        f"{SITE_URL}/static//etc/passwd",
        f"{SITE_URL}/media/../kldigital/settings.py",
        f"{SITE_URL}/static/css/nicht-da.css",
        "ftp://example.org/datei",
        "javascript:alert(1)",
    ],
)
def test_fetcher_refuses_everything_but_own_static_and_media_files(fetcher, url, no_network):
    with pytest.raises(RefusedURL):
        fetcher(url)

    assert fetcher.refused == [url]
    assert not no_network


def test_fetcher_reads_static_file_from_disk(fetcher, no_network):
    response = fetcher(f"{SITE_URL}/static/fonts/source-serif-4-latin-400-normal.woff")

    assert response.read().startswith(b"wOFF")
    assert response.content_type == "font/woff"
    assert not no_network


def test_fetcher_reads_media_file_from_disk(fetcher, full_article, no_network):
    response = fetcher(f"{SITE_URL}{full_article.picture['src']}")

    assert response.read().startswith(b"\xff\xd8")  # JPEG
    assert response.content_type == "image/jpeg"


def test_fetcher_decodes_data_urls(fetcher):
    response = fetcher("data:text/plain;base64,SGFsbG8=")

    assert response.read() == b"Hallo"


HOSTILE_HTML = """<!DOCTYPE html>
<html lang="de"><head>
<title>Feindliches Dokument</title>
<base href="file:///etc/">
<link rel="stylesheet" href="http://127.0.0.1/boese.css">
<link rel="attachment" href="file:///etc/passwd">
<style>
  @import url("http://127.0.0.1:8000/import.css");
  body { background: url("file:///etc/passwd"); }
  @font-face { font-family: Boese; src: url("http://127.0.0.1/font.woff"); }
</style>
</head><body>
<h1>Sicher gerendert</h1>
<img src="passwd" alt="relativ zur base">
<img src="file:///etc/passwd" alt="Datei">
<img src="http://127.0.0.1/geheim.png" alt="Loopback">
<img src="https://example.org/bild.png" alt="fremder Server">
<iframe src="http://127.0.0.1/"></iframe>
<object data="file:///etc/passwd"></object>
<a rel="attachment" href="file:///etc/hostname">Anhang</a>
<p style="font-family: Boese">Nach den Verweisen.</p>
</body></html>"""


def test_render_refuses_local_files_and_network_but_still_renders(db, no_network):
    fetcher = SafeURLFetcher(f"{SITE_URL}/")

    pdf = render_pdf(HOSTILE_HTML, base_url=SITE_URL, fetcher=fetcher)
    reader = read_pdf(pdf)
    text = pdf_text(reader)

    assert "Sicher gerendert" in text
    assert "Nach den Verweisen." in text
    assert "root:" not in text
    assert not no_network
    assert fetcher.fetched == []
    assert "file:///etc/passwd" in fetcher.refused
    assert any(url.startswith("http://127.0.0.1") for url in fetcher.refused)
    assert f"{SITE_URL}/passwd" in fetcher.refused  # <base> was ignored
    assert "file:///etc/hostname" not in fetcher.refused  # the attachment link was defused
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    assert not any(
        "/FileAttachment" in str(annotation.get_object().get("/Subtype"))
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    )


def test_article_body_with_local_and_loopback_references_still_renders(
    get_pdf, section, no_network
):
    article = ArticleFactory(
        section=section,
        body=(
            '<p>Vorher <img src="file:///etc/passwd"> <img src="http://127.0.0.1/x.png">'
            '<a href="http://127.0.0.1:8000/intern/">intern</a> '
            '<a href="file:///etc/passwd">Datei</a> nachher.</p>'
        ),
    )

    response = get_pdf(article)

    assert response.status_code == 200
    text = " ".join(pdf_text(read_pdf(response.body)).split())
    assert "Vorher" in text
    assert "nachher." in text
    assert "root:" not in text
    assert not no_network


def test_every_demo_article_can_be_printed_downloaded_and_shared(client, get_pdf, db, no_network):
    load_demo()

    for slug in (
        "kl-digital-bekommt-neue-geschaeftsleitung",
        "ilona-benz-wird-chief-digital-officer",
    ):
        assert client.get(reverse("news:print", kwargs={"slug": slug})).status_code == 200
        response = get_pdf(Article.objects.get(slug=slug), download=True)
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="{slug}.pdf"'
        assert read_pdf(response.body).pages
        assert client.get(reverse("news:share", kwargs={"slug": slug})).status_code == 200
    assert not no_network


def test_css_string_escapes_quotes_backslashes_and_line_breaks():
    assert css_string('Sie sagt "Ja" \\ \n') == '"Sie sagt \\22 Ja\\22  \\5c  \\a "'


def test_headline_with_css_syntax_stays_text_in_running_header(get_pdf, section):
    title = 'Er sagt "Hallo" } @page { margin: 0 } \\'
    article = ArticleFactory(section=section, title=title)

    reader = read_pdf(get_pdf(article).body)

    header = reader.pages[0].extract_text()
    assert header.count('Er sagt "Hallo" } @page { margin: 0 }') == 2  # headline and header


def test_a_changed_print_layout_gets_new_pdf_versions(article, monkeypatch):
    document.pdf_layout.cache_clear()
    before = document.article_pdf_version(article)
    monkeypatch.setattr(document, "PDF_TEMPLATES", (*document.PDF_TEMPLATES, "404.html"))
    document.pdf_layout.cache_clear()
    try:
        assert document.article_pdf_version(article) != before
    finally:
        monkeypatch.undo()
        document.pdf_layout.cache_clear()
    assert document.article_pdf_version(article) == before
