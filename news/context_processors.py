"""What every page shows around its content: sections, footer pages, latest articles, ads.

They are read once per process and language, in a few queries, and kept until the shared
"news" stamp changes (news.caching: any article, section, page or ad saved), the day changes
(ads run by the day) or a scheduled article's time comes (the latest articles). A request
then costs one cache read and no query for them, however many slots its templates fill.
The parts of the templates made of nothing else (navigation, footer, sidebar) are kept
rendered beside them, in `parts` ({% chrome_part %}, news.templatetags.news_fragments).
"""

from types import SimpleNamespace

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone
from django.utils.translation import get_language

from . import languages
from .models import AdSlot, Article, EasyReadVersion, Page, Section
from .models.accessibility import STATEMENT_PAGE_SLUG

_kept = {}  # (language, URLconf, script prefix) → the chrome read under the stamp it names


def build(stamp):
    now = timezone.now()
    next_release = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return SimpleNamespace(
        stamp=stamp,
        day=timezone.localdate(),
        expires=next_release,
        sections=list(Section.objects.all()),
        # The accessibility statement is linked on every page whatever its page says.
        footer_pages=list(
            Page.objects.filter(show_in_footer=True)
            .exclude(slug=STATEMENT_PAGE_SLUG)
            .only("title", "slug")
        ),
        # In the active language's reading: the chrome is kept per language.
        latest=languages.read_teasers(
            Article.objects.published().for_teasers()[: settings.NEWS_LATEST_COUNT]
        ),
        ads=list(AdSlot.objects.current()),
        easy_read_pages=list(
            Page.objects.filter(is_easy_read=True).select_related("sign_language_video")
        ),
        easy_read_versions=list(
            EasyReadVersion.objects.published().select_related("article")[
                : settings.NEWS_LATEST_COUNT
            ]
        ),
        parts={},  # (name, variant) → HTML rendered from the above alone
    )


def chrome(request=None):
    """Return the page chrome for the active language, read once per change (see above)."""
    if request is not None and hasattr(request, "_news_chrome"):
        return request._news_chrome
    from .caching import news_stamp

    stamp = news_stamp()
    key = (get_language(), get_urlconf(), get_script_prefix())
    kept = _kept.get(key)
    if (
        kept is None
        or stamp is None
        or kept.stamp != stamp
        or kept.day != timezone.localdate()
        or (kept.expires is not None and timezone.now() >= kept.expires)
    ):
        kept = build(stamp)
        if stamp is not None:
            _kept[key] = kept
    if request is not None:
        request._news_chrome = kept
    return kept


def site(request):
    """Give every page the site name and the sections and pages it links to."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "nav_sections": lambda: chrome(request).sections,
        "footer_pages": lambda: chrome(request).footer_pages,
        "latest_articles": lambda: chrome(request).latest,
    }
