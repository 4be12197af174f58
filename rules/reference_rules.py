"""The rules on references to reference data, for every kind that makes them:

- ORG-01: every organisation a document references exists and has the right kind.
- REG-01: the region a document names is a labour-market region.
- QS-01: a referenced qualification, core task or keuzedeel exists.
- QS-02: a referenced qualification is valid on the start date.

They live in the rules app (above regions and qualifications in the layer
order) and ask those apps only plain questions through their selectors.

Where a kind's own rule already checks a qualification reference (RR-01 the
national section, RR-06 the keuzedelen, CO-01 the cross-over parts), that rule
reports it; QS-01 covers the other references: the target qualification of a
pathway.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from qualifications.selectors import is_established, validity_dates
from regions.selectors import UNASSIGNABLE_REGION, is_region_code

from .context import parse_date
from .kinds import KindsWhere, kind_spec
from .names import qualification_name
from .registry import Severity, message, rule

WRONG_KIND = {
    "mbo": gettext_noop("%(name)s (%(code)s) is not an mbo institution."),
    "vmbo": gettext_noop("%(name)s (%(code)s) is not a vmbo school."),
    "company": gettext_noop("%(name)s (%(code)s) is not a company."),
}


@rule(
    "ORG-01",
    Severity.ERROR,
    kinds=KindsWhere(lambda spec: spec.organisation_references, "kinds with organisations"),
    source="docs/rules.md",
    text=_(
        "Every organisation referenced by code exists and has the expected kind (vmbo "
        "school, mbo institution, company)."
    ),
)
def referenced_organisations_exist(document, context):
    for path, code, expected in kind_spec(document["kind"]).organisation_references(document):
        organisation = context.organisation(code)
        if organisation is None:
            yield (
                path,
                message(gettext_noop("There is no organisation with code %(code)s."), code=code),
            )
        elif organisation.kind != expected:
            yield (
                path,
                message(WRONG_KIND[expected], name=organisation.name, code=code),
            )


@rule(
    "REG-01",
    Severity.ERROR,
    kinds=KindsWhere(lambda spec: spec.names_region, "kinds with a region"),
    source='CBS arbeidsmarktregio\'s 2020; 002 "in iedere regio"',
    text=_(
        "The region is the code of one of the 35 labour-market regions of the CBS 2020 "
        "division; AM99, unknown codes and place names are refused."
    ),
)
def region_is_a_labour_market_region(document, context):
    """The region is checked as the document gives it; it is stored that way
    too, never replaced by the school's region."""
    code = document["region"]
    if code == UNASSIGNABLE_REGION:
        yield (
            "region",
            message(
                gettext_noop(
                    'AM99 ("niet in te delen") is not a labour-market region; give the code '
                    "of the region the document is about."
                )
            ),
        )
    elif not is_region_code(code):
        yield (
            "region",
            message(
                gettext_noop(
                    "%(value)s is not a region code; give the CBS code of the labour-market "
                    "region, AM followed by two digits (e.g. AM06)."
                ),
                value=code,
            ),
        )
    elif context.region(code) is None:
        yield (
            "region",
            message(
                gettext_noop("There is no labour-market region with code %(code)s."), code=code
            ),
        )


@rule(
    "QS-01",
    Severity.ERROR,
    kinds=KindsWhere(
        lambda spec: spec.qualification_references and not spec.own_rules_find_qualifications,
        "kinds with qualifications no own rule finds",
    ),
    source="docs/rules.md",
    text=_("A referenced qualification, core task or keuzedeel exists in the national structure."),
)
def referenced_qualification_exists(document, context):
    for path, crebo in _referenced_qualifications(document):
        if context.qualification(crebo) is None:
            yield (
                path,
                message(
                    gettext_noop("There is no qualification with crebo %(crebo)s."), crebo=crebo
                ),
            )


def validity_problems(qualification, start, path: str):
    """(path, message) for each reason `qualification` is not valid on `start`:
    its file is not Vastgesteld, `start` is before its valid-from date, or on or
    after its end of intake (the test of RR-02)."""
    name = qualification_name(qualification)
    status = qualification.file.status
    if not is_established(qualification):
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
    valid_from, end_of_intake = validity_dates(qualification)
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


def _start_date(document):
    """The date the referenced qualifications must be valid on (`KindSpec.qualification_start`,
    a document path such as `start_date` or `period.start`)."""
    value = document
    for key in kind_spec(document["kind"]).qualification_start.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return parse_date(value)


def _referenced_qualifications(document):
    """(path, crebo) of the qualifications the document's kind declares."""
    return kind_spec(document["kind"]).qualification_references(document)


@rule(
    "QS-02",
    Severity.ERROR,
    kinds=KindsWhere(lambda spec: spec.qualification_references, "kinds with qualifications"),
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
    start = _start_date(document)
    for path, crebo in _referenced_qualifications(document):
        qualification = context.qualification(crebo)
        if qualification is None:
            continue
        yield from validity_problems(qualification, start, path)
