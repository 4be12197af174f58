"""Pathway blocks for other apps' pages (the home pages)."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.permissions import MINISTRY_ROLES

from .. import selectors, services
from ..models import Route

register = template.Library()


# Paths in the interchange document that are named differently on the route.
DOCUMENT_PATH_FIELDS = {
    "agreement.signed_on": "agreement_signed_on",
    "agreement.switch_arrangement": "switch_arrangement",
    "agreement.financial_arrangements": "financial_arrangements",
    "agreement.fallback_destinations": "fallback_destinations",
    "duo_registration": "duo_status",
    "duo_registration.status": "duo_status",
    "duo_registration.date": "duo_date",
}


@register.filter
def route_field_label(path: str) -> str:
    """The label of the route field a rule finding points at, in the user's
    language (e.g. "agreement.signed_on" -> "Agreement signed on"); the path
    itself when it is not a route field."""
    if path == "agreement":
        return capfirst(_("cooperation agreement"))
    name = DOCUMENT_PATH_FIELDS.get(path, path)
    try:
        return capfirst(Route._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return path


@register.inclusion_tag("pathways/includes/home_links.html")
def pathway_home_links(user):
    """Pathway tasks on a home page: drafting and flags for school authors of a
    vmbo school or mbo institution; coverage figures for ministry staff."""
    context = {"is_school_author": False, "is_ministry": False}
    if not user.is_authenticated:
        return context
    if services.may_draft_routes(user):
        context["is_school_author"] = True
        context["to_confirm"] = selectors.awaiting_confirmation_by(user).count()
        context["flagged"] = list(selectors.routes_with_students_without_place(user)[:10])
    elif user.role in MINISTRY_ROLES:
        context["is_ministry"] = True
        context["regions_covered"] = selectors.regions_with_routes()
        context["without_place"] = selectors.students_without_place_total()
    return context
