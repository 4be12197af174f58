"""Test data for notifications.

An e-mail backend whose server is down: every send fails.
"""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend

from notifications.models import Notification


def make_notifications(user, count: int, *, read: bool = False) -> list[Notification]:
    """`count` notifications for `user` (written directly: no e-mail)."""
    from django.utils import timezone

    now = timezone.now()
    return Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind="test",
            subject=f"Melding {number}",
            url="/meldingen/",
            read_at=now if read else None,
        )
        for number in range(count)
    )


class FailingEmailBackend(BaseEmailBackend):
    attempts = 0

    def send_messages(self, email_messages):
        FailingEmailBackend.attempts += 1
        raise SMTPServerDisconnected("the mail server is down")
