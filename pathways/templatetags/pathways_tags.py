"""Pathway blocks for other apps' pages (the home pages)."""

from django import template

from accounts.models import Role
from regions.models import Organisation

from .. import selectors

register = template.Library()

SCHOOL_KINDS = (Organisation.Kind.PREVOCATIONAL_SCHOOL, Organisation.Kind.VET_INSTITUTION)


@register.inclusion_tag("pathways/includes/home_links.html")
def pathway_home_links(user):
    """Pathway tasks on a home page: drafting and flags for school authors of a
    vmbo school or mbo institution; coverage figures for ministry staff."""
    context = {"is_school_author": False, "is_ministry": False}
    if not user.is_authenticated:
        return context
    if user.role == Role.SCHOOL_AUTHOR and user.organisation.kind in SCHOOL_KINDS:
        context["is_school_author"] = True
        context["flagged"] = list(selectors.routes_with_students_without_place(user)[:10])
    elif user.role in (Role.MINISTRY_STAFF, Role.ADMINISTRATOR):
        context["is_ministry"] = True
        context["regions_covered"] = selectors.regions_with_routes()
        context["without_place"] = selectors.students_without_place_total()
    return context
