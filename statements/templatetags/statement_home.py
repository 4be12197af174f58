"""Practice statements on a home page: the school's issued statements and issuing one."""

from django import template

from .. import selectors, services

register = template.Library()


@register.inclusion_tag("statements/includes/home_links.html")
def statement_home_links(user):
    """For school authors of an mbo institution: the practice statements their
    school has issued and not withdrawn (with a count) and issuing a new one."""
    if not services.may_issue(user):
        return {"may_issue": False}
    return {
        "may_issue": True,
        "issued": selectors.visible_statements(user).filter(withdrawn_at__isnull=True).count(),
    }
