"""Background jobs: validate an uploaded version; check stored ones again."""

import logging
from datetime import timedelta

from celery import group, shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from submissions.intake import services
from submissions.models import SubmissionVersion

logger = logging.getLogger(__name__)

# Versions per recheck_versions task: big enough to keep a worker busy, small
# enough that the batches spread over every worker process.
RECHECK_BATCH = 50


@shared_task(
    name="submissions.tasks.validate_version",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError, ConnectionError),
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=5,
)
def validate_version(version_id: int) -> bool | None:
    """Validate one stored version and save its report (re-running replaces it).

    Returns whether the document is valid, or None when the version no longer
    exists (its submission was deleted after the job was queued)."""
    try:
        report = services.save_validation_report(version_id=version_id)
    except SubmissionVersion.DoesNotExist:
        logger.info("Version %s no longer exists; nothing to validate.", version_id)
        return None
    return report.valid


@shared_task(
    name="submissions.tasks.revalidate_submissions",
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError, ConnectionError),
    retry_backoff=True,
    max_retries=3,
)
def revalidate_submissions() -> int:
    """Periodic: check again open and approved submissions whose reference data
    changed or whose watched date has come since their last check.

    The checks are fanned out over the workers in batches (a Celery group of
    `recheck_versions` tasks); returns how many versions were queued."""
    due = services.outdated_reports()
    recheck_in_batches(due)
    return len(due)


def recheck_in_batches(due: list[tuple[int, str]]):
    """Queue `recheck_versions` for (version_id, reason) pairs, RECHECK_BATCH at a time,
    as one Celery group; returns the group's result."""
    batches = [due[start : start + RECHECK_BATCH] for start in range(0, len(due), RECHECK_BATCH)]
    return group(recheck_versions.s(batch) for batch in batches).apply_async()


@shared_task(
    name="submissions.tasks.recheck_versions",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError, ConnectionError),
    retry_backoff=True,
    max_retries=3,
)
def recheck_versions(due: list[tuple[int, str]]) -> int:
    """Check again a batch of stored versions, each with the reason it is due;
    versions deleted meanwhile are passed over. Returns how many were checked."""
    return services.save_validation_reports(due)


@shared_task(name="submissions.tasks.requeue_stuck_validations", acks_late=True)
def requeue_stuck_validations() -> int:
    """Periodic (every minute): queue again the checks that a killed worker left
    without a report (see settings VALIDATION_STUCK_SECONDS); returns how many."""
    requeued = services.requeue_stuck_validations(
        older_than=timedelta(seconds=settings.VALIDATION_STUCK_SECONDS),
        max_attempts=settings.VALIDATION_MAX_ATTEMPTS,
    )
    if requeued:
        logger.warning("Queued again the checks of versions %s.", requeued)
    return len(requeued)
