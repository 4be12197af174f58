"""API views of the regions app. Regions, organisations and confirmed networks
are public to read; proposing a network and asking to join need a school author."""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from accounts.models import Role
from accounts.permissions import HasRole

from . import selectors, services
from .models import Network, NetworkMembership, Organisation, Region
from .serializers import (
    MembershipSerializer,
    NetworkSerializer,
    OrganisationSerializer,
    RegionFeatureSerializer,
    RegionGeometrySerializer,
    RegionSerializer,
)


def _flag(request, name: str) -> bool:
    return request.query_params.get(name, "").lower() in {"1", "true", "yes"}


@contextmanager
def _service_errors_as_api_errors():
    """A service's refusal as an API answer: PermissionDenied is 403, ValidationError 400."""
    try:
        yield
    except DjangoPermissionDenied as error:
        raise PermissionDenied(str(error)) from error
    except DjangoValidationError as error:
        raise ValidationError(error.messages) from error


def _filter(name: str, description: str, enum=None) -> OpenApiParameter:
    """A documented query parameter, so the filters show in /api/docs/."""
    return OpenApiParameter(name, str, OpenApiParameter.QUERY, description=description, enum=enum)


REGION_FILTER = _filter("region", "CBS labour-market region code, e.g. AM06.")
GEOMETRY_FLAG = _filter("geometry", "1 to include each region's GeoJSON geometry.")


@extend_schema_view(
    list=extend_schema(parameters=[GEOMETRY_FLAG]),
    retrieve=extend_schema(parameters=[GEOMETRY_FLAG]),
)
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """Labour-market regions; add `?geometry=1` for their GeoJSON geometry."""

    permission_classes = [AllowAny]
    lookup_field = "code"
    pagination_class = None  # 36 regions: one page

    def get_queryset(self):
        regions = Region.objects.order_by("code")
        if not _flag(self.request, "geometry"):
            regions = regions.defer("geometry")
        return regions

    def get_object(self):
        """The region by its code, in capitals or not (am06 is AM06), as the pages do."""
        self.kwargs[self.lookup_field] = self.kwargs[self.lookup_field].upper()
        return super().get_object()

    def get_serializer_class(self):
        if _flag(self.request, "geometry"):
            return RegionGeometrySerializer
        return RegionSerializer

    @extend_schema(responses={200: RegionFeatureSerializer})
    @action(detail=True, methods=["get"], url_path="geojson")
    def geojson(self, request, code=None):
        """The region as a GeoJSON Feature."""
        region = get_object_or_404(Region, code=code.upper())
        return Response(
            {
                "type": "Feature",
                "id": region.code,
                "properties": {"code": region.code, "name": region.name},
                "geometry": region.geometry,
            }
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            REGION_FILTER,
            _filter("kind", "Kind of organisation.", Organisation.Kind.values),
            _filter("search", "Part of the name or municipality, or the whole code."),
        ]
    )
)
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations; filter with `?region=AM06&kind=mbo&search=…`."""

    permission_classes = [AllowAny]
    serializer_class = OrganisationSerializer
    lookup_field = "code"
    filter_backends: list = []

    def get_queryset(self):
        params = self.request.query_params
        return selectors.organisation_list(
            region=params.get("region", ""),
            kind=params.get("kind", ""),
            search=params.get("search", ""),
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            REGION_FILTER,
            _filter("kind", "Kind of network.", Network.Kind.values),
            _filter("sector", "Part of the sector, e.g. zorg."),
            _filter("search", "Part of the name or description."),
        ]
    )
)
class NetworkViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Regional networks; filter with `?region=AM06&kind=sto&sector=zorg`.

    Everyone reads confirmed networks. A school author proposes one (POST)
    and asks to join one (POST …/join/).
    """

    serializer_class = NetworkSerializer
    filter_backends: list = []

    def get_permissions(self):
        if self.action in ("create", "join"):
            return [HasRole()]
        return [AllowAny()]

    allowed_roles = (Role.SCHOOL_AUTHOR,)

    def get_queryset(self):
        params = self.request.query_params
        return selectors.network_list(
            self.request.user,
            region=params.get("region", ""),
            kind=params.get("kind", ""),
            sector=params.get("sector", ""),
            search=params.get("search", ""),
        ).prefetch_related(
            Prefetch(
                "memberships",
                queryset=NetworkMembership.objects.select_related("organisation"),
            )
        )

    def perform_create(self, serializer):
        with _service_errors_as_api_errors():
            serializer.instance = services.propose_network(
                user=self.request.user, **serializer.validated_data
            )

    @extend_schema(request=None, responses={201: MembershipSerializer})
    @action(detail=True, methods=["post"])
    def join(self, request, pk=None):
        """Ask that the user's organisation joins this network."""
        network = self.get_object()
        with _service_errors_as_api_errors():
            membership = services.request_to_join(user=request.user, network=network)
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)
