"""A rule's source in words for templates: `{{ rule.source|source_text }}`."""

from django import template

from rules import sources

register = template.Library()


@register.filter
def source_text(source: str) -> str:
    """`003 note 2` → "Kamerbrief Sterk beroepsonderwijs, december 2020 — voetnoot 2"."""
    return sources.source_text(source)
