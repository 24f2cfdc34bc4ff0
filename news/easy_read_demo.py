"""The demo's Leichte Sprache and sign language: one seed article retold in Leichte Sprache
(written for the demo, marked as a demo text) and a generated sample video with captions for
the first §4 explanation (marked as a demo video, no real sign language).

The video itself is made at set-up by ffmpeg (`make demo-video`, into DEMO_VIDEO_DIR); the
caption track and the poster are written here. Without the video the slot stays empty and
says so.
"""

from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from .demo import body_html
from .models import Article, EasyReadVersion, Page, SignLanguageVideo

DEMO_VIDEO_DIR = Path(settings.BASE_DIR) / ".demo-media"
DEMO_VIDEO_NAME = "dgs-demo.mp4"
DEMO_VIDEO_SECONDS = 8
DEMO_VIDEO_PAGE = "leichte-sprache-inhalt"

EASY_READ = {
    "article": "kl-digital-bekommt-neue-geschaeftsleitung",
    "title": "Die Firma KL.digital bekommt eine neue Chefin",
    "lead": "Die neue Chefin heißt Ilona Benz.\nSie fängt am 1. Februar 2022 an.",
    "body": [
        ("h2", "Was ist KL.digital?"),
        "KL.digital ist eine Firma.",
        "Die Firma gehört der Stadt Kaiserslautern.",
        "Die Firma hilft der Stadt bei Computern und Internet.",
        ("h2", "Wer ist Ilona Benz?"),
        "Ilona Benz ist 31 Jahre alt.",
        "Sie arbeitet bis jetzt in Baden-Württemberg.",
        "Dort hilft sie Gemeinden bei Computern und Internet.",
        "Sie bringt Menschen in Ämtern bei: So arbeitet man digital.",
        ("h2", "Wer war vorher Chef?"),
        "Vorher war Martin Verlage der Chef von KL.digital.",
        "Er hört Ende 2021 auf.",
        ("h2", "Was sind die nächsten Aufgaben?"),
        "Die Stadt-Verwaltung soll noch mehr digital arbeiten.",
        "Die Menschen in Kaiserslautern sollen mitmachen können.",
        "Ilona Benz sagt: Ich freue mich auf die Aufgabe.",
    ],
}

CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:04.000
Das ist ein Demo-Video.

00:00:04.000 --> 00:00:08.000
Hier erklärt später eine Person die Seite in Gebärden-Sprache.
"""


def load_easy_read_version():
    """Create the demo's Leichte-Sprache version unless its article already has one."""
    article = Article.objects.filter(slug=EASY_READ["article"]).first()
    if article is None or EasyReadVersion.objects.filter(article=article).exists():
        return
    EasyReadVersion.objects.create(
        article=article,
        title=EASY_READ["title"],
        lead=EASY_READ["lead"],
        body=body_html(EASY_READ["body"]),  # one sentence per paragraph
        is_demo=True,
    )


def demo_poster():
    """Draw the poster of the demo video: the portal's colours and "Demo-Video"; as PNG."""
    image = Image.new("RGB", (640, 360), "#0b4f6c")
    draw = ImageDraw.Draw(image)
    draw.text((40, 120), "Demo-Video", font=ImageFont.load_default(size=64), fill="#ffffff")
    draw.text(
        (40, 220),
        "keine echte Gebärdensprache",
        font=ImageFont.load_default(size=32),
        fill="#e6f4f9",
    )
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue())


def load_sign_language_video(video_dir=None):
    """Attach the generated sample video to the first §4 page, if it was made and none is there."""
    source = Path(video_dir or DEMO_VIDEO_DIR) / DEMO_VIDEO_NAME
    page = Page.objects.filter(slug=DEMO_VIDEO_PAGE).first()
    if not source.is_file() or page is None:
        return
    if SignLanguageVideo.objects.filter(page=page).exists():
        return
    video = SignLanguageVideo(page=page, duration_seconds=DEMO_VIDEO_SECONDS, is_demo=True)
    video.video.save(DEMO_VIDEO_NAME, ContentFile(source.read_bytes()), save=False)
    video.captions.save("dgs-demo.vtt", ContentFile(CAPTIONS.encode()), save=False)
    video.poster.save("dgs-demo-poster.png", demo_poster(), save=False)
    video.save()


@transaction.atomic
def load_easy_read_demo():
    """Load the demo's Leichte-Sprache version and sample video; a second run changes nothing."""
    load_easy_read_version()
    load_sign_language_video()
