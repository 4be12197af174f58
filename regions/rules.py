"""ORG-01: every organisation a document references exists and has the right kind."""

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
