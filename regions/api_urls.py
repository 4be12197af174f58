"""API routes of the regions app, mounted under /api/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .api import NetworkViewSet, OrganisationViewSet, RegionViewSet

router = SimpleRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("networks", NetworkViewSet, basename="network")

urlpatterns = [
    # The GeoJSON of one region, also without the trailing slash.
    path(
        "regions/<str:code>/geojson",
        RegionViewSet.as_view({"get": "geojson"}, schema=None),  # documented once, with slash
        name="region-geojson-bare",
    ),
    *router.urls,
]
