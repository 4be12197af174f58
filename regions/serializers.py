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


class OrganisationSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

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
