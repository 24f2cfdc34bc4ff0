from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.PersonListView.as_view(), name="list"),
    path("popolo.json", views.popolo_export, name="popolo"),
    path("aemter/<slug:slug>/", views.PostDetailView.as_view(), name="post"),
    path(
        "organisationen/<slug:slug>/", views.OrganizationDetailView.as_view(), name="organization"
    ),
    path("<slug:slug>/", views.PersonDetailView.as_view(), name="detail"),
]
