from django.urls import path

from . import views

app_name = "oparl"

urlpatterns = [
    path("", views.system, name="system"),
    path("body/", views.bodies, name="bodies"),
    path("body/<slug:key>/", views.body, name="body"),
    path(
        "body/<slug:key>/organization/",
        views.object_list("organization", "organizations"),
        name="organizations",
    ),
    path("body/<slug:key>/person/", views.object_list("person", "people"), name="people"),
    path(
        "body/<slug:key>/membership/",
        views.object_list("membership", "memberships"),
        name="memberships",
    ),
    path("body/<slug:key>/meeting/", views.empty_list("meetings"), name="meetings"),
    path("body/<slug:key>/paper/", views.empty_list("papers"), name="papers"),
    path(
        "body/<slug:key>/legislative-term/",
        views.empty_list("legislative-terms"),
        name="legislative-terms",
    ),
    path("organization/<int:pk>/", views.object_detail("organization"), name="organization"),
    path("person/<int:pk>/", views.object_detail("person"), name="person"),
    path("membership/<int:pk>/", views.object_detail("membership"), name="membership"),
]
