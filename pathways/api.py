"""API of the pathways app: routes, read-only. Active and ended routes are public;
drafts and routes under confirmation only for the two schools and national roles."""

import django_filters
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from . import selectors
from .models import Route
from .serializers import RouteSerializer


class RouteFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(
        field_name="region__code", label="Labour-market region code, e.g. AM06"
    )
    track = django_filters.ChoiceFilter(field_name="vmbo_track", choices=Route.Track.choices)
    level = django_filters.NumberFilter(
        field_name="target_qualification__level", label="Level of the target qualification"
    )
    type = django_filters.ChoiceFilter(field_name="route_type", choices=Route.RouteType.choices)
    status = django_filters.ChoiceFilter(field_name="status", choices=Route.Status.choices)

    class Meta:
        model = Route
        fields = ["region", "track", "level", "type", "status"]


class RouteViewSet(viewsets.ReadOnlyModelViewSet):
    """Continuous vmbo–mbo pathways, filtered with `?region=&track=&level=&type=&status=`."""

    permission_classes = [AllowAny]
    serializer_class = RouteSerializer
    filterset_class = RouteFilter

    def get_queryset(self):
        return selectors.visible_routes(self.request.user).order_by("pk")
