"""API routes of the qualifications app, mounted under /api/."""

from rest_framework.routers import SimpleRouter

from .api import CertificateViewSet, ElectiveViewSet, QualificationFileViewSet, QualificationViewSet

router = SimpleRouter()
router.register("qualification-files", QualificationFileViewSet, basename="qualification-file")
router.register("qualifications", QualificationViewSet, basename="qualification")
router.register("keuzedelen", ElectiveViewSet, basename="keuzedeel")
router.register("certificates", CertificateViewSet, basename="certificate")

urlpatterns = router.urls
