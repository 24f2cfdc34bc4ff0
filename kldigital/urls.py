from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.shortcuts import redirect
from django.templatetags.static import static as static_file_url
from django.urls import include, path
from django.views.generic import TemplateView

from news.sitemaps import (
    ArticleSitemap,
    EasyReadSitemap,
    PageSitemap,
    SectionSitemap,
    TagSitemap,
)
from people.oparl.views import OpenDataView
from people.sitemaps import OrganizationSitemap, PersonSitemap, PostSitemap

sitemaps = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "people": PersonSitemap,
    "posts": PostSitemap,
    "organizations": OrganizationSitemap,
    "pages": PageSitemap,
    "leichte-sprache": EasyReadSitemap,
}

handler500 = "kldigital.errors.server_error"

admin.site.site_header = "KL.digital Redaktion"
admin.site.site_title = "KL.digital Redaktion"


def favicon(request):
    """Redirect browsers that ask for /favicon.ico (the admin names no icon) to the portal's."""
    return redirect(static_file_url("img/favicon.svg"))


urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    path("favicon.ico", favicon),
    path("oparl/v1/", include("people.oparl.urls")),
]
# German stays unprefixed; English, Arabic and Ukrainian under /en/, /ar/, /uk/.
urlpatterns += i18n_patterns(
    path("personen/", include("people.urls")),
    path("offene-daten/", OpenDataView.as_view(), name="open-data"),
    path("", include("news.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
