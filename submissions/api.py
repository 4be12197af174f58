"""API of submissions: read by the parties involved (the school's users and the
national roles, scoped like the pages), drafts created and updated by the
school's authors with optimistic locking, and the workflow's transitions as
actions. The same checks as the pages: `workflow` and `drafting` check role and
state on the server."""

import json

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from accounts.permissions import HasRole
from core.states import TransitionRefused, refusal_response
from submissions import workflow
from submissions.drafting import services as drafting
from submissions.intake import selectors, services
from submissions.models import SubmissionVersion
from submissions.review import selectors as review_selectors
from submissions.review.diff import diff_documents
from submissions.serializers import (
    CallInInspectorateSerializer,
    CommentSerializer,
    DecideSerializer,
    DecisionSerializer,
    DiffSerializer,
    DraftCreateSerializer,
    DraftUpdateSerializer,
    EventSerializer,
    StaleRevisionSerializer,
    SubmissionSerializer,
    VersionDetailSerializer,
    VersionSerializer,
)

# The body of each is the API's one error body (config.api.ErrorSerializer).
REFUSED = {
    400: OpenApiResponse(description="What was given is wrong (see `errors`)."),
    403: OpenApiResponse(description="This user may not do this, or no CSRF token."),
    404: OpenApiResponse(description="No such submission, or not visible to this user."),
    409: OpenApiResponse(description="Not in the submission's current state."),
}


def _document_of(document, organisation) -> dict:
    """The posted document when it is a document of a known kind about the school."""
    if not isinstance(document, dict):
        raise ValidationError({"document": ["The document must be a JSON object."]})
    try:
        checked, _text = services.read_upload(json.dumps(document).encode(), organisation)
    except services.DocumentRefused as refused:
        raise ValidationError({"document": refused.messages}) from refused
    return checked


