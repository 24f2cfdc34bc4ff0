"""The article PDFs have the structure PDF/UA-1 asks for, read back with pypdf.

Tagged (a structure tree, MarkInfo /Marked), a document language, a title shown in the
window title bar (DisplayDocTitle), alternative text on every figure, all fonts embedded.
"""

import io

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from tests.validators.conftest import CORRECTION_TEXT

pytestmark = [pytest.mark.validators, pytest.mark.django_db]
PDFS = ["with_image", "without_image", "corrected"]


def reader(rendered, name):
    content = rendered["pdfs"][name]
    assert content.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(content))


def resolve(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


def structure_elements(node):
    """Yield every structure element below a node of the structure tree."""
    node = resolve(node)
    kids = node.get("/K") if isinstance(node, DictionaryObject) else None
    if kids is None:
        return
    for kid in kids if isinstance(resolve(kids), ArrayObject) else [kids]:
        kid = resolve(kid)
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            yield kid
            yield from structure_elements(kid)


def fonts(pdf):
    """Yield the font dictionaries of every page, descendant fonts included."""
    for page in pdf.pages:
        resources = resolve(page.get("/Resources", {}))
        for font in resolve(resources.get("/Font", {})).values():
            font = resolve(font)
            yield font
            for descendant in resolve(font.get("/DescendantFonts", [])):
                yield resolve(descendant)


@pytest.mark.parametrize("name", PDFS)
def test_pdf_has_the_structure_of_pdf_ua(rendered, name):
    pdf = reader(rendered, name)
    catalog = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert resolve(catalog["/MarkInfo"])["/Marked"].value is True
    assert str(catalog["/Lang"]).startswith("de")
    assert resolve(catalog["/ViewerPreferences"])["/DisplayDocTitle"].value is True
    assert pdf.metadata.title


@pytest.mark.parametrize("name", PDFS)
def test_pdf_embeds_every_font(rendered, name):
    checked = 0
    for font in fonts(reader(rendered, name)):
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:
            continue  # a Type0 font: its descendant carries the descriptor
        descriptor = resolve(descriptor)
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font.get("/BaseFont")
        checked += 1
    assert checked


def test_every_figure_has_alternative_text(rendered):
    pdf = reader(rendered, "with_image")
    figures = [
        element
        for element in structure_elements(pdf.trailer["/Root"]["/StructTreeRoot"])
        if element["/S"] == "/Figure"
    ]
    assert figures
    for figure in figures:
        assert str(figure.get("/Alt", "")).strip()
    alts = {str(figure["/Alt"]) for figure in figures}
    assert "Porträt von Ilona Benz vor der Fruchthalle" in alts


def test_pdf_metadata_names_the_publisher_or_the_author_profile(rendered):
    assert reader(rendered, "with_image").metadata.author == "KL.digital GmbH"
    assert reader(rendered, "corrected").metadata.author == "Anna Öztürk"


def test_pdf_prints_the_correction(rendered):
    text = " ".join(page.extract_text() for page in reader(rendered, "corrected").pages)
    text = " ".join(text.split())
    assert "Korrektur vom" in text
    assert " ".join(CORRECTION_TEXT.split()) in text
    assert "Aktualisiert am" in text
