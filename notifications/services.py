"""Writes for notifications: notify users (in the app and by e-mail) and mark
notifications as read.

Callers pass the subject and body as `gettext_lazy` strings (or plain strings);
they are rendered here in the default language (Dutch), because an e-mail goes
out in one language and the stored text is what the e-mail said. For values in
the text, either use `django.utils.text.format_lazy`, or put `%(name)s`
placeholders in the msgid and pass `params`: the placeholders are filled in
after translation.
"""

import logging
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .models import Notification

logger = logging.getLogger(__name__)

SUBJECT_MAX_LENGTH = Notification._meta.get_field("subject").max_length
URL_MAX_LENGTH = Notification._meta.get_field("url").max_length


def _render(text, params: Mapping | None) -> str:
    """Translate a (lazy) string in the current language and fill in `params`
    (an `ngettext_lazy` text picks its plural from them)."""
    return text % params if params else str(text)


def _unique_active(recipients: Iterable) -> list:
    """Recipients in their given order, each once, without inactive users or None."""
    seen = set()
    users = []
    for user in recipients:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        users.append(user)
    return users


def _check_url(url: str) -> str:
    """A notification links only to a path inside the application."""
    url = url or ""
    if url and (not url.startswith("/") or url.startswith("//") or "\\" in url):
        raise ValueError(f"A notification URL must be a path inside the application: {url!r}")
    if len(url) > URL_MAX_LENGTH:
        raise ValueError(f"A notification URL is at most {URL_MAX_LENGTH} characters.")
    return url


def notify(
    recipients: Iterable,
    *,
    kind: str,
    subject,
    body,
    url: str = "",
    params: Mapping | None = None,
) -> list[Notification]:
    """Notify each active recipient once: an in-app notification and an e-mail.

    `recipients` is any iterable of users (a list, a queryset from
    `notifications.selectors`); duplicates and inactive users are skipped.
    `kind` is a short dotted name such as "submission.submitted". `subject` and
    `body` are rendered in Dutch (settings.LANGUAGE_CODE), then `params` are
    filled in. `url` is a path inside the application (use `reverse`).

    The notifications are created in the caller's transaction; the e-mails are
    queued only when it commits, so a rolled-back action notifies nobody. A
    failing mail server never undoes the action: the error is logged.
    Returns the created notifications.
    """
    url = _check_url(url)
    users = _unique_active(recipients)
    if not users:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        subject_text = " ".join(_render(subject, params).split())
        body_text = _render(body, params).strip()
    subject_text = Truncator(subject_text).chars(SUBJECT_MAX_LENGTH)
    now = timezone.now()
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind=kind,
                subject=subject_text,
                body=body_text,
                url=url,
                created_at=now,
            )
            for user in users
        ]
    )
    for notification in notifications:
        transaction.on_commit(
            lambda pk=notification.pk: _queue_email(pk),
            robust=True,
        )
    return notifications


def _queue_email(notification_id: int) -> None:
    from .tasks import send_notification_email

    send_notification_email.delay(notification_id)


def _email_text(notification: Notification) -> str:
    """The e-mail body: the message, a link to the page, and why it was sent."""
    parts = [notification.body] if notification.body else []
    site_url = getattr(settings, "SITE_URL", "").rstrip("/")
    if notification.url:
        link = f"{site_url}{notification.url}"
        parts.append(_("Open it in Regio mbo: %(link)s") % {"link": link})
    parts.append(_("You receive this e-mail because you have an account on Regio mbo."))
    return "\n\n".join(parts)


def send_notification_email(notification_id: int) -> bool:
    """Send the e-mail for one notification, once. Returns True when it was sent.

    Nothing is sent for a notification that was already e-mailed, whose
    recipient has since been deactivated or has no e-mail address.
    """
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at is not None:
        return False
    recipient = notification.recipient
    if not recipient.is_active or not recipient.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        message = _email_text(notification)
    send_mail(
        subject=notification.subject,
        message=message,
        from_email=None,
        recipient_list=[recipient.email],
    )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


def mark_read(user, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications as read: the given ones, or all when None.

    Ids of other users' notifications are ignored. Returns how many changed.
    """
    if not user.is_authenticated:
        return 0
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
