"""Import of participations in the experiments from CSV (docs/interchange.md):
`experiment,school,cohort,status,decided_on`.

`plan_participations(text, name)` reads and checks a whole file without
writing and returns the changes it would make (the browser shows them as a
preview); `import_participations(text, name)` plans again under a lock on the
experiments concerned and writes. All or nothing: any bad line, or a file that
would break an experiment's caps (RR-08), raises `InputError` naming the file
and line, and nothing is written. Idempotent: a row that matches what is
stored changes nothing.
"""

import csv
import datetime
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import boundary
from regions.models import Organisation
from regions.services import InputError

from .models import COHORT_VALIDATOR, Experiment, Participation
from .services import school_kind_for

COLUMNS = ["experiment", "school", "cohort", "status", "decided_on"]
# The statuses of the file, and how they are stored.
STATUSES = {
    "applied": Participation.Status.APPLIED,
    "admitted": Participation.Status.ADMITTED,
    "waitlisted": Participation.Status.WAIT_LISTED,
    "declined": Participation.Status.DECLINED,
}
MAX_BYTES = 2 * 1024 * 1024


@dataclass
class RowChange:
    """What one line of the file does to a school's participation."""

    line: int
    experiment: Experiment
    school: Organisation
    cohort: str
    status: str
    decided_on: datetime.date | None
    action: str  # "create", "update" or "unchanged"
    before: Participation | None = None

    @property
    def status_label(self) -> str:
        return Participation.Status(self.status).label

    @property
    def before_label(self) -> str:
        if self.before is None:
            return ""
        return f"{self.before.get_status_display()} ({self.before.cohort})"


@dataclass
class Plan:
    """The changes a file would make, in file order."""

    name: str
    rows: list[RowChange] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def digest(self) -> str:
        """A short fingerprint of the changes: the browser applies only what it previewed."""
        text = "\n".join(
            f"{row.line}|{row.experiment.pk}|{row.school.pk}|{row.cohort}|{row.status}|"
            f"{row.decided_on}|{row.action}"
            for row in self.rows
        )
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def summary(self) -> str:
        """One plain English line for the command."""
        if not self.changed:
            return f"Participations: nothing changed ({self.unchanged} already up to date)."
        return (
            f"Participations: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged."
        )


