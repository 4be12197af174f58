"""API representations of submissions, their versions, comments, decisions and
audit log, and the input of drafts and transitions."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core import boundary
from submissions.models import (
    Decision,
    ReviewComment,
    Submission,
    SubmissionEvent,
    SubmissionVersion,
)
from submissions.workflow import COMMENT_MAX_LENGTH


class SubmissionSerializer(serializers.ModelSerializer):
    """A submission with its working draft and the number of its latest version."""

    school = serializers.CharField(source="school.code", read_only=True)
    school_name = serializers.CharField(source="school.name", read_only=True)
    # Not every submission belongs to an experiment or has a region (null then).
    experiment = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    latest_version = serializers.IntegerField(source="latest_number", read_only=True)

    class Meta:
        model = Submission
        fields = [
            "id",
            "kind",
            "title",
            "state",
            "school",
            "school_name",
            "experiment",
            "region",
            "needs_inspectorate",
            "inspectorate_call_reason",
            "revision",
            "draft",
            "latest_version",
            "submitted_at",
            "decided_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class DraftCreateSerializer(serializers.Serializer):
    """A new draft: an interchange document of the user's own school."""

    document = boundary.JSONField(help_text="A vet-submission/1 document (docs/interchange.md).")


class DraftUpdateSerializer(serializers.Serializer):
    """A new content of the draft, with the revision it was based on."""

    document = boundary.JSONField(help_text="The whole draft document.")
    revision = serializers.IntegerField(
        min_value=1, help_text="The `revision` the document was based on (optimistic locking)."
    )
    title = serializers.CharField(required=False, max_length=300)


class StaleRevisionSerializer(serializers.Serializer):
    """The answer to a save based on an old revision (409)."""

    detail = serializers.CharField()
    revision = serializers.IntegerField(help_text="The current revision.")
    document = serializers.JSONField(help_text="The document that was not saved.")


class VersionSerializer(serializers.ModelSerializer):
    """A submitted (or uploaded) version, with its check's result."""

    created_by = serializers.CharField(source="created_by.username", read_only=True)
    valid = serializers.SerializerMethodField()

    class Meta:
        model = SubmissionVersion
        fields = ["number", "created_at", "created_by", "valid"]

    def get_valid(self, version) -> bool | None:
        """True or False once checked; None while the check runs."""
        report = getattr(version, "report", None)
        return report.valid if report else None


class VersionDetailSerializer(VersionSerializer):
    """A version with its document and its findings."""

    findings = serializers.SerializerMethodField()

    class Meta(VersionSerializer.Meta):
        fields = [*VersionSerializer.Meta.fields, "document", "findings"]

    def get_findings(self, version) -> list[dict]:
        report = getattr(version, "report", None)
        return report.findings if report else []


class CommentSerializer(serializers.ModelSerializer):
    """A comment on a section of the document ("" for the whole)."""

    author = serializers.CharField(source="author.username", read_only=True)
    version = serializers.IntegerField(
        source="version.number", read_only=True, allow_null=True, default=None
    )
    section = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")
    text = serializers.CharField(max_length=COMMENT_MAX_LENGTH)

    class Meta:
        model = ReviewComment
        fields = ["id", "section", "text", "author", "version", "created_at"]
        read_only_fields = ["id", "author", "version", "created_at"]


class DecideSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Decision.Outcome.choices)
    reason = serializers.CharField()


class CallInInspectorateSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class DecisionSerializer(serializers.ModelSerializer):
    decided_by = serializers.CharField(source="decided_by.username", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "version", "body", "outcome", "reason", "decided_by", "decided_at"]


class EventSerializer(serializers.ModelSerializer):
    """One entry of the audit log: who, when, what."""

    actor = serializers.CharField(
        source="actor.username", read_only=True, allow_null=True, default=None
    )
    version = serializers.IntegerField(
        source="version.number", read_only=True, allow_null=True, default=None
    )
    # The API keeps its names and types: `detail` is the event's note, `created_at`
    # its time, `action` a plain string.
    action = serializers.CharField(label=capfirst(_("action")), max_length=40)
    detail = serializers.CharField(
        source="note", label=capfirst(_("detail")), allow_blank=True, required=False
    )
    created_at = serializers.DateTimeField(source="at", label=capfirst(_("at")), read_only=True)

    class Meta:
        model = SubmissionEvent
        fields = ["action", "actor", "version", "from_state", "to_state", "detail", "created_at"]


class ChangeSerializer(serializers.Serializer):
    """One path that differs between two versions."""

    path = serializers.CharField()
    change = serializers.ChoiceField(choices=["added", "removed", "changed"])
    old = serializers.CharField()
    new = serializers.CharField()


class DiffSerializer(serializers.Serializer):
    old = serializers.IntegerField(source="old_number")
    new = serializers.IntegerField(source="new_number")
    changes = ChangeSerializer(many=True)
