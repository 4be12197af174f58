"""API serializers of the regions app (thin)."""

from rest_framework import serializers

from .models import Network, NetworkMembership, Organisation, Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name"]


class RegionGeometrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "geometry"]


class RegionPropertiesSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class RegionFeatureSerializer(serializers.Serializer):
    """A region as a GeoJSON Feature (RFC 7946), for /api/regions/{code}/geojson/."""

    type = serializers.ChoiceField(choices=["Feature"])
    id = serializers.CharField(help_text="The region's code.")
    properties = RegionPropertiesSerializer()
    geometry = serializers.JSONField(
        allow_null=True,
        help_text="A GeoJSON geometry in WGS84 (a MultiPolygon); null when none was imported.",
    )


class OrganisationSerializer(serializers.ModelSerializer):
    # Companies and national bodies have no labour-market region.
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["code", "kind", "name", "municipality", "region", "is_demo"]


class MembershipSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = NetworkMembership
        fields = ["organisation", "role", "status", "joined"]


class NetworkSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.defer("geometry")
    )
    members = serializers.SerializerMethodField()

    class Meta:
        model = Network
        fields = [
            "id",
            "name",
            "kind",
            "sector",
            "region",
            "start_year",
            "status",
            "description",
            "is_demo",
            "members",
        ]
        read_only_fields = ["id", "status", "is_demo", "members"]

    def get_members(self, network) -> list[dict]:
        confirmed = [
            membership
            for membership in network.memberships.all()
            if membership.status == NetworkMembership.Status.CONFIRMED
        ]
        return MembershipSerializer(confirmed, many=True).data
