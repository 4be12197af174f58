"""Pages of the regions app, under /regios/."""

from django.urls import path

from . import views

app_name = "regions"

urlpatterns = [
    path("", views.region_list, name="region_list"),
    path("kaart/", views.region_map, name="map"),
    path("zoek/organisaties/", views.organisation_options, name="organisation_options"),
    path("zoek/bedrijven/", views.company_choices, name="company_choices"),
    path("netwerken/", views.network_list, name="network_list"),
    path("netwerken/voorstellen/", views.network_propose, name="network_propose"),
    path("netwerken/te-beoordelen/", views.network_review, name="network_review"),
    path("netwerken/<int:pk>/", views.network_detail, name="network_detail"),
    path("netwerken/<int:pk>/aansluiten/", views.network_join, name="network_join"),
    path("netwerken/<int:pk>/intrekken/", views.network_withdraw, name="network_withdraw"),
    path(
        "netwerken/<int:pk>/bevestigen/",
        views.network_decide,
        {"decision": "confirm"},
        name="network_confirm",
    ),
    path(
        "netwerken/<int:pk>/afwijzen/",
        views.network_decide,
        {"decision": "decline"},
        name="network_decline",
    ),
    path(
        "lidmaatschappen/<int:pk>/bevestigen/",
        views.membership_decide,
        {"decision": "confirm"},
        name="membership_confirm",
    ),
    path(
        "lidmaatschappen/<int:pk>/afwijzen/",
        views.membership_decide,
        {"decision": "decline"},
        name="membership_decline",
    ),
    path("<str:code>/", views.region_detail, name="region_detail"),
]
