from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("", views.programme_list, name="programme-list"),
    path("nieuw/", views.programme_create, name="programme-create"),
    path("<int:pk>/", views.programme_detail, name="programme-detail"),
    path("<int:pk>/bewerken/", views.programme_edit, name="programme-edit"),
]
