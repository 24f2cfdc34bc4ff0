import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import ArticleFactory, PersonFactory, SectionFactory
from tests.servers import smtp_server  # noqa: F401  (a fixture for every test module)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Keep uploads and renditions of every test in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def cache(settings):
    """Give every test an empty cache: Redis when REDIS_URL is set (as in CI), else memory.

    The whole-page cache is off unless a test turns it on, so that other tests see each
    change at once; tests/news/test_caching.py covers the page cache itself.
    """
    from django.core.cache import cache

    if not settings.REDIS_URL:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from news import warming
    from news.recent import recent

    settings.NEWS_PAGE_CACHE_SECONDS = 0
    cache.clear()
    recent.clear()
    warming.clear()
    yield cache
    cache.clear()
    recent.clear()


@pytest.fixture(autouse=True)
def language_reset():
    """End every test in the default language: the test client leaves a request's active."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def tasks(settings):
    """Keep enqueued tasks in memory, unrun; tests of the PDF worker choose their own backend."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def section(db):
    return SectionFactory(title="Smart City", slug="smart-city")


@pytest.fixture
def article(db, section):
    return ArticleFactory(section=section)


@pytest.fixture
def person(db):
    return PersonFactory()


def make_image_upload(name="bild.jpg", size=(1600, 900), image_format="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#0b4f6c").save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def image_upload():
    return make_image_upload()


EDITOR_PASSWORD = "Lauter-Stadt-2024"


@pytest.fixture
def editor(db, django_user_model):
    """An editor as `createeditor` makes one: staff, in "Redaktion", not a superuser."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "redakteurin", password=EDITOR_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Redaktion"))
    return user


@pytest.fixture
def editor_client(editor):
    """A client logged in as the `editor`."""
    from django.test import Client

    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def chief_editor(db, django_user_model):
    """A member of "Chefredaktion", as `createeditor --chief` makes one: may publish."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "chefin", password=EDITOR_PASSWORD, is_staff=True, email="chefin@example.org"
    )
    user.groups.add(Group.objects.get(name="Chefredaktion"))
    return user


@pytest.fixture
def chief_client(chief_editor):
    """A client logged in as the `chief_editor`."""
    from django.test import Client

    client = Client()
    client.force_login(chief_editor)
    return client


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as an editor who may change articles."""
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user(
        "redakteurin", password="geheim-123", is_staff=True
    )
    editor.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(editor)
    return client


@pytest.fixture
def s3_media(settings):
    """Media in a moto S3 bucket served from its own domain, as DJANGO_MEDIA_S3_* configure."""
    boto3 = pytest.importorskip("boto3")
    moto = pytest.importorskip("moto")
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "test")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "test")
    with moto.mock_aws():
        boto3.client("s3", region_name="eu-central-1").create_bucket(
            Bucket="kl-media", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": "kl-media",
                    "region_name": "eu-central-1",
                    "custom_domain": "media.example.org",
                    "querystring_auth": False,
                },
            },
        }
        yield boto3.client("s3", region_name="eu-central-1")
