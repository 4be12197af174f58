"""Template filters for readable document field names (see `submissions.labels`)."""

from django import template

from submissions.labels import path_label, section_label, value_label

register = template.Library()


@register.filter
def field_label(path: str) -> str:
    """`regional_section.title` → "Regional section › Title"."""
    return path_label(path)


@register.filter
def field_label_in(path: str, section: str) -> str:
    """`regional_section.title` in section `regional_section` → "Title"."""
    return path_label(path, within=section)


@register.filter
def section_heading(key: str) -> str:
    """`regional_section` → "Regional section"."""
    return section_label(key)


@register.filter
def field_value(value: str, path: str) -> str:
    """`company_expert` at `regional_section.contributors[1].role` → "company expert"."""
    return value_label(path, value)
