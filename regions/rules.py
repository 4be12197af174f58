"""ORG-01: every organisation a document references exists and has the right kind.
REG-01: the region a document names is a labour-market region."""

import re

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from rules.registry import ALL_KINDS, Kind, Severity, message, rule

WRONG_KIND = {
    "mbo": gettext_noop("%(name)s (%(code)s) is not an mbo institution."),
    "vmbo": gettext_noop("%(name)s (%(code)s) is not a vmbo school."),
    "company": gettext_noop("%(name)s (%(code)s) is not a company."),
}


def organisation_references(document) -> list[tuple[str, str, str]]:
    """(path, code, expected organisation kind) for every reference in the document."""
    kind = document["kind"]
    references = []
    if kind in (Kind.REGIONAL_PROGRAMME, Kind.CROSS_OVER):
        references.append(("school", document["school"], "mbo"))
    if kind == Kind.REGIONAL_PROGRAMME:
        for index, contributor in enumerate(document["regional_section"]["contributors"]):
            code = contributor.get("organisation")
            if code:
                expected = "company" if contributor["role"] == "company_expert" else "mbo"
                references.append(
                    (f"regional_section.contributors[{index}].organisation", code, expected)
                )
    if kind == Kind.CONTINUOUS_PATHWAY:
        references.append(("vmbo_school", document["vmbo_school"], "vmbo"))
        references.append(("mbo_institution", document["mbo_institution"], "mbo"))
    if kind == Kind.PRACTICE_PROGRAMME:
        references.append(("school", document["school"], "vmbo"))
        for index, partner in enumerate(document["partners"]):
            code = partner.get("organisation")
            if code and partner["kind"] in ("mbo", "company"):
                references.append((f"partners[{index}].organisation", code, partner["kind"]))
    return references


@rule(
    "ORG-01",
    Severity.ERROR,
    kinds=ALL_KINDS,
    source="docs/rules.md",
    text=_(
        "Every organisation referenced by code exists and has the expected kind (vmbo "
        "school, mbo institution, company)."
    ),
)
def referenced_organisations_exist(document, context):
    for path, code, expected in organisation_references(document):
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


# The CBS code for "niet in te delen": in the division, but not a labour-market region.
UNASSIGNABLE_REGION = "AM99"
REGION_CODE = re.compile(r"^AM\d{2}$")


@rule(
    "REG-01",
    Severity.ERROR,
    kinds=[Kind.REGIONAL_PROGRAMME, Kind.CROSS_OVER, Kind.CONTINUOUS_PATHWAY],
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
    elif not REGION_CODE.match(code):
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
