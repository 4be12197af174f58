"""Background jobs: anonymise practice statements past their retention period (daily)."""

from celery import shared_task

from . import services


@shared_task(name="statements.tasks.anonymise_expired_statements")
def anonymise_expired_statements() -> int:
    return services.anonymise_expired()
