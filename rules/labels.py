"""Readable names for the fields of an interchange document, so that people
read "Regional section › Contributor 2 › Organisation" instead of
`regional_section.contributors[1].organisation` (docs/interchange.md).

One catalogue for every kind: the draft editor, the review page, the diff
between versions and the rule messages (a message parameter named `field`
is shown as its label) all read it.
"""

import re

from django.utils.translation import gettext_lazy as _

from .registry import Kind

# Every key of the kinds' documents; other keys are shown as they are.
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
    # Continuous pathways
    "basis": _("Basis"),
    "vmbo_school": _("vmbo school (BRIN code)"),
    "mbo_institution": _("mbo institution (BRIN code)"),
    "route_type": _("Type of route"),
    "vmbo_track": _("vmbo track"),
    "target_qualification": _("Target qualification (crebo)"),
    "location": _("Where the route runs"),
    "exam_responsible": _("Responsible for the mbo exam and diploma"),
    "agreement": _("Cooperation agreement"),
    "signed_on": _("Signed on"),
    "switch_arrangement": _("Switch arrangement"),
    "financial_arrangements": _("Financial arrangements"),
    "fallback_destinations": _("Fallback destinations"),
    "combined_pta_oer": _("Combined PTA/OER"),
    "duo_registration": _("DUO registration"),
    "status": _("Status"),
    "date": _("Date"),
    # Practice statements
    "learner": _("Learner"),
    "company": _("Company (KvK number)"),
    "trainer": _("Trainer (praktijkopleider)"),
    "issued_on": _("Issued on"),
    "work_processes": _("Work process"),
}
# Lists read in the plural as a heading or as a whole (a row is "Elective 2").
SECTION_LABELS = {
    "electives": _("Electives"),
    "parts": _("Parts"),
    "partners": _("Partners"),
    "work_processes": _("Work processes"),
    "learning_outcomes": _("Learning outcomes"),
    "contributors": _("Contributors"),
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
    "vmbo_track": {
        "bb": _("vmbo basis (bb)"),
        "kb": _("vmbo kader (kb)"),
        "gl": _("vmbo gemengd (gl)"),
        "tl": _("vmbo theoretisch (tl)"),
    },
}
# Message parameters that hold a coded value, by the field whose words they take.
PARAM_VALUES = {"role": "role", "track": "vmbo_track"}
SEPARATOR = " › "
_STEP = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")


def section_label(key: str) -> str:
    """The heading of a top-level section of the document."""
    return str(SECTION_LABELS.get(key) or FIELD_LABELS.get(key) or key)


def path_label(path: str, within: str = "") -> str:
    """A document path in words: `regional_section.contributors[1].name` →
    "Regional section › Contributor 2 › Name" (rows count from 1); a list as a
    whole in the plural (`electives` → "Electives"). `within` a section (an
    object at the top level) the section's own name is left out."""
    steps = []
    found = _STEP.findall(path or "")
    if within and len(found) > 1 and found[0] == (within, ""):
        # Under the section's own heading: "Title", not "Regional section › Title".
        found = found[1:]
    for position, (name, indexes) in enumerate(found):
        label = str(FIELD_LABELS.get(name, name))
        if not indexes and position == len(found) - 1 and name in SECTION_LABELS:
            label = str(SECTION_LABELS[name])  # the list as a whole
        numbers = [int(index) + 1 for index in re.findall(r"\d+", indexes)]
        steps.append(" ".join([label, *map(str, numbers)]))
    return SEPARATOR.join(steps) if steps else (path or "")


def param_label(name: str, value):
    """A message parameter in words when it holds a coded value (`track="bb"` →
    "vmbo basis (bb)"); other parameters as they are."""
    field = PARAM_VALUES.get(name)
    if field is None or not isinstance(value, str):
        return value
    return str(VALUE_LABELS[field].get(value, value))


def value_label(path: str, value: str) -> str:
    """A coded value in words (`company_expert` → "company expert"), by its
    field's name; other values as they are."""
    steps = _STEP.findall(path or "")
    labels = VALUE_LABELS.get(steps[-1][0], {}) if steps else {}
    return str(labels.get(value, value))
