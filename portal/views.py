"""The home page: the public start page, or the logged-in user's page for their role.

Each role's page gathers the work of every domain app, so it lives here, in the
top app."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.models import Role
from core.pagecache import cached_page

HOME_TEMPLATES = {
    Role.SCHOOL_AUTHOR: "portal/home_school_author.html",
    Role.SBB_REVIEWER: "portal/home_sbb_reviewer.html",
    Role.INSPECTORATE_REVIEWER: "portal/home_inspectorate_reviewer.html",
    Role.MINISTRY_STAFF: "portal/home_ministry_staff.html",
    Role.ADMINISTRATOR: "portal/home_administrator.html",
}


@require_safe
@cached_page
def home(request):
    """The public start page, or the logged-in user's home page for their role."""
    if not request.user.is_authenticated:
        return render(request, "portal/home_public.html")
    return render(request, HOME_TEMPLATES[request.user.role])
