"""A rule's source and severity in words for templates: `{{ rule.source|source_text }}`,
`{{ finding.severity|severity_label }}`."""

from django import template

from rules import sources
from rules.registry import Severity

register = template.Library()


@register.filter
def source_text(source: str) -> str:
    """`003 note 2` → "Kamerbrief Sterk beroepsonderwijs, december 2020 — voetnoot 2"."""
    return sources.source_text(source)


@register.filter
def severity_label(severity: str) -> str:
    """`error` → "fout": the severity's label in the active language."""
    return Severity(severity).label
