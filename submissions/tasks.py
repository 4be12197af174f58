"""Background jobs: validate an uploaded version; check stored ones again."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from . import services
from .models import SubmissionVersion

logger = logging.getLogger(__name__)


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
    changed or whose watched date has come since their last check."""
    return services.revalidate_outdated()


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
