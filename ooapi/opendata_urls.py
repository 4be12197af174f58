"""/open-data/: downloads for the public map and the pathway list."""

from django.urls import path

from . import opendata

app_name = "opendata"

urlpatterns = [
    path("regio-indicatoren.geojson", opendata.regions_geojson, name="regions-geojson"),
    path("regio-indicatoren.csv", opendata.regions_csv, name="regions-csv"),
    path("regio-indicatoren.xlsx", opendata.regions_xlsx, name="regions-xlsx"),
    path("leerroutes.csv", opendata.pathways_csv, name="pathways-csv"),
    path("leerroutes.xlsx", opendata.pathways_xlsx, name="pathways-xlsx"),
]
