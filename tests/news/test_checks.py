"""Checks before publishing, one by one, through the article admin form."""

import pytest
from django.contrib.messages import get_messages

from news.models import Article
from tests.conftest import make_image_upload
from tests.factories import ArticleFactory
from tests.news.test_admin import ADD_URL, article_form

pytestmark = pytest.mark.django_db


def post(client, section, status, **fields):
    """Post the add form and return (form errors, warning messages shown after saving)."""
    response = client.post(ADD_URL, article_form(section, status=status, **fields), follow=True)
    errors = response.context["adminform"].form.errors if "adminform" in response.context else {}
    warnings = [str(m) for m in get_messages(response.wsgi_request)] or [
        str(m) for m in response.context.get("messages", [])
    ]
    return errors, warnings


def test_missing_alt_text_blocks_publishing_but_not_a_draft(chief_client, section):
    image = {"image": make_image_upload(), "image_alt": ""}
    errors, _ = post(chief_client, section, "published", **image)
    assert "Das Bild hat keinen Alternativtext" in errors["image_alt"][0]
    assert not Article.objects.exists()

    errors, warnings = post(chief_client, section, "draft", image=make_image_upload())
    assert not errors
    assert Article.objects.get().status == Article.Status.DRAFT
    assert any(
        "Alternativtext – Das Bild hat keinen" in w or "Alternativtext:" in w for w in warnings
    )


def test_alt_text_present_publishes(chief_client, section):
    errors, _ = post(
        chief_client, section, "published", image=make_image_upload(), image_alt="Radweg"
    )
    assert not errors
    assert Article.objects.get().status == Article.Status.PUBLISHED


def test_skipped_heading_level_blocks_publishing_and_names_the_heading(chief_client, section):
    body = "<h2>Der Plan</h2><p>a</p><h4>Kosten &amp; Zeit</h4><p>b</p>"
    errors, _ = post(chief_client, section, "published", body=body)
    message = errors["body"][0]
    assert "„Kosten & Zeit“" in message
    assert "Ebene 3 wird übersprungen" in message
    assert not Article.objects.exists()

    errors, warnings = post(chief_client, section, "draft", body=body)
    assert not errors
    assert any("Kosten & Zeit" in w for w in warnings)


def test_a_body_starting_at_h3_skips_a_level(chief_client, section):
    errors, _ = post(chief_client, section, "published", body="<h3>Zuerst</h3><p>a</p>")
    assert "Ebene 2 wird übersprungen" in errors["body"][0]


def test_headings_in_order_publish(chief_client, section):
    body = "<h2>Eins</h2><h3>Zwei</h3><h4>Drei</h4><h2>Vier</h2><h3>Fünf</h3>"
    errors, warnings = post(chief_client, section, "published", body=body)
    assert not errors
    assert not any("Ebene" in w for w in warnings)


@pytest.mark.parametrize(
    "text", ["hier", "Mehr", "Klicken Sie hier", "Link", "https://www.kaiserslautern.de/rat"]
)
def test_vague_or_bare_link_texts_warn_without_blocking(chief_client, section, text):
    body = f'<p>Die Unterlagen gibt es <a href="https://www.kaiserslautern.de/rat">{text}</a>.</p>'
    errors, warnings = post(chief_client, section, "published", body=body)
    assert not errors
    assert Article.objects.get().status == Article.Status.PUBLISHED
    assert any(f"Linktext „{text}“" in w for w in warnings)


def test_a_descriptive_link_text_gets_no_warning(chief_client, section):
    body = '<p>Siehe <a href="https://www.kaiserslautern.de/rat">Sitzungskalender</a>.</p>'
    _, warnings = post(chief_client, section, "published", body=body)
    assert not any("Linktext" in w for w in warnings)


def test_empty_lead_blocks_publishing_but_a_draft_may_lack_it(chief_client, section):
    errors, _ = post(chief_client, section, "published", lead="  ")
    assert "Der Vorspann fehlt" in errors["lead"][0]

    errors, warnings = post(chief_client, section, "draft", lead="")
    assert not errors
    assert any("Vorspann fehlt" in w for w in warnings)


def test_long_lead_warns_and_quotes_where_it_is_cut(chief_client, section):
    lead = "Die Stadt baut Radwege. " * 12 + "Das Ende fehlt im Anreißer."
    errors, warnings = post(chief_client, section, "published", lead=lead)
    assert not errors
    assert any(f"Der Vorspann hat {len(lead.strip())} Zeichen" in w for w in warnings)

    _, warnings = post(chief_client, section, "published", lead="Kurz.", slug="zwei")
    assert not any("Vorspann" in w for w in warnings)


def test_long_title_warns_but_publishes(chief_client, section):
    title = "Stadtrat beschließt neue Radwege in der Innenstadt und am Betzenberg bis 2027"
    assert len(title) > 70
    errors, warnings = post(chief_client, section, "published", title=title)
    assert not errors
    assert any("Die Überschrift hat" in w and "Feeds" in w for w in warnings)

    _, warnings = post(chief_client, section, "published", title="Neue Radwege", slug="kurz")
    assert not any("Überschrift hat" in w for w in warnings)


def test_small_image_warns_with_the_smallest_rendition_width(chief_client, section):
    small = make_image_upload(size=(320, 200))
    errors, warnings = post(chief_client, section, "published", image=small, image_alt="Rad")
    assert not errors
    assert any("nur 320 Pixel breit" in w and "480 Pixel" in w for w in warnings)

    wide = make_image_upload(size=(800, 450))
    _, warnings = post(
        chief_client, section, "published", image=wide, image_alt="Rad", slug="breit"
    )
    assert not any("Pixel breit" in w for w in warnings)


def test_change_form_lists_findings_escaped_atop_the_form(chief_client, section):
    article = ArticleFactory(
        section=section, status=Article.Status.DRAFT, lead="", body='<p><a href="/x">hier</a></p>'
    )
    article.body = "<h2>a</h2><h4>&lt;script&gt;alert(1)&lt;/script&gt;</h4>"
    Article.objects.filter(pk=article.pk).update(body=article.body)

    page = chief_client.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    assert "Hinweise vor dem Veröffentlichen" in page
    assert "Vor dem Veröffentlichen beheben</strong> – Vorspann" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert page.index("Hinweise vor dem Veröffentlichen") < page.index('name="title"')


def test_a_clean_article_gets_no_notes(chief_client, article):
    page = chief_client.get(f"/admin/news/article/{article.pk}/change/").content.decode()
    assert "Keine Hinweise" in page


def test_messages_after_saving_quote_the_text_escaped(chief_client, section):
    body = "<h2>a</h2><h4>&lt;script&gt;alert(1)&lt;/script&gt;</h4>"
    response = chief_client.post(
        ADD_URL, article_form(section, status="draft", body=body), follow=True
    )
    page = response.content.decode()
    assert "„&lt;script&gt;alert(1)&lt;/script&gt;“" in page
    assert "<script>alert(1)" not in page
