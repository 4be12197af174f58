"""Certificate programmes on a home page: a school's count and the way to register one."""

from django import template

from .. import selectors, services

register = template.Library()


@register.inclusion_tag("certificates/includes/home_links.html")
def certificate_home_links(user):
    """For school authors of an mbo institution: their school's certificate
    programmes (with a count) and registering a new one."""
    if not services.may_register_programmes(user):
        return {"may_register": False}
    return {
        "may_register": True,
        "school": user.organisation,
        "count": selectors.school_programme_count(user.organisation_id),
    }
