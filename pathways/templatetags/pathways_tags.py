"""Pathway blocks for other apps' pages (the home pages)."""

from django import template

from accounts.models import Role

from .. import selectors

register = template.Library()


@register.inclusion_tag("pathways/includes/flags.html")
def pathway_flags(user):
    """For a school author: integrated routes their students left with no place yet."""
    flagged = []
    if user.is_authenticated and user.role == Role.SCHOOL_AUTHOR:
        flagged = list(selectors.routes_with_students_without_place(user)[:10])
    return {"flagged": flagged}


@register.inclusion_tag("pathways/includes/ministry_summary.html")
def pathway_ministry_summary():
    """For ministry staff: regions covered and students without a place."""
    return {
        "regions_covered": selectors.regions_with_routes(),
        "without_place": selectors.students_without_place_total(),
    }
