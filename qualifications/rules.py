"""QS-01: a referenced qualification, core task or keuzedeel exists.

Where a kind's own rule already checks a reference (RR-01 the national
section, RR-06 the keuzedelen, CO-01 the cross-over parts), that rule reports
it; QS-01 covers the other references: the target qualification of a pathway.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from rules.names import qualification_name
from rules.registry import Kind, Severity, message, rule


@rule(
    "QS-01",
    Severity.ERROR,
    kinds=[Kind.CONTINUOUS_PATHWAY],
    source="docs/rules.md",
    text=_("A referenced qualification, core task or keuzedeel exists in the national structure."),
)
def referenced_qualification_exists(document, context):
    crebo = document["target_qualification"]
    if context.qualification(crebo) is None:
        yield (
            "target_qualification",
            message(gettext_noop("There is no qualification with crebo %(crebo)s."), crebo=crebo),
        )


ESTABLISHED = "vastgesteld"


def validity_problems(qualification, start, path: str):
    """(path, message) for each reason `qualification` is not valid on `start`:
    its file is not Vastgesteld, `start` is before its valid-from date, or on or
    after its end of intake (the test of RR-02)."""
    name = qualification_name(qualification)
    status = qualification.file.status
    if status.strip().lower() != ESTABLISHED:
        yield (
            path,
            message(
                gettext_noop(
                    "The file of qualification %(qualification)s has status %(status)s, "
                    "not Vastgesteld."
                ),
                qualification=name,
                status=status,
            ),
        )
    if start is None:
        return
    valid_from = qualification.valid_from or qualification.file.valid_from
    if valid_from and start < valid_from:
        yield (
            path,
            message(
                gettext_noop(
                    "Qualification %(qualification)s is valid only from %(date)s; the start date "
                    "%(start)s is earlier."
                ),
                qualification=name,
                date=valid_from.isoformat(),
                start=start.isoformat(),
            ),
        )
    end_of_intake = qualification.end_of_intake or qualification.file.end_of_intake
    if end_of_intake and start >= end_of_intake:
        yield (
            path,
            message(
                gettext_noop(
                    "Intake for qualification %(qualification)s ends on %(date)s; the start date "
                    "%(start)s is then or later."
                ),
                qualification=name,
                date=end_of_intake.isoformat(),
                start=start.isoformat(),
            ),
        )


def _referenced_qualifications(document):
    """(path, crebo) of the qualifications QS-02 checks in a document."""
    if document["kind"] == Kind.CROSS_OVER:
        return [
            (f"parts[{index}].qualification", part["qualification"])
            for index, part in enumerate(document["parts"])
        ]
    if document["kind"] == Kind.CONTINUOUS_PATHWAY:
        return [("target_qualification", document["target_qualification"])]
    return []


# A kind declared in another app names the qualifications it references, and the
# date they must be valid on, from its AppConfig.ready():
# kind -> function(document, context) -> (start date, [(path, crebo), …]).
QUALIFICATION_REFERENCES = {}


@rule(
    "QS-02",
    Severity.ERROR,
    # kind: practice_statement (added to this list)
    kinds=[Kind.CROSS_OVER, Kind.CONTINUOUS_PATHWAY, Kind.PRACTICE_STATEMENT],
    source='004 "bestaande kwalificaties"; SBB fields Geldig_vanaf, Datum_einde_instroom',
    text=_(
        "Every qualification that a cross-over part, a pathway's target qualification or a "
        "practice statement references is valid on the start date (for a practice statement: "
        "the start of its period): its file has status Vastgesteld, the start date is on or "
        "after its valid-from date and before its end of intake."
    ),
)
def referenced_qualifications_valid_on_start_date(document, context):
    """A qualification that does not exist is reported by CO-01 or QS-01."""
    finder = QUALIFICATION_REFERENCES.get(document["kind"])
    if finder is not None:
        start, references = finder(document, context)
    else:
        start, references = context.date("start_date"), _referenced_qualifications(document)
    for path, crebo in references:
        qualification = context.qualification(crebo)
        if qualification is None:
            continue
        yield from validity_problems(qualification, start, path)
