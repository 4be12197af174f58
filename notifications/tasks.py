"""Background jobs: send a notification's e-mail."""

from smtplib import SMTPException

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import services


@shared_task(
    name="notifications.tasks.send_notification_email",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(SMTPException, ConnectionError, OperationalError, InterfaceError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def send_notification_email(notification_id: int) -> bool:
    """Send the e-mail for one notification (at most once)."""
    return services.send_notification_email(notification_id)
