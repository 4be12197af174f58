"""Reads for reviewing: the reviewers' queue, the audit log, comments and the
versions to compare — always scoped to what the user may see."""

import datetime

from django.db.models import Exists, Max, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.models import Role
from rules.labels import FIELD_LABELS, section_label
from submissions import workflow
from submissions.models import (
    Decision,
    ReviewComment,
    Submission,
    SubmissionEvent,
    SubmissionVersion,
)

# How each audit-log action reads.
ACTION_LABELS = dict(SubmissionEvent.Action.choices)


def review_queue(
    user,
    *,
    kind: str = "",
    experiment: str = "",
    region: str = "",
    waiting_days: int | None = None,
) -> QuerySet:
    """Submissions under review that the user reviews, longest waiting first.

    Inspectorate reviewers see only cross-overs flagged for the Inspectorate.
    Filters: kind, experiment slug, region code, and waiting at least
    `waiting_days` days since they were submitted.
    """
    queryset = Submission.objects.filter(state=Submission.State.UNDER_REVIEW).select_related(
        "school", "experiment", "region"
    )
    if user.role == Role.INSPECTORATE_REVIEWER:
        queryset = queryset.filter(needs_inspectorate=True)
    if kind:
        queryset = queryset.filter(kind=kind)
    if experiment:
        queryset = queryset.filter(experiment__slug=experiment)
    if region:
        queryset = queryset.filter(region__code=region)
    if waiting_days is not None:
        queryset = queryset.filter(
            submitted_at__lte=timezone.now() - datetime.timedelta(days=waiting_days)
        )
    body = workflow.body_of_role(user.role)
    latest_version = (
        SubmissionVersion.objects.filter(submission=OuterRef(OuterRef("pk")))
        .order_by("-number")
        .values("pk")[:1]
    )
    # On a cross-over flagged for the Inspectorate, whether the user's body has
    # already decided on the latest version (it then waits for the other body).
    decided = Decision.objects.filter(
        submission=OuterRef("pk"), body=body, version=Subquery(latest_version)
    )
    return queryset.annotate(
        latest_number=Max("versions__number"), decided_by_my_body=Exists(decided)
    ).order_by("submitted_at", "pk")


def events_of(submission: Submission) -> list[SubmissionEvent]:
    """The audit log, oldest first, each with a readable `label`."""
    events = list(
        submission.events.select_related("actor__organisation", "version").order_by("at", "pk")
    )
    for event in events:
        event.label = ACTION_LABELS.get(event.action, event.action)
        event.from_label = Submission.State(event.from_state).label if event.from_state else ""
        event.to_label = Submission.State(event.to_state).label if event.to_state else ""
        if event.action == "validation_failed" and event.note.isdigit():
            # Stored as the number of errors; read as "1 error", "3 errors".
            count = int(event.note)
            event.note = ngettext("%(count)s error", "%(count)s errors", count) % {"count": count}
        elif event.action == "comment":
            # Stored as "regional_section: text"; read as "Regional section: text".
            key, separator, text = event.note.partition(": ")
            if separator and key in FIELD_LABELS:
                event.note = f"{section_label(key)}: {text}"
    return events


def comments_by_section(submission: Submission) -> dict[str, list[ReviewComment]]:
    """Every comment on the submission, grouped by section, oldest first."""
    groups: dict[str, list[ReviewComment]] = {}
    comments = ReviewComment.objects.filter(submission=submission).select_related(
        "author__organisation", "version"
    )
    for item in comments.order_by("created_at", "pk"):
        groups.setdefault(item.section, []).append(item)
    return groups


def decisions_of(submission: Submission) -> list[Decision]:
    """Every decision on the submission, oldest first."""
    return list(
        submission.decisions.select_related("decided_by", "version").order_by("decided_at", "pk")
    )


def versions_to_compare(submission: Submission, old: int, new: int):
    """The submission's two versions numbered `old` and `new`, or 404.

    `submission` is one the user may see (`selectors.get_submission`)."""
    versions = {
        version.number: version
        for version in SubmissionVersion.objects.filter(
            submission=submission, number__in=[old, new]
        )
    }
    if old not in versions or new not in versions:
        raise Http404("No such version.")
    return versions[old], versions[new]
