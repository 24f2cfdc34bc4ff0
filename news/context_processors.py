from django.conf import settings

from .models import Page, Section
from .models.accessibility import STATEMENT_PAGE_SLUG


def site(request):
    """Give every page the site name and, lazily, the sections and pages it links to."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "nav_sections": Section.objects.all,
        # The accessibility statement is linked on every page whatever its page says.
        "footer_pages": Page.objects.filter(show_in_footer=True)
        .exclude(slug=STATEMENT_PAGE_SLUG)
        .only("title", "slug"),
    }
