"""Read-only public API of the national qualification structure."""

from django.db.models import Prefetch
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from . import selectors
from .filters import CertificateFilter, ElectiveFilter, QualificationFileFilter, QualificationFilter
from .models import (
    ElectiveModule,
    Qualification,
    QualificationFile,
    RegionalElectiveUse,
    VetCertificate,
)
from .serializers import (
    CertificateSerializer,
    ElectiveSerializer,
    QualificationFileSerializer,
    QualificationSerializer,
)


class QualificationFileViewSet(viewsets.ReadOnlyModelViewSet):
    """Qualification files (kwalificatiedossiers) with their qualifications, by crebo."""

    permission_classes = [AllowAny]
    serializer_class = QualificationFileSerializer
    filterset_class = QualificationFileFilter
    lookup_field = "crebo"
    queryset = (
        QualificationFile.objects.select_related("domain", "sector_chamber")
        .prefetch_related(
            Prefetch("qualifications", queryset=Qualification.objects.order_by("chapter"))
        )
        .order_by("title", "crebo")
    )


class QualificationViewSet(viewsets.ReadOnlyModelViewSet):
    """Qualifications by crebo, each with its parts: core tasks with their work processes."""

    permission_classes = [AllowAny]
    serializer_class = QualificationSerializer
    filterset_class = QualificationFilter
    lookup_field = "crebo"
    queryset = selectors.qualification_validity_dates(
        Qualification.objects.select_related("file", "file__domain")
    ).order_by("crebo")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            selectors.attach_parts(page)
        return page

    def get_object(self):
        qualification = super().get_object()
        selectors.attach_parts([qualification])
        return qualification


class ElectiveViewSet(viewsets.ReadOnlyModelViewSet):
    """Keuzedelen (elective modules) by code; not tied to a qualification. The
    national ones (K codes) first, then the regional ones of the register (RK codes)."""

    permission_classes = [AllowAny]
    serializer_class = ElectiveSerializer
    filterset_class = ElectiveFilter
    lookup_field = "code"
    queryset = (
        ElectiveModule.objects.select_related("school", "region")
        .prefetch_related(
            "certificates",
            Prefetch("uses", queryset=RegionalElectiveUse.objects.select_related("school")),
        )
        .order_by("is_regional", "code")
    )


class CertificateViewSet(viewsets.ReadOnlyModelViewSet):
    """Mbo-certificates and the qualification, core task or keuzedeel they belong to."""

    permission_classes = [AllowAny]
    serializer_class = CertificateSerializer
    filterset_class = CertificateFilter
    queryset = VetCertificate.objects.select_related(
        "qualification", "core_task", "elective"
    ).order_by("title", "pk")
