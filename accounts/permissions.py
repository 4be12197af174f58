"""The one server-side mechanism that restricts views and API endpoints by role
and scopes querysets to what a user may see.

Views use `RoleRequiredMixin` (class-based) or `role_required` (function-based);
API views use `HasRole`. Selectors call `scope_to_organisation` so that a
school author sees only their own organisation's rows, while national roles
(SBB, inspectorate, ministry, administrators) see all.
"""

from collections.abc import Iterable
from functools import wraps

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from rest_framework.permissions import BasePermission

from .models import Role


def user_has_role(user, roles: Iterable[str]) -> bool:
    """True when the user is logged in and has one of the roles (any role if empty)."""
    if not user.is_authenticated:
        return False
    roles = set(roles)
    return not roles or user.role in roles


class RoleRequiredMixin(LoginRequiredMixin):
    """Require login, and one of `allowed_roles` (empty: any logged-in user).

    Anonymous users are sent to the login page; logged-in users with another
    role get 403.
    """

    allowed_roles: Iterable[str] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not user_has_role(request.user, self.allowed_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def role_required(*roles: str):
    """Decorator for function views: like `RoleRequiredMixin`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_has_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class HasRole(BasePermission):
    """DRF permission: the view's `allowed_roles` (empty: any logged-in user)."""

    def has_permission(self, request, view):
        return user_has_role(request.user, getattr(view, "allowed_roles", ()))


def scope_to_organisation(queryset: QuerySet, user, *fields: str) -> QuerySet:
    """Restrict `queryset` to rows the user may see.

    `fields` name the lookups that lead from a row to an organisation (for
    example "school" or "vmbo_school", "mbo_institution"); a school author sees
    a row when any of them is their organisation. National roles see all rows;
    anonymous users see none.
    """
    if not user.is_authenticated:
        return queryset.none()
    if user.has_national_view:
        return queryset
    condition = Q()
    for field in fields or ("organisation",):
        condition |= Q(**{field: user.organisation_id})
    return queryset.filter(condition)


SCHOOL_ROLES = (Role.SCHOOL_AUTHOR,)
REVIEWER_ROLES = (Role.SBB_REVIEWER, Role.INSPECTORATE_REVIEWER, Role.ADMINISTRATOR)
SBB_ROLES = (Role.SBB_REVIEWER, Role.ADMINISTRATOR)
MINISTRY_ROLES = (Role.MINISTRY_STAFF, Role.ADMINISTRATOR)
