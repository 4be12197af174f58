from django.urls import path

from . import views

app_name = "submissions"

urlpatterns = [
    path("", views.submission_list, name="list"),
    path("nieuw/", views.submission_upload, name="upload"),
    path("regels/", views.rules_page, name="rules"),
    path("<int:pk>/", views.submission_detail, name="detail"),
    path("<int:pk>/nieuwe-versie/", views.version_upload, name="version-upload"),
    path("<int:pk>/versies/<int:number>/status/", views.version_status, name="version-status"),
    path(
        "<int:pk>/versies/<int:number>/download/", views.version_download, name="version-download"
    ),
]