def read_text(path: Path) -> str:
    """The file's text; `InputError` when it cannot be read as UTF-8."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(name, [(0, _("The file cannot be read: %s") % error.strerror)]) from error
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    if len(data) > MAX_BYTES:
        raise InputError(
            name, [(0, _("The file is larger than %(max)s MB.") % {"max": MAX_BYTES // 2**20})]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(name, [(1, _("The file is not UTF-8 text."))]) from error


def _read_rows(text: str, name: str) -> tuple[list[tuple[int, dict]], list[tuple[int, str]]]:
    """The rows as (line, values) and the lines with the wrong number of columns."""
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None:
        raise InputError(name, [(1, _("The file is empty; it needs a header row."))])
    header = [column.strip() for column in header]
    if header != COLUMNS:
        raise InputError(
            name,
            [
                (
                    1,
                    _("The header row must be %(expected)s, not %(found)s.")
                    % {"expected": ",".join(COLUMNS), "found": ",".join(header)},
                )
            ],
        )
    rows, problems = [], []
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(COLUMNS):
            problems.append(
                (
                    line,
                    _("The row has %(found)d columns; it needs %(expected)d (%(columns)s).")
                    % {
                        "found": len(values),
                        "expected": len(COLUMNS),
                        "columns": ",".join(COLUMNS),
                    },
                )
            )
            continue
        try:
            boundary.check_row(values, COLUMNS)
        except boundary.Refused as refused:
            # A NUL in a school code failed the lookup on PostgreSQL.
            problems.append((line, refused.render()))
            continue
        rows.append((line, dict(zip(COLUMNS, (v.strip() for v in values), strict=True))))
    if not rows and not problems:
        raise InputError(name, [(1, _("The file has a header row but no participations."))])
    return rows, problems


def _check_cohort(experiment: Experiment, cohort: str) -> list[str]:
    try:
        COHORT_VALIDATOR(cohort)
    except ValidationError as error:
        return list(error.messages)
    start = datetime.date(int(cohort[:4]), 8, 1)
    end = datetime.date(int(cohort[:4]) + 1, 7, 31)
    if experiment.start_date and end < experiment.start_date:
        return [
            _("The experiment starts on %(date)s, after the school year of cohort %(cohort)s.")
            % {"date": formats.date_format(experiment.start_date), "cohort": cohort}
        ]
    if experiment.end_date and start > experiment.end_date:
        return [
            _("The experiment ends on %(date)s, before cohort %(cohort)s starts.")
            % {"date": formats.date_format(experiment.end_date), "cohort": cohort}
        ]
    return []


def _decided_at(day: datetime.date | None):
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _decided_on(participation: Participation) -> datetime.date | None:
    if participation.decided_at is None:
        return None
    return timezone.localtime(participation.decided_at).date()


def _check_row(row: dict, experiments: dict, schools: dict) -> tuple[list[str], dict]:
    """Problems with one row, and its parsed values when there are none."""
    problems = []
    experiment = experiments.get(row["experiment"])
    if experiment is None:
        problems.append(
            _("Unknown experiment %(slug)r; use one of: %(slugs)s.")
            % {"slug": row["experiment"], "slugs": ", ".join(sorted(experiments))}
        )
    school = schools.get(row["school"])
    if school is None:
        problems.append(_("There is no school with BRIN code %(code)r.") % {"code": row["school"]})
    elif experiment is not None and school.kind != school_kind_for(experiment):
        problems.append(
            _(
                "%(experiment)s is only for schools of the kind %(kind)s; "
                "%(school)s (%(code)s) is not one."
            )
            % {
                "school": school.name,
                "code": school.code,
                "kind": Organisation.Kind(school_kind_for(experiment)).label,
                "experiment": experiment.name,
            }
        )
    if experiment is not None:
        problems.extend(_check_cohort(experiment, row["cohort"]))
    status = STATUSES.get(row["status"])
    if status is None:
        problems.append(
            _("Unknown status %(status)r; use one of: %(statuses)s.")
            % {"status": row["status"], "statuses": ", ".join(STATUSES)}
        )
    decided_on = None
    if row["decided_on"]:
        try:
            decided_on = datetime.date.fromisoformat(row["decided_on"])
        except ValueError:
            problems.append(
                _("%(value)r is not a date written as YYYY-MM-DD.") % {"value": row["decided_on"]}
            )
        else:
            if status == Participation.Status.APPLIED:
                problems.append(_("An application that is not decided has no decided_on date."))
    elif status not in (None, Participation.Status.APPLIED):
        problems.append(_("A decision needs its date in decided_on (YYYY-MM-DD)."))
    values = {
        "experiment": experiment,
        "school": school,
        "cohort": row["cohort"],
        "status": status,
        "decided_on": decided_on,
    }
    return problems, values


def _cap_problems(rows: list[RowChange], existing: dict) -> list[tuple[int, str]]:
    """RR-08 over the whole file: the admitted schools after the import, counted
    in file order on top of those admitted now that the file does not mention."""
    problems = []
    in_file = {(row.experiment.pk, row.school.pk) for row in rows}
    totals, first = {}, {}
    for (experiment_id, school_id), participation in existing.items():
        if (experiment_id, school_id) in in_file:
            continue
        if participation.status == Participation.Status.ADMITTED:
            totals[experiment_id] = totals.get(experiment_id, 0) + 1
            if participation.cohort == participation.experiment.first_cohort:
                first[experiment_id] = first.get(experiment_id, 0) + 1
    for row in rows:
        if row.status != Participation.Status.ADMITTED:
            continue
        experiment = row.experiment
        if experiment.first_cohort and row.cohort < experiment.first_cohort:
            problems.append(
                (
                    row.line,
                    _(
                        "%(experiment)s starts with cohort %(first)s; %(school)s cannot be "
                        "admitted for %(cohort)s."
                    )
                    % {
                        "experiment": experiment.name,
                        "first": experiment.first_cohort,
                        "school": row.school.name,
                        "cohort": row.cohort,
                    },
                )
            )
        totals[experiment.pk] = totals.get(experiment.pk, 0) + 1
        if (
            experiment.max_schools is not None
            and totals[experiment.pk] == experiment.max_schools + 1
        ):
            problems.append(
                (
                    row.line,
                    ngettext(
                        "Admitting %(school)s would make %(count)s schools in %(experiment)s; "
                        "at most %(max)s is allowed.",
                        "Admitting %(school)s would make %(count)s schools in %(experiment)s; "
                        "at most %(max)s are allowed.",
                        experiment.max_schools,
                    )
                    % {
                        "school": row.school.name,
                        "count": totals[experiment.pk],
                        "experiment": experiment.name,
                        "max": experiment.max_schools,
                    },
                )
            )
        if row.cohort == experiment.first_cohort:
            first[experiment.pk] = first.get(experiment.pk, 0) + 1
            limit = experiment.max_first_cohort
            if limit is not None and first[experiment.pk] == limit + 1:
                problems.append(
                    (
                        row.line,
                        ngettext(
                            "Admitting %(school)s would make %(count)s schools in the first "
                            "cohort (%(cohort)s) of %(experiment)s; at most %(max)s is allowed.",
                            "Admitting %(school)s would make %(count)s schools in the first "
                            "cohort (%(cohort)s) of %(experiment)s; at most %(max)s are allowed.",
                            limit,
                        )
                        % {
                            "school": row.school.name,
                            "count": first[experiment.pk],
                            "cohort": row.cohort,
                            "experiment": experiment.name,
                            "max": limit,
                        },
                    )
                )
    return problems


def plan_participations(text: str, name: str, *, lock: bool = False) -> Plan:
    """Check a whole file and return the changes it would make, without writing.

    With `lock`, the experiments the file names are locked first (inside the
    caller's transaction), so that the counts for the caps hold until it ends.
    Raises `InputError` with every bad line.
    """
    rows, problems = _read_rows(text, name)
    experiments_query = Experiment.objects.order_by("pk")
    if lock:
        slugs = {row["experiment"] for _line, row in rows}
        list(experiments_query.select_for_update().filter(slug__in=slugs))
    experiments = {experiment.slug: experiment for experiment in experiments_query}
    schools = {
        school.code: school
        for school in Organisation.objects.filter(
            code__in={row["school"] for _line, row in rows}, kind__in=Organisation.SCHOOL_KINDS
        )
    }
    existing = {
        (participation.experiment_id, participation.school_id): participation
        for participation in Participation.objects.select_related("experiment").filter(
            experiment__in=experiments.values()
        )
    }
    plan = Plan(name=name)
    first_line = {}
    for line, row in rows:
        row_problems, values = _check_row(row, experiments, schools)
        key = (row["experiment"], row["school"])
        if key in first_line:
            row_problems.append(
                _("%(school)s already appears for %(experiment)s on line %(line)d.")
                % {
                    "school": row["school"],
                    "experiment": row["experiment"],
                    "line": first_line[key],
                }
            )
        else:
            first_line[key] = line
        if row_problems:
            problems.extend((line, problem) for problem in row_problems)
            continue
        before = existing.get((values["experiment"].pk, values["school"].pk))
        if before is None:
            action = "create"
        elif (before.cohort, before.status, _decided_on(before)) == (
            values["cohort"],
            values["status"],
            values["decided_on"],
        ):
            action = "unchanged"
        else:
            action = "update"
        plan.rows.append(RowChange(line=line, action=action, before=before, **values))
    if not problems:
        problems = _cap_problems(plan.rows, existing)
    if problems:
        raise InputError(name, sorted(problems, key=lambda problem: problem[0]))
    return plan


@transaction.atomic
def import_participations(text: str, name: str, *, user=None, expected: str = "") -> Plan:
    """Write what `plan_participations` finds, all or nothing, under a lock on
    the experiments concerned (so concurrent admissions cannot break the caps).

    With `expected` (the digest of a preview), nothing is written when the
    changes differ from the preview: `PlanChanged` carries the new plan.
    """
    plan = plan_participations(text, name, lock=True)
    if expected and plan.digest() != expected:
        raise PlanChanged(plan)
    now = timezone.now()
    for row in plan.rows:
        if row.action == "unchanged":
            continue
        values = {
            "cohort": row.cohort,
            "status": row.status,
            "decided_at": _decided_at(row.decided_on),
            "decided_by": user if row.decided_on else None,
        }
        if row.action == "create":
            Participation.objects.create(experiment=row.experiment, school=row.school, **values)
        else:
            participation = row.before
            for key, value in values.items():
                setattr(participation, key, value)
            participation.updated_at = now
            participation.save(update_fields=[*values, "updated_at"])
    return plan


class PlanChanged(Exception):
    """The data changed between the preview and applying it."""

    def __init__(self, plan: Plan):
        super().__init__("The changes differ from the preview.")
        self.plan = plan
