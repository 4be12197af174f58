from django.urls import path

from . import views

app_name = "pathways"

urlpatterns = [
    path("", views.route_list, name="route-list"),
    path("nieuw/", views.route_create, name="route-create"),
    path("toetsen/", views.route_check, name="route-check"),
    path("monitor/", views.monitoring, name="monitoring"),
    path("export.csv", views.export_csv, name="export-csv"),
    path("export.xlsx", views.export_xlsx, name="export-xlsx"),
    path("<int:pk>/", views.route_detail, name="route-detail"),
    path("<int:pk>/bewerken/", views.route_edit, name="route-edit"),
    path("<int:pk>/versturen/", views.route_submit, name="route-submit"),
    path("<int:pk>/terugzetten/", views.route_return, name="route-return"),
    path("<int:pk>/bevestigen/", views.route_confirm, name="route-confirm"),
    path("<int:pk>/duo/", views.route_duo, name="route-duo"),
    path("<int:pk>/beeindigen/", views.route_end, name="route-end"),
    path("<int:pk>/schooljaar/", views.route_year, name="route-year"),
    path("<int:pk>/documenten/<str:which>/", views.route_document, name="route-document"),
]
