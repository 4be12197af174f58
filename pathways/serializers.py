"""API representation of a route: public fields only (no agreement texts or documents)."""

from rest_framework import serializers

from .models import Route


class OrganisationRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class RouteSerializer(serializers.ModelSerializer):
    vmbo_school = OrganisationRefSerializer()
    mbo_institution = OrganisationRefSerializer()
    region = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.name")
    target_qualification = serializers.CharField(source="target_qualification.crebo")
    target_qualification_title = serializers.CharField(source="target_qualification.title")
    level = serializers.IntegerField(source="target_qualification.level")
    sector = serializers.CharField(source="target_qualification.file.domain.title")

    class Meta:
        model = Route
        fields = [
            "id",
            "status",
            "basis",
            "route_type",
            "vmbo_track",
            "vmbo_school",
            "mbo_institution",
            "region",
            "region_name",
            "target_qualification",
            "target_qualification_title",
            "level",
            "sector",
            "location",
            "start_date",
            "exam_responsible",
            "duo_status",
            "duo_date",
            "ended_on",
        ]
        read_only_fields = fields
