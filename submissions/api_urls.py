"""API routes of the submissions app, mounted under /api/."""

from rest_framework.routers import SimpleRouter

from submissions.api import SubmissionViewSet

router = SimpleRouter()
router.register("submissions", SubmissionViewSet, basename="submission")

urlpatterns = router.urls
