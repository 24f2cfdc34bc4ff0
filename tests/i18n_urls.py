"""A URLconf with language prefixes (/en/…), as i18n_patterns gives: for tests of reversing."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

urlpatterns = i18n_patterns(
    path("", include("news.urls")),
    path("personen/", include("people.urls")),
    prefix_default_language=False,
)
