"""Writes for submissions: upload a document, store its validation report, and
check stored documents again when reference data or dates have moved on."""

import json
import logging
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core import pagecache
from rules.engine import (
    RULES_VERSION,
    kept_reference_data,
    parse_bytes,
    reference_data_stamp,
    rules_version_of,
    validate_document,
)
from rules.kinds import kind_label, kind_spec, kind_values
from submissions import workflow
from submissions.models import (
    SUBMISSION_TRANSITIONS,
    Submission,
    SubmissionEvent,
    SubmissionVersion,
    ValidationChange,
    ValidationJob,
    ValidationReport,
)

logger = logging.getLogger(__name__)


class DocumentRefused(ValidationError):
    """An uploaded file cannot be stored as a submission document."""


def read_upload(data: bytes, organisation) -> tuple[dict, str]:
    """Parse an uploaded document for `organisation`; returns (document, text).

    Raises `DocumentRefused` with a plain sentence when the file is not a JSON
    document of a known kind, or when it is about another school. Everything
    else (missing fields, unknown codes, …) is for the rules to report.
    """
    document, problem = parse_bytes(data)
    if problem is not None:
        raise DocumentRefused([finding.message.render() for finding in problem.findings])
    if not isinstance(document, dict):
        raise DocumentRefused(_("The document must be a JSON object."))
    spec = kind_spec(document.get("kind"))
    if spec is None:
        raise DocumentRefused(
            _("The document's kind must be one of: %(kinds)s.")
            % {"kinds": ", ".join(kind_values())}
        )
    if not spec.reviewed:
        raise DocumentRefused(
            _("A %(kind)s is not submitted for review; it has pages of its own.")
            % {"kind": kind_label(spec.value)}
        )
    # The document fields that name the school(s) a document is about.
    codes = [document.get(field) for field in spec.school_fields]
    if organisation.code not in codes:
        raise DocumentRefused(
            _("The document is not about your school (%(code)s).") % {"code": organisation.code}
        )
    return document, data.decode("utf-8-sig")


def document_title(document: dict) -> str:
    """The submission title a document gives: its own title, else its kind and
    theme or target qualification (at most 300 characters)."""
    title = document.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()[:300]
    spec = kind_spec(document["kind"])
    if spec is None:
        raise ValueError(f"{document['kind']!r} is not a registered kind")
    label = kind_label(spec.value)
    detail = document.get(spec.title_detail) if spec.title_detail else ""
    detail = detail or ""
    return f"{label} {detail}".strip()[:300] if isinstance(detail, str) else label


def queue_validation(version: SubmissionVersion) -> None:
    """Validate the version in the background once the transaction commits.

    A `ValidationJob` row remembers that the check is owed until its report is
    saved, so that the sweep can queue it again when a worker died with it."""
    from submissions.tasks import validate_version

    ValidationJob.objects.update_or_create(
        version=version, defaults={"queued_at": timezone.now(), "attempts": 1}
    )
    transaction.on_commit(lambda: validate_version.delay(version.pk))


def requeue_stuck_validations(*, older_than: timedelta, max_attempts: int) -> list[int]:
    """Queue again the checks queued more than `older_than` ago that have no report
    (their worker was killed, or the broker lost them); returns their version ids.

    Each is queued at most `max_attempts` times in all: a document that kills
    every worker is left (and logged) instead of being retried for ever."""
    from submissions.tasks import validate_version

    now = timezone.now()
    with transaction.atomic():
        stuck = list(
            ValidationJob.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                queued_at__lt=now - older_than,
                attempts__lte=max_attempts,
                version__report__isnull=True,
            )
            .order_by("queued_at")
        )
        requeued = []
        for job in stuck:
            job.attempts += 1
            if job.attempts > max_attempts:  # marked, so that it is logged once
                logger.error(
                    "Version %s was queued %s times without a report; not again.",
                    job.version_id,
                    max_attempts,
                )
                job.save(update_fields=["attempts"])
                continue
            job.queued_at = now
            job.save(update_fields=["attempts", "queued_at"])
            requeued.append(job.version_id)

        def send() -> None:
            for version_id in requeued:
                validate_version.delay(version_id)

        transaction.on_commit(send)
    return requeued


