"""HTML to PDF with WeasyPrint, reading nothing but the portal's own static and media files.

WeasyPrint fetches every URL a document names (images, fonts, stylesheets, attachments).
Left to its default fetcher it would follow file:// to any readable file and http(s)://
to any host, including services on the server's own loopback. `SafeURLFetcher` maps the
portal's static and media URLs to files on disk, decodes data: URLs and refuses the rest,
so a render never opens a socket and never reads outside the static and media folders.

WeasyPrint is imported inside the functions: it loads Pango and fontTools, which costs
about half a second, and most processes never render a PDF.
"""

import logging
import mimetypes
from posixpath import normpath
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import DataHandler, Request

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/ua-1"

# Elements whose only job in a PDF would be to fetch something or to move the base URL.
# Stylesheets reach the renderer as strings, never through <link>.
STRIPPED_TAGS = {"base", "link", "script", "iframe", "object", "embed"}


class RefusedURL(ValueError):
    """A document asked for a URL outside the portal's static and media files."""


def static_file_path(name):
    """Return the path on disk of a static file ("css/print.css"), or None if there is none.

    Collected files (STATIC_ROOT, with their fingerprinted names) come first; without
    collectstatic, as in development, the finders look in the apps and STATICFILES_DIRS.
    """
    name = _clean_relative_path(name)
    if name is None:
        return None
    try:
        if staticfiles_storage.exists(name):
            return staticfiles_storage.path(name)
    except (SuspiciousFileOperation, NotImplementedError):
        return None
    return finders.find(name)


def read_static_text(name):
    """Return the text of a static file such as a stylesheet; raise FileNotFoundError without it."""
    path = static_file_path(name)
    if path is None:
        raise FileNotFoundError(f"Static file not found: {name}")
    with open(path, encoding="utf-8") as file:
        return file.read()


def _clean_relative_path(name):
    """Return a normalised relative path, or None if it could leave its folder."""
    if not name or "\x00" in name or "\\" in name or name.startswith("/"):
        return None
    if any(part in ("..", ".") for part in name.split("/")):
        return None
    name = normpath(name)
    return None if name.startswith("..") else name


class SafeURLFetcher:
    """A WeasyPrint URL fetcher for the portal's own static and media files and data: URLs.

    `base_url` is the portal's public address (SITE_URL); "/static/…" and "/media/…" below
    it, or below absolute STATIC_URL / MEDIA_URL, are read from disk through Django's
    storages, whose safe_join refuses paths that climb out of their folder. Everything
    else, file:// and http(s):// to any host included, raises RefusedURL, which WeasyPrint
    logs and treats like a missing resource. Refused URLs are kept in `refused`.
    """

    # The interface of weasyprint.urls.URLFetcher, without subclassing it so that importing
    # this module does not import WeasyPrint. False: a refused URL becomes a warning and a
    # missing image or font, not a failed render.
    _fail_on_errors = False

    def __init__(self, base_url):
        self.static_prefix = urljoin(base_url, settings.STATIC_URL)
        self.media_prefix = urljoin(base_url, settings.MEDIA_URL)
        self.fetched = []
        self.refused = []

    def __call__(self, url):
        return self.fetch(url)

    def fetch(self, url, headers=None):
        from weasyprint.urls import URLFetcherResponse

        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            response = DataHandler().data_open(Request(url))
            return URLFetcherResponse(
                url, response.read(), headers={"Content-Type": response.headers["Content-Type"]}
            )
        if scheme in ("http", "https"):
            path = self._local_path(url)
            if path is not None:
                with open(path, "rb") as file:
                    body = file.read()
                self.fetched.append(url)
                content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body, headers={"Content-Type": content_type})
        self.refused.append(url)
        logger.warning("PDF: refused to fetch %s", url[:200])
        raise RefusedURL(
            f"Only the portal's own static and media files may be fetched: {url[:200]}"
        )

    def _local_path(self, url):
        """Return the file on disk that a static or media URL names, or None."""
        address = url.split("#", 1)[0].split("?", 1)[0]
        for prefix, find in (
            (self.static_prefix, static_file_path),
            (self.media_prefix, self._media_file_path),
        ):
            if address.startswith(prefix):
                name = _clean_relative_path(unquote(address[len(prefix) :]))
                return find(name) if name else None
        return None

    @staticmethod
    def _media_file_path(name):
        try:
            path = default_storage.path(name)
        except (SuspiciousFileOperation, NotImplementedError):
            # NotImplementedError: remote storage (S3); such media is not read while rendering.
            return None
        return path if default_storage.exists(name) else None


def _strip_elements(root):
    """Remove <base>, <link> and embedding elements from a parsed page; drop rel="attachment"."""
    doomed = []
    for parent in root.iter():
        for index, child in enumerate(parent):
            if child.tag in STRIPPED_TAGS:
                doomed.append((parent, index, child))
            elif "attachment" in (child.get("rel") or "").lower().split():
                del child.attrib["rel"]
    for parent, index, child in reversed(doomed):  # from the back, so indexes stay valid
        if child.tail:  # the text after the element belongs to the page
            if index:
                parent[index - 1].tail = (parent[index - 1].tail or "") + child.tail
            else:
                parent.text = (parent.text or "") + child.tail
        parent.remove(child)


class PageLimitExceeded(Exception):
    """A document laid out to more pages than a render may produce."""


def lay_out_pdf(html, *, base_url, stylesheets=(), fetcher=None, **options):
    """Return an HTML string laid out as pages (a WeasyPrint Document) and its PDF options.

    `base_url` is the address relative links in the document resolve against (SITE_URL),
    `stylesheets` are CSS texts; their relative URLs (fonts) resolve against STATIC_URL/css/.
    Further keyword arguments are WeasyPrint options for write_pdf().
    """
    from weasyprint import CSS, DEFAULT_OPTIONS, HTML
    from weasyprint.text.fonts import FontConfiguration

    base_url = base_url.rstrip("/") + "/"
    fetcher = fetcher or SafeURLFetcher(base_url)
    font_config = FontConfiguration()
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    # The parsed tree is not laid out yet: removing elements now is what the renderer sees.
    # A <base> has already moved document.base_url; put it back.
    _strip_elements(document.etree_element)
    document.base_url = base_url
    css_base_url = urljoin(fetcher.static_prefix, "css/")
    css = [
        CSS(string=text, base_url=css_base_url, url_fetcher=fetcher, font_config=font_config)
        for text in stylesheets
    ]
    options = {**DEFAULT_OPTIONS, "pdf_variant": PDF_VARIANT, **options, "stylesheets": css}
    return document.render(font_config=font_config, **options), options


def check_page_count(document, max_pages):
    """Raise PageLimitExceeded if a laid-out document has more than `max_pages` pages."""
    if max_pages is not None and len(document.pages) > max_pages:
        raise PageLimitExceeded(f"{len(document.pages)} Seiten, erlaubt sind {max_pages}")


def render_pdf(html, *, max_pages=None, **kwargs):
    """Return the PDF bytes of an HTML string, tagged as PDF/UA-1, fetching only local files.

    Takes the arguments of lay_out_pdf(); more than `max_pages` pages raise
    PageLimitExceeded before the PDF is written.
    """
    document, options = lay_out_pdf(html, **kwargs)
    check_page_count(document, max_pages)
    return document.write_pdf(**options)
