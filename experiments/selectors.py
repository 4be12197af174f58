"""Reads for experiments: the experiments, their participants, and the
submissions of participating schools with their turnaround times (computed by
the submissions app, plugged in through `register_tracking`)."""

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from regions.models import Region

from .models import Experiment, Participation, open_on


def experiment_list() -> QuerySet:
    """Every experiment with the number of admitted schools (`admitted_count`)."""
    return Experiment.objects.annotate(
        admitted_count=Count(
            "participations", filter=Q(participations__status=Participation.Status.ADMITTED)
        )
    ).order_by("name")


def experiment_list_with_open_applications(today: date | None = None) -> QuerySet:
    """Every experiment with the number of applications still to decide (`open_count`).

    Only an experiment that is open for applications today has open
    applications: an ended or running one counts 0 (its history stays readable).
    """
    today = today or timezone.localdate()
    return Experiment.objects.annotate(
        open_count=Count(
            "participations",
            filter=Q(participations__status=Participation.Status.APPLIED) & open_on(today),
        )
    ).order_by("name")


def open_application_count(today: date | None = None) -> int:
    """Applications still to decide, in experiments open for applications today."""
    today = today or timezone.localdate()
    return Participation.objects.filter(
        status=Participation.Status.APPLIED,
        experiment__in=Experiment.objects.filter(open_on(today)),
    ).count()


def statuses_of_school(school_id: int) -> dict:
    """{experiment id: status label} of one school's participations."""
    return {
        participation.experiment_id: participation.get_status_display()
        for participation in Participation.objects.filter(school_id=school_id).only(
            "experiment_id", "status"
        )
    }


def get_experiment(slug: str) -> Experiment | None:
    """The experiment with `slug` and its `admitted_count`, or None."""
    return experiment_list().filter(slug=slug).first()


def participation_of(experiment: Experiment, user) -> Participation | None:
    """The participation of the user's own organisation in `experiment`, if any."""
    if not user.is_authenticated:
        return None
    return Participation.objects.filter(
        experiment=experiment, school_id=user.organisation_id
    ).first()


def admitted_per_cohort(experiment: Experiment) -> list[dict]:
    """How many schools are admitted per cohort: [{"cohort", "count"}], by cohort."""
    return list(
        Participation.objects.filter(experiment=experiment, status=Participation.Status.ADMITTED)
        .values("cohort")
        .annotate(count=Count("pk"))
        .order_by("cohort")
    )


def participants(
    experiment: Experiment,
    *,
    status: str = "",
    cohort: str = "",
    region: str = "",
    search: str = "",
) -> QuerySet:
    """The participations (applications included) in `experiment`, filtered.

    `region` is a region code; `search` matches the school's name or BRIN code.
    """
    rows = Participation.objects.filter(experiment=experiment).select_related(
        "school", "school__region"
    )
    if status:
        rows = rows.filter(status=status)
    if cohort:
        rows = rows.filter(cohort=cohort)
    if region:
        rows = rows.filter(school__region__code=region)
    if search:
        rows = rows.filter(Q(school__name__icontains=search) | Q(school__code__iexact=search))
    return rows.order_by("cohort", "school__name", "pk")


def cohorts_of(experiment: Experiment) -> list[str]:
    """The cohorts that occur in the experiment's participations, in order."""
    return list(
        Participation.objects.filter(experiment=experiment)
        .order_by("cohort")
        .values_list("cohort", flat=True)
        .distinct()
    )


def regions_of(experiment: Experiment) -> QuerySet:
    """The regions of the schools that take part or applied, in code order."""
    return (
        Region.objects.filter(organisations__participations__experiment=experiment)
        .defer("geometry")
        .distinct()
        .order_by("code")
    )


def get_participation(experiment: Experiment, pk: int) -> Participation | None:
    """One participation in `experiment`, with school, region and who applied."""
    return (
        Participation.objects.select_related(
            "school", "school__region", "applied_by", "decided_by", "experiment"
        )
        .filter(experiment=experiment, pk=pk)
        .first()
    )


def days(duration: timedelta | None) -> float | None:
    """A duration in days, rounded to one decimal (None stays None)."""
    if duration is None:
        return None
    return round(duration.total_seconds() / 86400, 1)