@transaction.atomic
def create_submission(*, user, data: bytes, today=None) -> Submission:
    """Create a draft submission for the user's organisation with version 1.

    Refused (`DocumentRefused`) for an experiment that is not open on `today`
    (default: today), as a draft is.
    """
    document, text = read_upload(data, user.organisation)
    workflow.refuse_unless_open(
        workflow.experiment_for_new_work(document["kind"], document), DocumentRefused, today
    )
    submission = Submission(
        kind=document["kind"],
        school=user.organisation,
        title=document_title(document),
        created_by=user,
        draft=document,
    )
    workflow.take_document_fields(submission, document)
    submission.save()
    version = SubmissionVersion.objects.create(
        submission=submission, number=1, document=document, source_text=text, created_by=user
    )
    SubmissionEvent.objects.create(
        submission=submission,
        version=version,
        actor=user,
        action=SubmissionEvent.Action.UPLOADED,
        to_state="draft",
    )
    queue_validation(version)
    return submission


@transaction.atomic
def add_version(*, submission: Submission, user, data: bytes) -> SubmissionVersion:
    """Add a new version to a draft submission (same kind); it becomes the draft.

    Also while changes are requested. Submitting (`workflow.submit`) then
    submits this version as it is."""
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if not SUBMISSION_TRANSITIONS.allows(locked.state, "edit"):
        raise DocumentRefused(_("Only a draft can get a new version."))
    document, text = read_upload(data, locked.school)
    if document["kind"] != locked.kind:
        raise DocumentRefused(
            _("This submission is a %(kind)s; the new document must be one too.")
            % {"kind": locked.get_kind_display()}
        )
    from submissions.workflow import next_version_number

    version = SubmissionVersion.objects.create(
        submission=locked,
        number=next_version_number(locked),
        document=document,
        source_text=text,
        created_by=user,
    )
    locked.title = document_title(document)
    # The uploaded document replaces the working draft (optimistic locking: a
    # form opened on the previous draft can no longer overwrite it).
    locked.draft = document
    locked.revision += 1
    fields = workflow.take_document_fields(locked, document)
    locked.save(update_fields=sorted({"title", "draft", "revision", "updated_at", *fields}))
    SubmissionEvent.objects.create(
        submission=locked, version=version, actor=user, action=SubmissionEvent.Action.UPLOADED
    )
    queue_validation(version)
    return version


def _finding_key(finding: dict) -> str:
    return json.dumps(
        [finding.get("rule"), finding.get("path"), finding.get("text"), finding.get("params")],
        sort_keys=True,
        default=str,
    )


def _fill_report(report: ValidationReport, result, findings: list[dict], stamp: str) -> None:
    """Set the report's fields from a validation result (not saved)."""
    report.valid = result.valid
    report.findings = findings
    report.checked_at = timezone.now()
    report.reference_data_stamp = stamp
    report.recheck_on = result.recheck_on


# The fields a new check replaces in a stored report.
REPORT_FIELDS = ("valid", "findings", "checked_at", "reference_data_stamp", "recheck_on")


def _versions_to_check():
    """Versions with what a check and the workflow need, in one query: their earlier
    report, their queued job and their submission's state."""
    return (
        SubmissionVersion.objects.select_related("report", "validation_job", "submission")
        # Not the uploaded text nor the submission's working draft: two more copies of
        # the document, each sent, decoded and thrown away.
        .only(
            "number",
            "document",
            "created_by",
            "submission__state",
            "report__valid",
            "report__findings",
            "validation_job__id",
        )
    )


