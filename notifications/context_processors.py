"""Template context for the header: the number of unread notifications."""

from django.utils.functional import SimpleLazyObject

from . import selectors


def unread_notifications(request) -> dict:
    """`unread_notification_count` for logged-in users.

    Counted with one query, and only when a template uses it.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notification_count": SimpleLazyObject(lambda: selectors.unread_count(user))}