@dataclass
class TrackingRow:
    """One admitted school with one of its submissions for the experiment (or none).

    The submissions app fills the rows (`register_tracking`), with the
    submission's state and kind in words and whether its state is final."""

    school_code: str
    school_name: str
    region: str
    cohort: str
    region_code: str = ""
    submission_id: int | None = None
    title: str = ""
    kind: str = ""
    state: str = ""
    submitted_at: datetime | None = None
    decided_at: datetime | None = None
    # The state in the user's language ("" without a submission), the kind in
    # words, and whether the state is a final decision (approved or rejected).
    state_label: str = ""
    kind_label: str = ""
    final: bool = False

    @property
    def turnaround(self) -> timedelta | None:
        """Time from submission to a final decision, when there is one."""
        if not self.final or not (self.submitted_at and self.decided_at):
            return None
        return self.decided_at - self.submitted_at

    @property
    def turnaround_days(self) -> float | None:
        """The turnaround in days, rounded to one decimal."""
        return days(self.turnaround)


@dataclass
class Tracking:
    """The tracking overview of one experiment."""

    rows: list[TrackingRow]
    school_count: int
    submission_count: int
    decided_count: int
    median_turnaround: timedelta | None
    longest_turnaround: timedelta | None
    states: dict[str, int] = field(default_factory=dict)


# Experiments sit below submissions in the layer order: the submissions app
# computes the tracking rows (submissions/tracking.py) and plugs them in here
# from its AppConfig.ready(). Until then an experiment has no rows.
def _no_tracking_rows(experiment: Experiment) -> list[TrackingRow]:
    return []


_tracking_rows: Callable[[Experiment], list[TrackingRow]] = _no_tracking_rows


def register_tracking(rows: Callable[[Experiment], list[TrackingRow]]) -> None:
    """Set the function that lists an experiment's admitted schools with their
    submissions for it (one `TrackingRow` each; a school without one has a row
    without a submission). Call it from your AppConfig.ready()."""
    global _tracking_rows
    _tracking_rows = rows


def tracking(experiment: Experiment) -> Tracking:
    """The admitted schools of `experiment` with their submissions for it.

    The rows come from the registered function (`register_tracking`). The
    turnaround (submission to a final decision: approved or rejected) is
    summarised as its median and longest in Python, which works alike on
    SQLite and PostgreSQL.
    """
    rows = _tracking_rows(experiment)
    turnarounds = [row.turnaround for row in rows if row.turnaround is not None]
    states: dict[str, int] = {}
    for row in rows:
        if row.submission_id is not None:
            states[row.state] = states.get(row.state, 0) + 1
    return Tracking(
        rows=rows,
        school_count=len({row.school_code for row in rows}),
        submission_count=sum(1 for row in rows if row.submission_id is not None),
        decided_count=len(turnarounds),
        median_turnaround=statistics.median(turnarounds) if turnarounds else None,
        longest_turnaround=max(turnarounds) if turnarounds else None,
        states=states,
    )


@dataclass
class MonthTurnaround:
    """The final decisions of one calendar month: how many, and their turnaround."""

    month: date
    count: int
    median_days: float
    longest_days: float


def turnaround_per_month(rows: list[TrackingRow]) -> list[MonthTurnaround]:
    """Decided submissions per month of their decision (local time), with the median
    and longest days from submission to decision; months in order, gaps filled
    with nothing (a month without decisions has no row)."""
    by_month: dict[date, list[timedelta]] = {}
    zone = timezone.get_current_timezone()  # once: thousands of rows at national scale
    for row in rows:
        turnaround = row.turnaround
        if turnaround is None:
            continue
        decided = row.decided_at.astimezone(zone).date().replace(day=1)
        by_month.setdefault(decided, []).append(turnaround)
    return [
        MonthTurnaround(
            month=month,
            count=len(durations),
            median_days=days(statistics.median(durations)),
            longest_days=days(max(durations)),
        )
        for month, durations in sorted(by_month.items())
    ]


def participants_per_cohort(experiment: Experiment) -> list[dict]:
    """Schools per cohort by status, one query: [{"cohort", "<status>": n, ..., "total"}]."""
    counts: dict[str, dict[str, int]] = {}
    rows = (
        Participation.objects.filter(experiment=experiment)
        .values_list("cohort", "status")
        .annotate(n=Count("pk"))
        .order_by("cohort")
    )
    for cohort, status, n in rows:
        counts.setdefault(cohort, dict.fromkeys(Participation.Status.values, 0))[status] = n
    return [
        {"cohort": cohort, **per_status, "total": sum(per_status.values())}
        for cohort, per_status in counts.items()
    ]


def participating_school_counts() -> dict[str, int]:
    """Schools admitted to any experiment, per region code: the map indicator."""
    rows = (
        Participation.objects.filter(status=Participation.Status.ADMITTED)
        .values("school__region__code")
        .annotate(n=Count("school", distinct=True))
    )
    return {row["school__region__code"]: row["n"] for row in rows if row["school__region__code"]}