def save_validation_report(*, version_id: int, reason: str = "", today=None) -> ValidationReport:
    """Validate a stored version and save its report, replacing an earlier one.

    When an earlier report existed and findings appeared or disappeared, a
    `ValidationChange` records which.

    A worker pays a database round trip per statement, so this reads the version
    with what the check and the workflow need in one query (`_versions_to_check`),
    takes the reference-data stamp and the reference data the rules read from
    what the process keeps (`rules.engine.kept_reference_data`), and stores the
    report in one statement (`_check`)."""
    version = _versions_to_check().get(pk=version_id)
    stamp, kept = kept_reference_data()
    return _check(version, stamp, kept, reason=reason, today=today)


def save_validation_reports(due: list[tuple[int, str]], *, today=None) -> int:
    """Check again a batch of stored versions, each with the reason it is due, as
    `save_validation_report` does one; versions deleted meanwhile are passed over.
    Returns how many were checked.

    The versions are read in one query, and the reference rows they name that the
    process does not keep yet in one query per table, before the first check; the
    reports commit without waiting for the disk (`_reports_not_waiting_for_disk`)
    and renew the page cache's version of their table once, at the end
    (`core.pagecache.renewed_once`)."""
    versions = _versions_to_check().in_bulk([version_id for version_id, _reason in due])
    stamp, kept = kept_reference_data([version.document for version in versions.values()])
    checked = 0
    with _reports_not_waiting_for_disk(), pagecache.renewed_once():
        for version_id, reason in due:
            version = versions.get(version_id)
            if version is None:
                continue
            try:
                _check(version, stamp, kept, reason=reason, today=today)
            except IntegrityError:
                if SubmissionVersion.objects.filter(pk=version_id).exists():
                    raise
                continue  # deleted since the batch was read
            checked += 1
    return checked


# Set while a batch's reports commit without waiting for the disk (PostgreSQL).
_not_waiting = ContextVar("reports_not_waiting_for_disk", default=False)


