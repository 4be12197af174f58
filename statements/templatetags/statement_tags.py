from django import template

from rules.labels import path_label

register = template.Library()


@register.filter
def statement_field_label(path: str) -> str:
    """A finding's document path in words, from the shared catalogue of field
    labels (`period.end` → "Period › End", `work_processes[1]` → "Work process 2")."""
    return path_label(path)
