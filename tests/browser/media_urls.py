"""The site's URLs plus media files, for browser tests that play uploaded videos and tracks.

The live server runs with debug off, where the portal leaves media to the web server.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from kldigital.urls import urlpatterns as site_urlpatterns


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.+)$", serve_media), *site_urlpatterns]
