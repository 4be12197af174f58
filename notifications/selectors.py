"""Reads for notifications: who to notify, and what a user has received."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from .models import Notification


def recipients_for_role(*roles: str) -> QuerySet:
    """Active users with one of `roles` (e.g. every SBB reviewer), in a stable order."""
    return get_user_model().objects.filter(is_active=True, role__in=roles).order_by("pk")


def recipients_in_organisation(organisation, role: str | None = None) -> QuerySet:
    """Active users of `organisation` (an Organisation or its pk), optionally with one role."""
    organisation_id = getattr(organisation, "pk", organisation)
    users = get_user_model().objects.filter(is_active=True, organisation_id=organisation_id)
    if role is not None:
        users = users.filter(role=role)
    return users.order_by("pk")


def notifications_for(user) -> QuerySet:
    """The user's own notifications, newest first (none for anonymous users)."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(user) -> int:
    """How many of the user's notifications are unread (one query; 0 when anonymous)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def get_notification_for(user, notification_id: int) -> Notification | None:
    """The notification when `user` is its recipient, otherwise None."""
    return notifications_for(user).filter(pk=notification_id).first()
