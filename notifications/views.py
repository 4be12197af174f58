"""Pages for a user's own notifications. Thin: selectors read, services write."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import role_required

from . import selectors, services

PAGE_SIZE = 25


@require_safe
@role_required()
def notification_list(request):
    """The logged-in user's notifications, newest first, unread ones marked."""
    notifications = selectors.notifications_for(request.user)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page},
    )


@require_POST
@role_required()
def mark_all_read(request):
    """Mark all the user's notifications as read."""
    count = services.mark_read(request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@require_safe
@role_required()
def notification_open(request, pk: int):
    """Mark one of the user's notifications as read and go to the page it is about."""
    notification = selectors.get_notification_for(request.user, pk)
    if notification is None:
        raise Http404
    services.mark_read(request.user, [notification.pk])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")
