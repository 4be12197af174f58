"""Readable names for the fields of an interchange document, so that reviewers
and schools read "Regional section › Contributor 2 › Organisation" instead of
`regional_section.contributors[1].organisation` (docs/interchange.md)."""

import re

from django.utils.translation import gettext_lazy as _

from rules.registry import Kind

# Every key of the drafted kinds' documents (regional programme, cross-over,
# practice-oriented programme); other keys are shown as they are.
FIELD_LABELS = {
    "format": _("Format"),
    "kind": _("Kind"),
    "school": _("School (BRIN code)"),
    "experiment": _("Experiment"),
    "title": _("Title"),
    "region": _("Labour-market region"),
    "start_date": _("Start date"),
    "end_date": _("End date"),
    "submitted_on": _("Submitted on"),
    "national_section": _("National section"),
    "qualification": _("Qualification (crebo)"),
    "regional_section": _("Regional section"),
    "hours": _("Hours"),
    "learning_outcomes": _("Learning outcome"),
    "code": _("Code"),
    "text": _("Text"),
    "contributors": _("Contributor"),
    "name": _("Name"),
    "role": _("Role"),
    "organisation": _("Organisation (BRIN or KvK number)"),
    "organisation_name": _("Organisation not in the register"),
    "electives": _("Elective"),
    "type": _("Type"),
    "level": _("Level"),
    "labour_market_need": _("Labour-market need"),
    "parts": _("Part"),
    "core_task": _("Core task"),
    "inspectorate_review_needed": _("Inspectorate's decision needed"),
    "theme": _("Theme"),
    "budget_eur": _("Budget (euro)"),
    "period": _("Period"),
    "start": _("Start"),
    "end": _("End"),
    "partners": _("Partner"),
    "activity_plan": _("Activity plan"),
}
# Sections (top-level lists) read in the plural as a heading.
SECTION_LABELS = {
    "electives": _("Electives"),
    "parts": _("Parts"),
    "partners": _("Partners"),
}
# Coded values, by the name of their field, as the editor offers them.
VALUE_LABELS = {
    "kind": {
        **dict(Kind.choices),
        "mbo": _("mbo institution"),
        "company": _("company"),
        "havo": _("havo school"),
    },
    "role": {"teacher": _("teacher"), "company_expert": _("company expert")},
    "type": {"national": _("national keuzedeel"), "regional": _("regional keuzedeel")},
}
SEPARATOR = " › "
_STEP = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")


def section_label(key: str) -> str:
    """The heading of a top-level section of the document."""
    return str(SECTION_LABELS.get(key) or FIELD_LABELS.get(key) or key)


def path_label(path: str) -> str:
    """A document path in words: `regional_section.contributors[1].name` →
    "Regional section › Contributor 2 › Name" (rows count from 1)."""
    steps = []
    for name, indexes in _STEP.findall(path or ""):
        label = str(FIELD_LABELS.get(name, name))
        numbers = [int(index) + 1 for index in re.findall(r"\d+", indexes)]
        steps.append(" ".join([label, *map(str, numbers)]))
    return SEPARATOR.join(steps) if steps else (path or "")


def value_label(path: str, value: str) -> str:
    """A coded value in words (`company_expert` → "company expert"), by its
    field's name; other values as they are."""
    steps = _STEP.findall(path or "")
    labels = VALUE_LABELS.get(steps[-1][0], {}) if steps else {}
    return str(labels.get(value, value))
