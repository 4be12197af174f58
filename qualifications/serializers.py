"""Read-only API representations of the national qualification structure."""

from rest_framework import serializers

from .models import (
    CoreTask,
    Domain,
    ElectiveModule,
    Qualification,
    QualificationFile,
    RegionalElectiveUse,
    VetCertificate,
    WorkProcess,
)


class DomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = Domain
        fields = ["number", "title"]


class QualificationSummarySerializer(serializers.ModelSerializer):
    """A qualification as listed inside its dossier."""

    class Meta:
        model = Qualification
        fields = ["crebo", "title", "level", "study_load_hours"]


class QualificationFileSerializer(serializers.ModelSerializer):
    """A dossier (kwalificatiedossier) with its qualifications in brief."""

    domain = DomainSerializer(read_only=True)
    sector_chamber = serializers.CharField(
        source="sector_chamber.title", read_only=True, allow_null=True, default=None
    )
    qualifications = QualificationSummarySerializer(many=True, read_only=True)

    class Meta:
        model = QualificationFile
        fields = [
            "number",
            "crebo",
            "title",
            "status",
            "version",
            "valid_from",
            "end_of_intake",
            "end_of_programme",
            "domain",
            "sector_chamber",
            "qualifications",
        ]


class WorkProcessSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkProcess
        fields = ["code", "sbb_id", "title"]


class PartCertificateSerializer(serializers.ModelSerializer):
    class Meta:
        model = VetCertificate
        fields = ["id", "code", "title", "level", "valid_from"]


class CoreTaskSerializer(serializers.ModelSerializer):
    """A core task (of the basis or of the profile) with its work processes."""

    is_basis = serializers.BooleanField(read_only=True)
    work_processes = WorkProcessSerializer(many=True, read_only=True)
    certificates = PartCertificateSerializer(many=True, read_only=True)

    class Meta:
        model = CoreTask
        fields = ["code", "sbb_id", "title", "is_basis", "work_processes", "certificates"]


class DossierBriefSerializer(serializers.ModelSerializer):
    domain = DomainSerializer(read_only=True)

    class Meta:
        model = QualificationFile
        fields = ["crebo", "title", "status", "domain"]


class QualificationSerializer(serializers.ModelSerializer):
    """A qualification with its parts: basis and profile core tasks in SBB order."""

    file = DossierBriefSerializer(read_only=True)
    parts = CoreTaskSerializer(many=True, read_only=True)

    class Meta:
        model = Qualification
        fields = [
            "crebo",
            "title",
            "level",
            "study_load_hours",
            "programme_kind",
            "valid_from",
            "end_of_intake",
            "end_of_programme",
            "file",
            "parts",
        ]


class NamedCodeSerializer(serializers.Serializer):
    """An organisation or region by its code and name."""

    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class ElectiveUseSerializer(serializers.ModelSerializer):
    """An approved programme that names a regional keuzedeel by its RK code."""

    school = NamedCodeSerializer(read_only=True)

    class Meta:
        model = RegionalElectiveUse
        fields = ["title", "school", "approved_on"]


class ElectiveSerializer(serializers.ModelSerializer):
    """A keuzedeel: a national one (K code) or a regional one of the register
    (RK code), the latter with its school, region, learning outcomes, the
    programme that described it and the approved programmes that name it."""

    certificates = PartCertificateSerializer(many=True, read_only=True)
    school = NamedCodeSerializer(read_only=True, allow_null=True)
    region = NamedCodeSerializer(read_only=True, allow_null=True)
    described_in = serializers.CharField(source="source_title", read_only=True)
    used_in = ElectiveUseSerializer(source="uses", many=True, read_only=True)

    class Meta:
        model = ElectiveModule
        fields = [
            "code",
            "title",
            "level",
            "study_load_hours",
            "has_certificate",
            "certificates",
            "is_regional",
            "school",
            "region",
            "learning_outcomes",
            "described_in",
            "registered_on",
            "used_in",
        ]


class CertificateSerializer(serializers.ModelSerializer):
    """An mbo-certificate and what it is attached to."""

    qualification = serializers.CharField(
        source="qualification.crebo", read_only=True, allow_null=True, default=None
    )
    core_task = serializers.CharField(
        source="core_task.code", read_only=True, allow_null=True, default=None
    )
    core_task_title = serializers.CharField(
        source="core_task.title", read_only=True, allow_null=True, default=None
    )
    elective = serializers.CharField(
        source="elective.code", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = VetCertificate
        fields = [
            "id",
            "code",
            "title",
            "level",
            "valid_from",
            "sbb_id",
            "qualification",
            "core_task",
            "core_task_title",
            "elective",
        ]
