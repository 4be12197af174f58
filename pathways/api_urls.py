"""API routes of the pathways app, mounted under /api/."""

from rest_framework.routers import SimpleRouter

from .api import RouteViewSet

router = SimpleRouter()
router.register("pathways", RouteViewSet, basename="pathway")

urlpatterns = router.urls
