from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from news.models import Article, Tag
from tests.factories import ArticleFactory, RelatedArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_published_includes_only_published_articles_from_the_past():
    now = timezone.now()
    visible = ArticleFactory(published_at=now - timedelta(minutes=1))
    ArticleFactory(status=Article.Status.DRAFT, published_at=now - timedelta(days=1))
    ArticleFactory(published_at=now + timedelta(minutes=1))

    assert list(Article.objects.published()) == [visible]


def test_scheduled_article_becomes_visible_when_its_time_comes(time_machine):
    time_machine.move_to("2024-05-14 09:00 +02:00", tick=False)
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(hours=1))
    assert not scheduled.is_published()
    assert scheduled not in Article.objects.published()

    time_machine.shift(timedelta(hours=1))

    assert scheduled.is_published()
    assert scheduled in Article.objects.published()


def test_draft_is_not_published_even_in_the_past():
    draft = ArticleFactory(status=Article.Status.DRAFT)
    assert not draft.is_published()


def test_slug_is_made_from_the_title_with_german_transliteration():
    article = ArticleFactory(title="KL.digital bekommt neue Geschäftsleitung", slug="")
    assert article.slug == "kl-digital-bekommt-neue-geschaeftsleitung"


def test_body_is_sanitised_on_save():
    article = ArticleFactory(
        body='<p onclick="steal()">Text <a href="javascript:alert(1)">x</a></p>'
        '<script>alert(1)</script><iframe src="https://example.org"></iframe>'
        '<p><a href="https://www.kaiserslautern.de">Stadt</a></p>'
    )
    article.refresh_from_db()
    assert "script" not in article.body
    assert "onclick" not in article.body
    assert "javascript" not in article.body
    assert "iframe" not in article.body
    assert (
        '<a href="https://www.kaiserslautern.de" rel="noopener noreferrer">Stadt</a>'
        in article.body
    )


def test_image_without_alt_text_is_refused(image_upload):
    article = ArticleFactory.build(section=SectionFactory(), image=image_upload, image_alt=" ")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "image_alt" in error.value.message_dict


def test_upload_that_is_not_an_image_is_refused():
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("bild.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    article = ArticleFactory.build(section=SectionFactory(), image=fake, image_alt="Ein Bild")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "kein lesbares Bild" in str(error.value.message_dict["image"])


def test_renditions_are_made_once_in_webp_and_jpeg(image_upload, media_root):
    article = ArticleFactory(image=image_upload, image_alt="Ein Bild")
    widths = sorted({r["width"] for r in article.image_renditions})
    assert widths == [480, 800, 1200, 1600]
    assert {r["type"] for r in article.image_renditions} == {"webp", "jpg"}
    for rendition in article.image_renditions:
        assert (media_root / rendition["name"]).exists()

    first = list(article.image_renditions)
    article.title = "Neue Überschrift"
    article.save()
    assert article.image_renditions == first


def test_renditions_keep_orientation_and_drop_exif(media_root):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90°: the stored pixels are landscape, the photo is portrait
    exif[0x8825] = {1: "N"}  # GPS
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 600), "red").save(buffer, "JPEG", exif=exif)
    article = ArticleFactory(
        image=SimpleUploadedFile("foto.jpg", buffer.getvalue()), image_alt="Ein Foto"
    )
    rendition = next(r for r in article.image_renditions if r["type"] == "jpg")
    with Image.open(media_root / rendition["name"]) as stored:
        assert stored.height > stored.width
        assert not stored.getexif()


def test_picture_offers_webp_and_jpeg_srcsets(image_upload):
    article = ArticleFactory(image=image_upload, image_alt="Ein Bild")
    picture = article.picture
    assert picture["webp_srcset"].count("w,") == 3
    assert ".webp 480w" in picture["webp_srcset"]
    assert picture["src"].endswith("-800.jpg")
    assert (picture["width"], picture["height"]) == (800, 450)


def test_article_without_image_has_no_picture():
    assert ArticleFactory().picture is None


def test_tags_ignore_case_and_get_german_slugs():
    first = ArticleFactory(tags=["Berlin", "KL.digital", "Stichwörter"])
    second = ArticleFactory(tags=["berlin"])

    assert Tag.objects.filter(name__iexact="berlin").count() == 1
    assert list(second.tags.all()) == list(first.tags.filter(name="Berlin"))
    assert set(Tag.objects.values_list("slug", flat=True)) == {
        "berlin",
        "kl-digital",
        "stichwoerter",
    }


def test_related_articles_put_the_editors_choice_first_in_order(section):
    article = ArticleFactory(section=section)
    newer, older = ArticleFactory(section=section), ArticleFactory(section=section)
    chosen_second = ArticleFactory()
    chosen_first = ArticleFactory()
    RelatedArticleFactory(from_article=article, to_article=chosen_first, order=0)
    RelatedArticleFactory(from_article=article, to_article=chosen_second, order=1)
    older.published_at -= timedelta(days=3)
    older.save()

    related = article.related_articles(count=4)

    assert related == [chosen_first, chosen_second, newer, older]


def test_related_articles_fall_back_to_shared_tags_then_newest(section):
    article = ArticleFactory(section=section, tags=["Smart City", "Kaiserslautern"])
    same_section = ArticleFactory(section=section)
    two_tags = ArticleFactory(tags=["Smart City", "Kaiserslautern"])
    one_tag = ArticleFactory(tags=["Kaiserslautern"])
    ArticleFactory(tags=["Anderes"])

    assert article.related_articles(count=5) == [two_tags, one_tag, same_section]


def test_related_articles_never_include_itself_or_unpublished_ones(section):
    article = ArticleFactory(section=section)
    draft = ArticleFactory(section=section, status=Article.Status.DRAFT)
    scheduled = ArticleFactory(section=section, published_at=timezone.now() + timedelta(days=1))
    RelatedArticleFactory(from_article=article, to_article=draft)
    RelatedArticleFactory(from_article=article, to_article=scheduled)

    assert article.related_articles() == []


def test_related_articles_look_past_many_chosen_ones_that_are_not_public(
    section, django_assert_num_queries
):
    article = ArticleFactory(section=section)
    for order in range(8):  # more than the count: none of the first shows
        draft = ArticleFactory(section=section, status=Article.Status.DRAFT)
        RelatedArticleFactory(from_article=article, to_article=draft, order=order)
    public = ArticleFactory(section=section)
    RelatedArticleFactory(from_article=article, to_article=public, order=9)

    with django_assert_num_queries(1):
        assert article.related_articles(count=3) == [public]


def test_an_article_cannot_be_related_to_itself():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedArticleFactory(from_article=article, to_article=article)


def test_updated_at_really_updates():
    article = ArticleFactory()
    before = article.updated_at
    article.lead = "Ein neuer Vorspann."
    article.save()
    assert article.updated_at > before


def test_related_top_up_ranks_only_the_newest_candidates(section, settings):
    settings.NEWS_RELATED_CANDIDATES = 2
    article = ArticleFactory(section=section, tags=["Radverkehr", "Kaiserslautern"])
    old_but_close = ArticleFactory(section=section, tags=["Radverkehr", "Kaiserslautern"])
    old_but_close.published_at -= timedelta(days=30)
    old_but_close.save()
    newer, newest = ArticleFactory(section=section), ArticleFactory(section=section)

    assert article.related_articles(count=5) == [newest, newer]
