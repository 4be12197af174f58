"""FMT-01: the document has the shape of its kind (see `rules.schema`).
FMT-02: its numbers and dates are possible."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .context import parse_date
from .registry import ALL_KINDS, Kind, Severity, message, rule
from .schema import check_shape

LEVELS = (1, 2, 3, 4)


@rule(
    "FMT-01",
    Severity.ERROR,
    kinds=ALL_KINDS,
    source="docs/interchange.md",
    text=_(
        "The document is valid for its kind: readable JSON, a known kind, and every "
        "field present with the right type. The message names the field."
    ),
)
def document_has_the_shape_of_its_kind(document, context):
    """Malformed JSON is reported by the engine before this runs; this checks
    the parsed document against the hand-written schema of its kind."""
    yield from check_shape(document)


def _amounts(document) -> list[tuple[str, object]]:
    """(path, value) of the hours, budgets and student counts a document gives."""
    kind = document["kind"]
    amounts = []
    if kind == Kind.REGIONAL_PROGRAMME:
        amounts.append(("regional_section.hours", document["regional_section"].get("hours")))
        for index, elective in enumerate(document["electives"]):
            amounts.append((f"electives[{index}].hours", elective.get("hours")))
    if kind == Kind.PRACTICE_PROGRAMME:
        amounts.append(("hours", document["hours"]))
        amounts.append(("budget_eur", document["budget_eur"]))
    return amounts


def _periods(document) -> list[tuple[str, str, object, object]]:
    """(start path, end path, start, end) of the periods a document gives."""
    kind = document["kind"]
    if kind == Kind.CROSS_OVER:
        return [("start_date", "end_date", document["start_date"], document["end_date"])]
    if kind in (Kind.PRACTICE_PROGRAMME, Kind.PRACTICE_STATEMENT):  # kind: practice_statement
        period = document["period"]
        return [("period.start", "period.end", period["start"], period["end"])]
    return []


@rule(
    "FMT-02",
    Severity.ERROR,
    kinds=ALL_KINDS,
    source="—",
    text=_(
        "Numbers and dates are possible: level 1 to 4; hours, budgets and student counts "
        "not negative; every end date on or after its start date. The message names the field."
    ),
)
def numbers_and_dates_are_possible(document, context):
    """Runs after FMT-01, so every field has its type."""
    if "level" in document and document["level"] not in LEVELS:
        yield (
            "level",
            message(
                gettext_noop("The field %(field)s must be 1, 2, 3 or 4, not %(value)s."),
                field="level",
                value=document["level"],
            ),
        )
    for path, value in _amounts(document):
        if value is not None and value < 0:
            yield (
                path,
                message(
                    gettext_noop("The field %(field)s cannot be negative (%(value)s)."),
                    field=path,
                    value=value,
                ),
            )
    for start_path, end_path, start, end in _periods(document):
        start, end = parse_date(start), parse_date(end)
        if start and end and end < start:
            yield (
                end_path,
                message(
                    gettext_noop(
                        "The field %(field)s (%(end)s) is before %(start_field)s (%(start)s)."
                    ),
                    field=end_path,
                    end=end.isoformat(),
                    start_field=start_path,
                    start=start.isoformat(),
                ),
            )
