"""The kind `practice_statement` (docs/interchange.md), declared once here and
registered with the rule engine from `StatementsConfig.ready()`. Its rules
PV-01…PV-04 are in `statements/rules.py`; statements are issued on their own
pages, so the submission workflow refuses them at upload (`reviewed=False`)."""

from django.utils.translation import gettext_lazy as _

from rules.kinds import KindSpec, register_kind
from rules.schema import Date, List, Object, Text

PRACTICE_STATEMENT = "practice_statement"

SCHEMA = {
    "school": Text(),
    "learner": Object({"name": Text()}),
    "qualification": Text(),
    "company": Text(),
    "trainer": Text(),
    "period": Object({"start": Date(), "end": Date()}),
    "issued_on": Date(required=False),
    "work_processes": List(Text()),
}

FIELD_LABELS = {
    "learner": _("Learner"),
    "company": _("Company (KvK number)"),
    "trainer": _("Trainer (praktijkopleider)"),
    "issued_on": _("Issued on"),
    "work_processes": _("Work process"),
}


def qualifications(document) -> list[tuple[str, str]]:
    """QS-02: the qualification the learner worked towards."""
    return [("qualification", document["qualification"])]


def periods(document) -> list[tuple[str, str, object, object]]:
    """FMT-02: the period of learning at the company may not end before it starts."""
    period = document["period"]
    return [("period.start", "period.end", period["start"], period["end"])]


def register_kinds() -> None:
    """Register the kind (from `StatementsConfig.ready()`)."""
    register_kind(
        KindSpec(
            value=PRACTICE_STATEMENT,
            label=_("practice statement"),
            rule_family="PV",
            order=50,
            schema=SCHEMA,
            reviewed=False,
            title_detail="qualification",
            # PV-02 checks the school and the company, PV-01 finds the qualification.
            qualification_references=qualifications,
            own_rules_find_qualifications=True,
            qualification_start="period.start",
            periods=periods,
            field_labels=FIELD_LABELS,
            section_labels={"work_processes": _("Work processes")},
        )
    )
