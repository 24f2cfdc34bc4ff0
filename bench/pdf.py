#!/usr/bin/env python
"""Time the PDF of the seed article: the render task, the stored-file response, plain WeasyPrint.

    make collectstatic && .venv/bin/python bench/pdf.py [--runs 5]

The script loads the demo content into a throw-away SQLite database and media folder (never
the project's own), uses the local-memory cache and opens no network connection. It prints:

- the time to import WeasyPrint (once per worker), the render child's peak memory, the
  render task (print template, child process under the limits, file stored in media), and
  the portal's response to /meldung/<seed>/pdf/ that streams the stored file;
- plain WeasyPrint on the same HTML and stylesheets, with the portal's options (PDF/UA-1,
  optimised images) and with WeasyPrint's defaults (untagged), so that what the portal adds
  (template, fork, limits, storage) is the difference between the rows.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_SLUG = "kl-digital-bekommt-neue-geschaeftsleitung"


def configure(workdir):
    """Point Django at a scratch database and media folder before it is set up."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["DJANGO_MEDIA_ROOT"] = f"{workdir}/media"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-not-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kldigital.settings")


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def row(label, seconds, size=None):
    """Print one measurement: the median of several runs, with their spread."""
    if isinstance(seconds, list):
        low, high = min(seconds) * 1000, max(seconds) * 1000
        times = f"{statistics.median(seconds) * 1000:9.1f} ms  (min {low:.1f}, max {high:.1f})"
    else:
        times = f"{seconds * 1000:9.1f} ms"
    print(f"{label:<50} {times}" + (f"  {size / 1024:.0f} KiB" if size else ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions per measurement")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kldigital-bench-") as workdir:
        configure(workdir)
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client
        from django.urls import reverse

        from news.demo import load_demo
        from news.models import ArticlePDF
        from news.printing import document
        from news.printing.pdf import PDF_VARIANT, SafeURLFetcher
        from news.printing.sandbox import RenderLimits, render_in_child
        from news.printing.services import article_pdf_render

        call_command("migrate", verbosity=0)
        load_demo()
        article = document.printable_articles().get(slug=SEED_SLUG)
        url = reverse("news:pdf", kwargs={"slug": SEED_SLUG})
        client = Client()

        def render_task():
            ArticlePDF.objects.filter(article=article).delete()
            return article_pdf_render(article.pk)

        def get_pdf():
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return b"".join(response.streaming_content)

        print(f"PDF of {url}: median of {args.runs} runs per row\n")
        seconds, _ = timed(lambda: __import__("weasyprint"))
        row("import weasyprint (once per worker)", seconds)
        html, stylesheets = document.article_pdf_source(article)
        result = render_in_child(
            html,
            base_url=settings.SITE_URL,
            stylesheets=stylesheets,
            limits=RenderLimits.from_settings(),
        )
        print(f"  render child: peak {result.peak_memory_mb:.0f} MB, {result.page_count} pages")
        renders = [timed(render_task)[0] for _ in range(args.runs)]
        row("render task: child process, limits, stored file", renders)
        pdf = get_pdf()
        served = [timed(get_pdf)[0] for _ in range(args.runs)]
        row("portal, stored-file response", served, len(pdf))

        def print_html():
            return document.article_pdf_source(article)[0]

        template_times = [timed(print_html)[0] for _ in range(args.runs)]
        row("  of which: print template to HTML", template_times)
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        def plain(**options):
            # The portal's fetcher all the same: WeasyPrint's own would go to the network.
            fetcher = SafeURLFetcher(settings.SITE_URL + "/")
            fonts = FontConfiguration()
            css = [
                CSS(
                    string=text,
                    base_url=f"{fetcher.static_prefix}css/",
                    url_fetcher=fetcher,
                    font_config=fonts,
                )
                for text in stylesheets
            ]
            document = HTML(string=html, base_url=settings.SITE_URL + "/", url_fetcher=fetcher)
            return document.write_pdf(stylesheets=css, font_config=fonts, **options)

        portal_options = {"pdf_variant": PDF_VARIANT, "optimize_images": True}
        runs = [timed(lambda: plain(**portal_options)) for _ in range(args.runs)]
        row("plain WeasyPrint, same HTML, PDF/UA-1 options", [s for s, _ in runs], len(runs[0][1]))
        runs = [timed(plain) for _ in range(args.runs)]
        row("plain WeasyPrint, same HTML, default options", [s for s, _ in runs], len(runs[0][1]))


if __name__ == "__main__":
    main()
