from django.urls import path

from . import views

app_name = "experiments"

urlpatterns = [
    path("", views.experiment_list, name="list"),
    path("<slug:slug>/", views.experiment_detail, name="detail"),
    path("<slug:slug>/aanmelden/", views.apply, name="apply"),
    path("<slug:slug>/deelnemers/", views.participants, name="participants"),
    path(
        "<slug:slug>/deelnemers/importeren/",
        views.participants_import,
        name="participants-import",
    ),
    path("<slug:slug>/deelnemers.csv", views.participants_csv, name="participants-csv"),
    path("<slug:slug>/deelnemers.xlsx", views.participants_xlsx, name="participants-xlsx"),
    path("<slug:slug>/deelnemers/<int:pk>/besluit/", views.decide, name="decide"),
    path("<slug:slug>/voortgang/", views.tracking, name="tracking"),
    path("<slug:slug>/voortgang.csv", views.tracking_csv, name="tracking-csv"),
    path("<slug:slug>/voortgang.xlsx", views.tracking_xlsx, name="tracking-xlsx"),
]