@extend_schema_view(
    list=extend_schema(
        summary="Submissions the user may see",
        description="The school's submissions for school users; all for national roles.",
    ),
    retrieve=extend_schema(summary="One submission with its working draft"),
)
class SubmissionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Submissions and their review workflow."""

    permission_classes = [HasRole]
    allowed_roles = ()  # any logged-in user; the queryset is scoped to what they may see
    serializer_class = SubmissionSerializer
    filterset_fields = ["kind", "state"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        # Already newest first.
        return selectors.submissions_visible_to(self.request.user).select_related(
            "experiment", "region"
        )

    def _fresh(self, submission) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=submission.pk)).data)

    @extend_schema(
        summary="Create a draft from an interchange document",
        request=DraftCreateSerializer,
        responses={201: SubmissionSerializer, **REFUSED},
    )
    def create(self, request):
        if not request.user.is_school_author:
            return Response(
                {"detail": "Only school authors create drafts."}, status=status.HTTP_403_FORBIDDEN
            )
        data = DraftCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = _document_of(data.validated_data["document"], request.user.organisation)
        experiment = workflow.experiment_of(document)
        title = services.document_title(document)
        try:
            with transaction.atomic():
                submission = drafting.create_draft(
                    user=request.user, kind=document["kind"], experiment=experiment, title=title
                )
                submission = drafting.save_draft(
                    submission=submission,
                    user=request.user,
                    document=document,
                    title=title,
                    revision=submission.revision,
                )
        except drafting.DraftRefused as refused:
            raise ValidationError({"document": [refused.message]}) from refused
        response = self._fresh(submission)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(
        summary="Save the draft (optimistic locking)",
        description=(
            "Send the whole document and the `revision` it was based on. When someone "
            "saved in between, nothing is saved and the answer is 409 with the current "
            "revision and your document."
        ),
        request=DraftUpdateSerializer,
        responses={
            200: SubmissionSerializer,
            409: OpenApiResponse(StaleRevisionSerializer, description="Stale revision."),
            400: REFUSED[400],
            403: REFUSED[403],
            404: REFUSED[404],
        },
    )
    def partial_update(self, request, pk=None):
        submission = self.get_object()
        if not workflow.is_author(request.user, submission):
            return Response(
                {"detail": "Only a school author of this school can change the draft."},
                status=status.HTTP_403_FORBIDDEN,
            )
        data = DraftUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = _document_of(data.validated_data["document"], submission.school)
        if document["kind"] != submission.kind:
            raise ValidationError({"document": [f"The document must be a {submission.kind}."]})
        title = data.validated_data.get("title") or services.document_title(document)
        try:
            saved = drafting.save_draft(
                submission=submission,
                user=request.user,
                document=document,
                title=title,
                revision=data.validated_data["revision"],
            )
        except drafting.StaleDraft as stale:
            current = self.get_queryset().get(pk=submission.pk)
            return Response(
                {"detail": stale.message, "revision": current.revision, "document": document},
                status=status.HTTP_409_CONFLICT,
            )
        except drafting.DraftRefused as refused:
            return Response({"detail": refused.message}, status=status.HTTP_409_CONFLICT)
        return self._fresh(saved)

    @extend_schema(
        summary="Submit the draft for review",
        request=None,
        responses={200: SubmissionSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        submission = self.get_object()
        try:
            workflow.submit(submission, request.user)
        except TransitionRefused as refused:
            return refusal_response(refused)
        return self._fresh(submission)

    @extend_schema(
        summary="Withdraw before a decision",
        request=None,
        responses={200: SubmissionSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        submission = self.get_object()
        try:
            workflow.withdraw(submission, request.user)
        except TransitionRefused as refused:
            return refusal_response(refused)
        return self._fresh(submission)

    @extend_schema(
        summary="Decide (SBB, or the Inspectorate on flagged cross-overs)",
        request=DecideSerializer,
        responses={200: SubmissionSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        submission = self.get_object()
        data = DecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            workflow.decide(
                submission,
                request.user,
                data.validated_data["outcome"],
                data.validated_data["reason"],
            )
        except TransitionRefused as refused:
            return refusal_response(refused)
        return self._fresh(submission)

    @extend_schema(
        summary="Call in the Inspectorate on a cross-over under review (SBB)",
        request=CallInInspectorateSerializer,
        responses={200: SubmissionSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"], url_path="call-in-inspectorate")
    def call_in_inspectorate(self, request, pk=None):
        submission = self.get_object()
        data = CallInInspectorateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            workflow.call_in_inspectorate(submission, request.user, data.validated_data["reason"])
        except TransitionRefused as refused:
            return refusal_response(refused)
        return self._fresh(submission)

    @extend_schema(
        methods=["GET"], summary="Comments per section", responses=CommentSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"],
        summary="Comment on a section",
        request=CommentSerializer,
        responses={201: CommentSerializer, **REFUSED},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_fields=[])
    def comments(self, request, pk=None):
        submission = self.get_object()
        if request.method == "GET":
            comments = submission.comments.select_related("author", "version").order_by(
                "created_at", "pk"
            )
            return Response(CommentSerializer(comments, many=True).data)
        data = CommentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            created = workflow.comment(
                submission,
                request.user,
                data.validated_data["section"],
                data.validated_data["text"],
            )
        except TransitionRefused as refused:
            return refusal_response(refused)
        return Response(CommentSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Decisions on every version", responses=DecisionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_fields=[])
    def decisions(self, request, pk=None):
        submission = self.get_object()
        decisions = review_selectors.decisions_of(submission)
        return Response(DecisionSerializer(decisions, many=True).data)

    @extend_schema(summary="The audit log", responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_fields=[])
    def events(self, request, pk=None):
        submission = self.get_object()
        return Response(EventSerializer(review_selectors.events_of(submission), many=True).data)

    @extend_schema(summary="Every version, newest first", responses=VersionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_fields=[])
    def versions(self, request, pk=None):
        submission = self.get_object()
        return Response(VersionSerializer(selectors.versions_of(submission), many=True).data)

    @extend_schema(
        summary="One version with its document and findings",
        parameters=[OpenApiParameter("number", int, OpenApiParameter.PATH)],
        responses={200: VersionDetailSerializer, 404: REFUSED[404]},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"versions/(?P<number>\d+)",
        pagination_class=None,
        filterset_fields=[],
    )
    def version(self, request, pk=None, number=None):
        submission = self.get_object()
        version = get_object_or_404(
            SubmissionVersion.objects.select_related("report", "created_by"),
            submission=submission,
            number=number,
        )
        return Response(VersionDetailSerializer(version).data)

    @extend_schema(
        summary="What changed between two versions",
        parameters=[
            OpenApiParameter("old", int, description="The older version's number."),
            OpenApiParameter("new", int, description="The newer version's number."),
        ],
        responses={200: DiffSerializer, 400: REFUSED[400], 404: REFUSED[404]},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filterset_fields=[])
    def diff(self, request, pk=None):
        submission = self.get_object()
        try:
            old, new = int(request.query_params["old"]), int(request.query_params["new"])
        except (KeyError, ValueError):
            raise ValidationError({"detail": "Give two version numbers: ?old=1&new=2."}) from None
        old_version, new_version = review_selectors.versions_to_compare(submission, old, new)
        changes = diff_documents(old_version.document, new_version.document)
        return Response(
            DiffSerializer({"old_number": old, "new_number": new, "changes": changes}).data
        )
