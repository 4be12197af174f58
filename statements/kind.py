"""The kind `practice_statement` (docs/interchange.md): its document shape and
its place in the shared rules, registered from `StatementsConfig.ready()`."""

from rules.context import parse_date
from rules.registry import Kind
from rules.schema import COMMON, SCHEMAS, Date, List, Object, Text

KIND = Kind.PRACTICE_STATEMENT

SCHEMA = Object(
    {
        **COMMON,
        "school": Text(),
        "learner": Object({"name": Text()}),
        "qualification": Text(),
        "company": Text(),
        "trainer": Text(),
        "period": Object({"start": Date(), "end": Date()}),
        "issued_on": Date(required=False),
        "work_processes": List(Text()),
    }
)


def qualification_references(document, context):
    """For QS-02: the qualification must be valid at the start of the period."""
    return parse_date(document["period"]["start"]), [("qualification", document["qualification"])]


def register() -> None:
    """Add the kind's shape and rules to the shared engine (idempotent)."""
    from qualifications.rules import QUALIFICATION_REFERENCES

    from . import rules  # noqa: F401  (registers PV-01…PV-04)

    SCHEMAS[KIND] = SCHEMA
    QUALIFICATION_REFERENCES[KIND] = qualification_references
