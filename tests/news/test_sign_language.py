"""Sign language (DGS): the video slot on the §4 pages, its upload checks, the demo video."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from news import easy_read_demo
from news.media_uploads import validate_captions_upload, validate_video_upload
from news.models import EasyReadVersion, Page, SignLanguageVideo
from tests.conftest import make_image_upload

pytestmark = pytest.mark.django_db

MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 2000
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01" + b"\x00" * 100
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHallo.\n"
PAGE_URL = "/seite/leichte-sprache-inhalt/"


@pytest.fixture
def video():
    return SignLanguageVideo.objects.create(
        page=Page.objects.get(slug="leichte-sprache-inhalt"),
        video=SimpleUploadedFile("erklaerung.mp4", MP4),
        captions=SimpleUploadedFile("erklaerung.vtt", VTT.encode()),
        poster=make_image_upload("vorschau.jpg", size=(640, 360)),
        duration_seconds=95,
    )


def test_slot_has_video_captions_poster_and_download_with_size_and_duration(client, video):
    page = client.get(PAGE_URL).content.decode()
    slot = page.split('<section class="dgs"')[1].split("</section>")[0]
    assert "<video " in slot and " controls " in slot
    assert f'poster="{video.poster.url}"' in slot
    assert f'<source src="{video.video.url}" type="video/mp4">' in slot
    assert (
        f'<track kind="captions" srclang="de" label="Deutsch" src="{video.captions.url}" default>'
        in slot
    )
    assert f'<a href="{video.video.url}" download type="video/mp4">Video herunterladen' in slot
    assert "<span data-size>2,0\xa0KB</span>" in slot
    assert "<span data-duration>1:35 Minuten</span>" in slot
    assert 'src="/static/img/dgs.' in slot
    assert "Demo-Video" not in slot
    assert "<iframe" not in page and "youtube" not in page


def test_demo_video_says_it_is_no_real_sign_language(client, video):
    video.is_demo = True
    video.save()
    assert "keine echte Gebärdensprache" in client.get(PAGE_URL).content.decode()


def test_file_size_is_stored_so_a_lost_file_never_breaks_the_page(client, video, media_root):
    assert video.file_size == len(MP4)
    (media_root / video.video.name).unlink()
    response = client.get(PAGE_URL)
    assert response.status_code == 200
    assert "2,0\xa0KB" in response.content.decode()


def test_explanation_without_video_says_there_is_none_yet(client):
    response = client.get(PAGE_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Zu dieser Seite gibt es noch kein Video in Gebärdensprache." in page
    assert "<video" not in page


def test_start_page_marks_explanations_that_have_a_video(client, video):
    section = client.get("/").content.decode().split('id="easy-read-heading"')[1]
    entry = section.split(f'href="{PAGE_URL}"')[1].split("</li>")[0]
    assert "auch in Gebärden-Sprache" in entry
    other = section.split('href="/seite/leichte-sprache-navigation/"')[1].split("</li>")[0]
    assert "Gebärden-Sprache" not in other


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("film.avi", MP4, "Nur Videos im Format MP4"),
        ("film.mp4", WEBM, "kein MP4-Video"),
        ("film.webm", MP4, "kein WEBM-Video"),
        ("film.mp4", b"<html>" * 10, "kein MP4-Video"),
    ],
)
def test_video_upload_is_checked_by_name_and_content(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_video_upload(SimpleUploadedFile(name, content))


def test_video_upload_accepts_mp4_and_webm():
    validate_video_upload(SimpleUploadedFile("film.mp4", MP4))
    validate_video_upload(SimpleUploadedFile("film.WEBM", WEBM))


def test_video_upload_has_a_size_limit(monkeypatch):
    monkeypatch.setattr("news.media_uploads.MAX_VIDEO_BYTES", 1000)
    with pytest.raises(ValidationError, match="größer als 200 MB"):
        validate_video_upload(SimpleUploadedFile("film.mp4", MP4))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("text.srt", VTT.encode(), "WebVTT-Datei"),
        ("text.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nHallo\n", "beginnt mit der Zeile"),
        ("text.vtt", b"WEBVTTX\n", "beginnt mit der Zeile"),
        ("text.vtt", b"WEBVTT\n\xff\xfe", "kein UTF-8-Text"),
        ("text.vtt", b"WEBVTT\n" + b"x" * 600_000, "größer als 512 KB"),
    ],
)
def test_captions_upload_must_be_small_webvtt_text(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_captions_upload(SimpleUploadedFile(name, content))


def test_captions_upload_accepts_webvtt_with_bom_and_header_text():
    validate_captions_upload(SimpleUploadedFile("a.vtt", b"\xef\xbb\xbfWEBVTT Untertitel\n\n"))
    validate_captions_upload(SimpleUploadedFile("b.vtt", VTT.encode()))


def test_editor_uploads_a_video_in_the_page_form_and_a_fake_is_refused(admin_client):
    page = Page.objects.get(slug="leichte-sprache-navigation")
    data = {
        "title": page.title,
        "slug": page.slug,
        "body": page.body,
        "order": page.order,
        "is_easy_read": "on",
        "sign_language_video-TOTAL_FORMS": "1",
        "sign_language_video-INITIAL_FORMS": "0",
        "sign_language_video-0-video": SimpleUploadedFile("dgs.mp4", b"kein Video" * 10),
        "sign_language_video-0-captions": SimpleUploadedFile("dgs.vtt", VTT.encode()),
        "sign_language_video-0-poster": make_image_upload("p.jpg", size=(640, 360)),
        "sign_language_video-0-duration_seconds": "30",
    }
    url = f"/admin/news/page/{page.pk}/change/"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Die Datei ist kein MP4-Video" in response.content.decode()
    assert not SignLanguageVideo.objects.exists()

    data["sign_language_video-0-video"] = SimpleUploadedFile("dgs.mp4", MP4)
    data["sign_language_video-0-captions"] = SimpleUploadedFile("dgs.vtt", VTT.encode())
    data["sign_language_video-0-poster"] = make_image_upload("p.jpg", size=(640, 360))
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert SignLanguageVideo.objects.get().file_size == len(MP4)
    assert "<video " in Client().get(page.get_absolute_url()).content.decode()


@pytest.fixture
def demo_video_dir(tmp_path, monkeypatch):
    (tmp_path / easy_read_demo.DEMO_VIDEO_NAME).write_bytes(MP4)
    monkeypatch.setattr(easy_read_demo, "DEMO_VIDEO_DIR", tmp_path)
    return tmp_path


def state():
    return (
        list(EasyReadVersion.objects.values_list("pk", "title", "updated_at")),
        list(SignLanguageVideo.objects.values_list("pk", "video", "captions", "poster")),
    )


def test_demo_brings_a_leichte_sprache_version_and_a_sample_video(demo_video_dir, media_root):
    call_command("loaddemo", stdout=StringIO())
    before, files = state(), sorted(p.name for p in media_root.rglob("*"))
    call_command("loaddemo", stdout=StringIO())
    assert state() == before
    assert sorted(p.name for p in media_root.rglob("*")) == files

    version = EasyReadVersion.objects.get()
    assert version.is_demo
    assert version.article.slug == "kl-digital-bekommt-neue-geschaeftsleitung"
    client = Client()
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Demo-Text" in page
    assert "<p>KL.digital ist eine Firma.</p>" in page

    video = SignLanguageVideo.objects.get()
    assert video.is_demo and video.duration_seconds == 8
    assert video.captions.read().startswith(b"WEBVTT")
    validate_captions_upload(video.captions)
    html = client.get(PAGE_URL).content.decode()
    assert "keine echte Gebärdensprache" in html
    assert "<track kind=" in html


def test_demo_without_ffmpeg_video_leaves_the_slot_empty(tmp_path, monkeypatch, client):
    monkeypatch.setattr(easy_read_demo, "DEMO_VIDEO_DIR", tmp_path)
    call_command("loaddemo", stdout=StringIO())
    assert not SignLanguageVideo.objects.exists()
    response = client.get(PAGE_URL)
    assert response.status_code == 200
    assert "noch kein Video" in response.content.decode()
