"""API routes of the regions app, mounted under /api/."""

from rest_framework.routers import SimpleRouter

from .api import NetworkViewSet, OrganisationViewSet, RegionViewSet

router = SimpleRouter(trailing_slash="/?")
router.register("regions", RegionViewSet, basename="region")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("networks", NetworkViewSet, basename="network")

urlpatterns = router.urls
