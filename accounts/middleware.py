"""Two-factor authentication: a logged-in user who owes a second factor sees only
the pages that let them give it (or log out).

A user owes one when they have a confirmed authenticator device (anyone may set
one up) or when their role requires one (`two_factor_required`). Pages send them
to the code or set-up page; the API answers 403.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import user_has_device

from .models import Role

# Roles that must use two-factor authentication (when TWO_FACTOR_REQUIRED is on).
TWO_FACTOR_ROLES = frozenset(
    {Role.SBB_REVIEWER, Role.INSPECTORATE_REVIEWER, Role.MINISTRY_STAFF, Role.ADMINISTRATOR}
)


def two_factor_required(user) -> bool:
    """True when the user's role must use a second factor here."""
    return settings.TWO_FACTOR_REQUIRED and user.role in TWO_FACTOR_ROLES


# Session key: whether the user still owes a second factor, worked out once per login
# (see accounts.signals) so that ordinary requests cost no query for it.
PENDING_SESSION_KEY = "two_factor_pending"


def owes_second_factor(request) -> bool:
    """True for a logged-in user who has not yet given the second factor they owe."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    if request.session.get(PENDING_SESSION_KEY) is False:
        return False
    # Unknown (a session from before), or owed: look again, so that a user whose
    # device an administrator removed is not held back when their role needs none.
    pending = user_has_device(user, confirmed=True) or two_factor_required(user)
    request.session[PENDING_SESSION_KEY] = pending
    return pending


class TwoFactorMiddleware:
    """After `OTPMiddleware`: hold back users who owe a second factor."""

    EXEMPT_NAMES = ("two_factor_verify", "two_factor_setup", "logout", "set_language", "health")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and owes_second_factor(request) and not self._exempt(request.path):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Two-factor authentication is required. Log in in the browser.")},
                    status=403,
                )
            has_device = user_has_device(user, confirmed=True)
            target = reverse("two_factor_verify" if has_device else "two_factor_setup")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _exempt(self, path: str) -> bool:
        if path.startswith(settings.STATIC_URL):
            return True
        return any(path == reverse(name) for name in self.EXEMPT_NAMES)


def note_second_factor_owed(sender, request, user, **kwargs):
    """On login (user_logged_in): remember whether this session still owes a second factor."""
    if request is not None and hasattr(request, "session"):
        request.session[PENDING_SESSION_KEY] = user_has_device(
            user, confirmed=True
        ) or two_factor_required(user)
