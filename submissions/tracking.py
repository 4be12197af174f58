"""Experiment tracking: the admitted schools of an experiment with their
submissions for it, for the ministry's progress page, CSV and Excel.

It is computed here, where submissions live, and shown on the experiment pages
(below submissions in the layer order) through `experiments.selectors.register_tracking`,
called from `SubmissionsConfig.ready()`.
"""

from django.db.models import FilteredRelation, Q

from experiments.models import Experiment, Participation
from experiments.selectors import TrackingRow

from .models import Submission


def tracking_rows(experiment: Experiment) -> list[TrackingRow]:
    """One row per admitted school and submission for `experiment`.

    One query: admitted participations left-joined to the school's
    submissions that belong to this experiment, so a school without
    submissions still has a row.
    """
    values = (
        Participation.objects.filter(experiment=experiment, status=Participation.Status.ADMITTED)
        .annotate(
            own_submission=FilteredRelation(
                "school__submissions",
                # Never-submitted drafts stay the school's own (least privilege).
                condition=Q(
                    school__submissions__experiment=experiment,
                    school__submissions__submitted_at__isnull=False,
                ),
            )
        )
        .order_by("school__name", "school_id", "own_submission__submitted_at", "own_submission__pk")
        .values_list(
            "school__code",
            "school__name",
            "school__region__name",
            "school__region__code",
            "cohort",
            "own_submission__pk",
            "own_submission__title",
            "own_submission__kind",
            "own_submission__state",
            "own_submission__submitted_at",
            "own_submission__decided_at",
        )
    )
    # Each label translated once, not once per row (thousands of rows at national scale).
    kind_labels = {value: str(label) for value, label in Submission._meta.get_field("kind").choices}
    state_labels = {value: str(label) for value, label in Submission.State.choices}
    return [
        TrackingRow(
            school_code=code,
            school_name=name,
            region=region or "",
            region_code=region_code or "",
            cohort=cohort,
            submission_id=pk,
            title=title or "",
            kind=kind or "",
            state=state or "",
            submitted_at=submitted_at,
            decided_at=decided_at,
            state_label=state_labels[state] if state else "",
            kind_label=kind_labels.get(kind or "", kind or ""),
            final=state in Submission.FINAL_STATES,
        )
        for (
            code,
            name,
            region,
            region_code,
            cohort,
            pk,
            title,
            kind,
            state,
            submitted_at,
            decided_at,
        ) in values
    ]