@contextmanager
def _reports_not_waiting_for_disk():
    """On PostgreSQL, let the reports written inside commit without waiting until
    the write-ahead log is on disk (`synchronous_commit` off, this connection only):
    a report can always be made again, and one lost in a crash of the database (at
    most the last moment's) has an old stamp, so the periodic re-check makes it
    again, and records again the findings that changed (`ValidationChange`); a job
    row whose delete was lost is queued again by the sweep. Thousands of re-checks
    then no longer wait for a disk flush each. A move of the workflow (a submitted
    version to review or back to draft, its event and notification) still waits
    (`_check`)."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    token = _not_waiting.set(True)
    try:
        yield
    finally:
        _not_waiting.reset(token)
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DatabaseError:
            connection.close()  # broken: a new connection starts with the default


def _check(version, stamp: str, kept: dict, *, reason: str, today) -> ValidationReport:
    """Validate `version` (read by `_versions_to_check`) with the kept reference
    rows and store its report with `stamp`, new or replacing (an upsert on its
    version, also when another run stored one meanwhile). The writes run in one
    transaction; when the report is all there is to write (a draft's version
    without a queued job, a version checked again with the same findings) its one
    statement is atomic by itself and runs alone, without the two round trips of
    a transaction."""
    from submissions.workflow import after_validation, waits_for_check

    result = validate_document(
        version.document,
        today=today,
        submission_id=version.submission_id,
        reference_rows=kept,
    )
    findings = [finding.as_dict() for finding in result.findings]
    previous = getattr(version, "report", None)  # before the new one takes its place
    report = ValidationReport(version=version)
    _fill_report(report, result, findings, stamp)
    change = _validation_change(version, previous, report, reason=reason)
    # The check is no longer owed (a version checked again has no job). A job queued
    # again after the version was read comes with a task of its own that deletes it.
    job = getattr(version, "validation_job", None)
    moves = waits_for_check(version.submission)
    if job is None and change is None and not moves:
        _store_report(report, previous)
        return report
    with transaction.atomic():
        if moves and _not_waiting.get():
            with transaction.get_connection().cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO on")
        _store_report(report, previous)
        if job is not None:
            ValidationJob.objects.filter(version=version).delete()
        if change is not None:
            change.save()
        # A submitted version moves on: back to draft with errors, else to review.
        after_validation(report)
    return report


def _store_report(report: ValidationReport, previous: ValidationReport | None) -> None:
    """Insert the report, or replace the version's earlier one: one statement.

    In a transaction, an upsert on the version (also when another run stored a
    report meanwhile). Outside one, where `bulk_create` would open a transaction
    of its own (two more round trips), an UPDATE of the earlier report or an
    INSERT of the first, each atomic by itself; when another run stored the first
    report meanwhile, the INSERT fails and the upsert replaces that one."""
    if not transaction.get_connection().in_atomic_block:
        try:
            if previous is None:
                report.save(force_insert=True)
                return
            fields = {name: getattr(report, name) for name in REPORT_FIELDS}
            if ValidationReport.objects.filter(pk=previous.pk).update(**fields):
                report.pk = previous.pk
                return
        except IntegrityError:
            report.pk = None
    ValidationReport.objects.bulk_create(
        [report],
        update_conflicts=True,
        unique_fields=["version"],
        update_fields=list(REPORT_FIELDS),
    )


def _validation_change(version, previous, report, *, reason: str) -> ValidationChange | None:
    """The findings that appeared or disappeared since the `previous` report (not
    saved), or None when there was none or nothing changed."""
    if previous is None:
        return None
    before = {_finding_key(f): f for f in previous.findings}
    after = {_finding_key(f): f for f in report.findings}
    appeared = [after[key] for key in after.keys() - before.keys()]
    disappeared = [before[key] for key in before.keys() - after.keys()]
    if not appeared and not disappeared:
        return None
    return ValidationChange(
        version=version,
        checked_at=report.checked_at,
        reason=reason[:200],
        appeared=appeared,
        disappeared=disappeared,
        was_valid=previous.valid,
        is_valid=report.valid,
    )


def outdated_reports(*, today=None):
    """Reports of the latest version of open and approved submissions that
    need a new check: the rules or reference data changed since, or a date they
    depend on has come, or they were never checked. Returns (version_id, reason) pairs."""
    today = today or timezone.localdate()
    stamp = reference_data_stamp()
    states = [*Submission.OPEN_STATES, Submission.State.APPROVED]
    latest = (
        SubmissionVersion.objects.filter(submission__state__in=states)
        .values("submission")
        .annotate(last=Max("number"))
    )
    latest_numbers = {row["submission"]: row["last"] for row in latest}
    unchecked = SubmissionVersion.objects.filter(
        submission__in=latest_numbers.keys(), report__isnull=True
    ).values_list("id", "submission_id", "number")
    due = [
        (version_id, "not checked yet")
        for version_id, submission_id, number in unchecked
        if latest_numbers.get(submission_id) == number
    ]
    candidates = ValidationReport.objects.filter(
        version__submission__in=latest_numbers.keys()
    ).values_list(
        "version_id",
        "version__submission_id",
        "version__number",
        "reference_data_stamp",
        "recheck_on",
    )
    for version_id, submission_id, number, report_stamp, recheck_on in candidates:
        if latest_numbers.get(submission_id) != number:
            continue
        if rules_version_of(report_stamp) != str(RULES_VERSION):
            due.append((version_id, "rules changed"))
        elif report_stamp != stamp:
            due.append((version_id, "reference data changed"))
        elif recheck_on is not None and recheck_on <= today:
            due.append((version_id, f"date {recheck_on.isoformat()} has come"))
    return due


def revalidate_outdated(*, today=None) -> int:
    """Check again every report that `outdated_reports` finds; returns how many."""
    due = outdated_reports(today=today)
    for version_id, reason in due:
        save_validation_report(version_id=version_id, reason=reason, today=today)
    return len(due)
