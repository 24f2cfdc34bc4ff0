from django.conf import settings

from .models import Section


def site(request):
    """Give every page the site name and, lazily, the sections for the navigation."""
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "nav_sections": Section.objects.all,
    }
