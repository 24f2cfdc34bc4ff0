from django.conf import settings

from .models import Page, Section


def site(request):
    """Give every page the site name and, lazily, the sections and pages it links to."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "nav_sections": Section.objects.all,
        "footer_pages": Page.objects.filter(show_in_footer=True).only("title", "slug"),
    }
