"""Home page per role and the profile page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import Role

HOME_TEMPLATES = {
    Role.SCHOOL_AUTHOR: "accounts/home_school_author.html",
    Role.SBB_REVIEWER: "accounts/home_sbb_reviewer.html",
    Role.INSPECTORATE_REVIEWER: "accounts/home_inspectorate_reviewer.html",
    Role.MINISTRY_STAFF: "accounts/home_ministry_staff.html",
    Role.ADMINISTRATOR: "accounts/home_administrator.html",
}


@require_GET
def home(request):
    """The public start page, or the logged-in user's home page for their role."""
    if not request.user.is_authenticated:
        return render(request, "accounts/home_public.html")
    return render(request, HOME_TEMPLATES[request.user.role])


@login_required
@require_GET
def profile(request):
    """The logged-in user's own details."""
    return render(request, "accounts/profile.html")
