"""The register of regional keuzedelen, seen from the regionalised programme.

When a regionalised programme (Ruimte voor de regio) is approved, each new
regional keuzedeel it describes enters the keuzedelen register with an `RK`
code, and each `RK` code it names is recorded as a use (interchange.md,
"Electives from the register of regional keuzedelen"). The submissions app
calls `register_approved_programme` through its approval hook; the writes are
in `qualifications.register_services`.
"""

from django.db import transaction
from django.utils import timezone

from qualifications import register_services
from regions.models import Region


def new_regional_electives(document: dict) -> list[dict]:
    """The electives of the document that describe a new regional keuzedeel:
    type regional, no code, a title and at least one learning outcome (RR-06)."""
    electives = document.get("electives") if isinstance(document, dict) else None
    found = []
    for elective in electives if isinstance(electives, list) else []:
        if not isinstance(elective, dict) or elective.get("type") != "regional":
            continue
        if elective.get("code") or not str(elective.get("title") or "").strip():
            continue
        if not elective.get("learning_outcomes"):
            continue
        found.append(elective)
    return found


def named_register_codes(document: dict) -> list[str]:
    """The `RK` codes the document's electives name."""
    electives = document.get("electives") if isinstance(document, dict) else None
    codes = []
    for elective in electives if isinstance(electives, list) else []:
        code = elective.get("code") if isinstance(elective, dict) else None
        if isinstance(code, str) and code.strip().upper().startswith("RK"):
            codes.append(code.strip().upper())
    return codes


@transaction.atomic
def register_approved_programme(*, submission_id: int, title: str, school, document: dict):
    """Enter the approved programme's new regional keuzedelen in the register and
    record the register's keuzedelen it names. Idempotent: approving the same
    programme again adds no second entry. Returns the entries it made or updated."""
    today = timezone.localdate()
    region = Region.objects.filter(code=document.get("region")).first() or school.region
    entries = []
    for elective in new_regional_electives(document):
        entry, _created = register_services.register_regional_elective(
            submission_id=submission_id,
            programme_title=title,
            school=school,
            region=region,
            title=str(elective["title"]).strip(),
            hours=elective.get("hours") if isinstance(elective.get("hours"), int) else None,
            learning_outcomes=list(elective["learning_outcomes"]),
            registered_on=today,
        )
        entries.append(entry)
    register_services.record_regional_elective_uses(
        submission_id=submission_id,
        programme_title=title,
        school=school,
        codes=named_register_codes(document),
        approved_on=today,
    )
    return entries
