"""Reads for reviewing: the reviewers' queue, the audit log, comments and the
versions to compare — always scoped to what the user may see."""

import datetime

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.models import Role
from rules.labels import FIELD_LABELS, path_label, section_label
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
    # Without what the queue does not show: the working draft and the region's outline.
    queryset = (
        Submission.objects.filter(state=Submission.State.UNDER_REVIEW)
        .select_related("school", "experiment", "region")
        .defer("draft", "region__geometry")
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
    # The latest number as a subquery rather than MAX over joined versions: no
    # GROUP BY, so counting the queue (paginator, home page) leaves both out.
    latest_number = (
        SubmissionVersion.objects.filter(submission=OuterRef("pk"))
        .order_by("-number")
        .values("number")[:1]
    )
    return queryset.annotate(
        latest_number=Subquery(latest_number), decided_by_my_body=Exists(decided)
    ).order_by("submitted_at", "pk")


def versions_for_review(submission: Submission) -> list[SubmissionVersion]:
    """Every version, newest first, with its report; without the document as
    uploaded, which the review page does not show. Pass the list to the reads
    below so that each row's version comes from it instead of a join."""
    return list(
        submission.versions.select_related("report").defer("source_text").order_by("-number")
    )


def _with_versions(rows, versions: list[SubmissionVersion] | None):
    """Give each row its version from `versions` (the submission's own, loaded once)."""
    by_pk = {version.pk: version for version in versions or ()}
    for row in rows:
        if row.version_id in by_pk:
            row.version = by_pk[row.version_id]
    return rows


def _version_join(queryset: QuerySet, versions) -> QuerySet:
    """Join each row's version unless the caller has the versions already."""
    return queryset if versions is not None else queryset.select_related("version")


def events_of(
    submission: Submission, versions: list[SubmissionVersion] | None = None
) -> list[SubmissionEvent]:
    """The audit log, oldest first, each with a readable `label`.

    `versions`: all of the submission's versions, when the caller has them."""
    events = submission.events.select_related("actor__organisation").order_by("at", "pk")
    events = _with_versions(list(_version_join(events, versions)), versions)
    # Each action and state in words once, not once per entry of a long log.
    actions = {action: str(label) for action, label in ACTION_LABELS.items()}
    states = {state: str(label) for state, label in Submission.State.choices}
    for event in events:
        event.label = actions.get(event.action, event.action)
        event.from_label = states.get(event.from_state, event.from_state)
        event.to_label = states.get(event.to_state, event.to_state)
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


def comments_by_section(
    submission: Submission, versions: list[SubmissionVersion] | None = None
) -> dict[str, list[ReviewComment]]:
    """Every comment on the submission, grouped by section, oldest first, each
    with its section's name (`section_label`).

    `versions`: all of the submission's versions, when the caller has them."""
    groups: dict[str, list[ReviewComment]] = {}
    comments = _version_join(
        ReviewComment.objects.filter(submission=submission).select_related("author__organisation"),
        versions,
    )
    labels: dict[str, str] = {}  # each section's name in words, once
    for item in _with_versions(list(comments.order_by("created_at", "pk")), versions):
        if item.section not in labels:
            labels[item.section] = path_label(item.section)
        item.section_label = labels[item.section]
        groups.setdefault(item.section, []).append(item)
    return groups


def decisions_of(
    submission: Submission, versions: list[SubmissionVersion] | None = None
) -> list[Decision]:
    """Every decision on the submission, oldest first.

    `versions`: all of the submission's versions, when the caller has them."""
    decisions = _version_join(submission.decisions.select_related("decided_by"), versions)
    return _with_versions(list(decisions.order_by("decided_at", "pk")), versions)


def version_numbers(submission: Submission) -> list[int]:
    """The numbers of the submission's versions, newest first."""
    return list(submission.versions.order_by("-number").values_list("number", flat=True))


def versions_to_compare(submission: Submission, old: int, new: int):
    """The submission's two versions numbered `old` and `new`, or 404.

    `submission` is one the user may see (`selectors.get_submission`)."""
    versions = {
        version.number: version
        for version in SubmissionVersion.objects.filter(
            submission=submission, number__in=[old, new]
        ).defer("source_text")
    }
    if old not in versions or new not in versions:
        raise Http404("No such version.")
    return versions[old], versions[new]
