"""Test data for notifications."""

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
