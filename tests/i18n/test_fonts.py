"""Fonts for every script of the interface: Latin (with Latin Extended), Cyrillic and Arabic,
self-hosted, declared with unicode-range, and the same faces in the PDF."""

import io
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from pypdf import PdfReader

from news.printing.pdf import read_static_text, render_pdf

FACE = re.compile(r"@font-face \{(.*?)\}", re.S)
STACKS = {"Source Sans 3": "IBM Plex Sans Arabic", "Source Serif 4": "Amiri"}
# A letter of each script a page may show: German, Polish names, Ukrainian, Arabic.
LETTERS = {"latin": "ß", "latin-ext": "Ł", "cyrillic": "ї", "ukrainian ghe": "ґ", "arabic": "ع"}
SCRIPT_FAMILIES = {
    "latin": ["Source Sans 3", "Source Serif 4"],
    "latin-ext": ["Source Sans 3", "Source Serif 4"],
    "cyrillic": ["Source Sans 3", "Source Serif 4"],
    "ukrainian ghe": ["Source Sans 3", "Source Serif 4"],
    "arabic": ["IBM Plex Sans Arabic", "Amiri"],
}


def faces(css):
    """Return (family, weight, style, urls, ranges) for each @font-face of a stylesheet."""
    result = []
    for body in FACE.findall(css):
        family = re.search(r'font-family: "([^"]+)"', body)[1]
        weight = re.search(r"font-weight: (\d+)", body)[1]
        style = re.search(r"font-style: (\w+)", body)[1]
        urls = re.findall(r'url\("\.\./([^"]+)"\)', body)
        ranges = []
        for start, end in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", body):
            ranges.append((int(start, 16), int(end or start, 16)))
        result.append((family, weight, style, urls, ranges))
    return result


def covering(css, letter, family, weight="400", style="normal"):
    return [
        urls
        for face_family, face_weight, face_style, urls, ranges in faces(css)
        if (face_family, face_weight, face_style) == (family, weight, style)
        and any(start <= ord(letter) <= end for start, end in ranges)
    ]


@pytest.mark.parametrize("stylesheet", ["css/fonts.css", "css/pdf.css"])
def test_every_declared_font_file_is_collected(stylesheet):
    urls = [url for *_, face_urls, _ in faces(read_static_text(stylesheet)) for url in face_urls]
    assert len(urls) >= 28
    missing = [url for url in urls if not staticfiles_storage.exists(url)]
    assert missing == [], "run the Makefile's assets target (README, Languages)"


@pytest.mark.parametrize("stylesheet", ["css/fonts.css", "css/pdf.css"])
@pytest.mark.parametrize("script", LETTERS)
def test_each_script_has_a_regular_and_a_bold_face(stylesheet, script):
    css = read_static_text(stylesheet)
    for family in SCRIPT_FAMILIES[script]:
        for weight in ("400", "700"):
            assert covering(css, LETTERS[script], family, weight), (family, weight, script)


def test_faces_name_their_unicode_range_so_browsers_load_only_what_text_needs():
    assert all(ranges for *_, ranges in faces(read_static_text("css/fonts.css")))


@pytest.mark.parametrize(
    "family", ["source-sans-3", "source-serif-4", "ibm-plex-sans-arabic", "amiri"]
)
def test_font_licences_ship_with_the_fonts(family):
    assert finders.find(f"fonts/{family}-LICENSE.txt")


@pytest.mark.parametrize("stylesheet", ["css/site.css", "css/print.css", "css/pdf.css"])
def test_font_stacks_fall_back_to_the_arabic_family(stylesheet):
    css = read_static_text(stylesheet)
    for latin, arabic in STACKS.items():
        stacks = re.findall(rf'"{latin}",([^;]*);', css)
        assert all(stack.lstrip().startswith(f'"{arabic}"') for stack in stacks), stacks


def test_pdf_sets_cyrillic_and_arabic_in_the_portal_fonts_and_text_extracts():
    html = (
        '<html lang="uk"><body><h1>Нова керівниця: Ґанна Їжакевич</h1>'
        '<p>Кайзерслаутерн. Überschrift. <span lang="ar">مدينة كايزرسلاوترن الرقمية</span></p>'
        '<h2 lang="ar">تنشر الأخبار بثلاث لغات</h2>'
        "</body></html>"
    )
    stylesheets = [read_static_text("css/print.css"), read_static_text("css/pdf.css")]
    reader = PdfReader(
        io.BytesIO(render_pdf(html, base_url=settings.SITE_URL + "/", stylesheets=stylesheets))
    )
    fonts = set()
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1].replace("-", ""))
    families = ("SourceSans3", "SourceSerif4", "IBMPlexSansArabic", "Amiri")
    assert {family for family in families if any(f.startswith(family) for f in fonts)} == set(
        families
    )
    assert all(name.startswith(families) for name in fonts), fonts
    text = reader.pages[0].extract_text()
    assert "Нова керівниця: Ґанна Їжакевич" in text and "Кайзерслаутерн." in text
    # Each Arabic glyph maps back to its letter (Noto's Arabic fonts failed here).
    assert "مدينة كايزرسلاوترن الرقمية" in text and "تنشر الأخبار بثلاث لغات" in text
