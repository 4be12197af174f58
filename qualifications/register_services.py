"""Writes to the register of regional keuzedelen (issue 15).

A regional keuzedeel enters the keuzedelen register, with an `RK` code, when
the regionalised programme that describes it is approved; programmes that
name it by that code are recorded as its uses. The experiments app calls these
when a programme is approved: this app knows nothing about submissions.
"""

import datetime
import re

from django.db import IntegrityError, transaction

from .models import REGIONAL_ELECTIVE_PREFIX, ElectiveModule, RegionalElectiveUse
from .text import normalize_title

RK_CODE = re.compile(r"^RK(\d{4})$")
# Codes are given out one higher than the highest; a concurrent approval that
# took the same code makes the insert fail, and the next try takes the next one.
ATTEMPTS = 50


class RegisterFull(Exception):
    """No RK code is left (RK9999 is taken)."""


def next_regional_code() -> str:
    """The next free RK code: one higher than the highest in the register."""
    codes = ElectiveModule.objects.filter(code__startswith=REGIONAL_ELECTIVE_PREFIX).values_list(
        "code", flat=True
    )
    highest = max((int(m[1]) for m in map(RK_CODE.match, codes) if m), default=0)
    if highest >= 9999:
        raise RegisterFull("RK9999")
    return f"{REGIONAL_ELECTIVE_PREFIX}{highest + 1:04d}"


def register_regional_elective(
    *,
    submission_id: int,
    programme_title: str,
    school,
    region,
    title: str,
    hours: int | None,
    learning_outcomes: list,
    registered_on: datetime.date,
) -> tuple[ElectiveModule, bool]:
    """Enter a new regional keuzedeel of an approved programme in the register.

    Returns (entry, created). The programme's keuzedeel is known by its title:
    approving the programme again updates the entry (hours, learning outcomes)
    instead of adding a second one.
    """
    normalized = normalize_title(title)[:300]
    values = {
        "title": title[:300],
        "study_load_hours": hours or 0,
        "learning_outcomes": learning_outcomes,
        "school": school,
        "region": region,
        "source_title": programme_title[:300],
    }
    for _attempt in range(ATTEMPTS):
        existing = ElectiveModule.objects.filter(
            is_regional=True, source_submission_id=submission_id, normalized_title=normalized
        ).first()
        if existing is not None:
            changed = [name for name, value in values.items() if getattr(existing, name) != value]
            for name in changed:
                setattr(existing, name, values[name])
            if changed:
                existing.save(update_fields=changed)
            return existing, False
        try:
            with transaction.atomic():
                entry = ElectiveModule.objects.create(
                    code=next_regional_code(),
                    is_regional=True,
                    normalized_title=normalized,
                    source_submission_id=submission_id,
                    registered_on=registered_on,
                    **values,
                )
            return entry, True
        except IntegrityError:
            continue  # a concurrent approval took the code (or entered this one)
    raise IntegrityError("No free RK code after several attempts.")


def record_regional_elective_uses(
    *, submission_id: int, programme_title: str, school, codes, approved_on: datetime.date
) -> list[ElectiveModule]:
    """Record that the approved programme names these RK codes; forget the
    codes an earlier approved version named and this one no longer does.
    Codes not in the register are ignored (RR-06 refuses them before approval)."""
    electives = list(
        ElectiveModule.objects.filter(is_regional=True, code__in=set(codes)).order_by("code")
    )
    RegionalElectiveUse.objects.filter(submission_id=submission_id).exclude(
        elective__in=electives
    ).delete()
    for elective in electives:
        RegionalElectiveUse.objects.update_or_create(
            elective=elective,
            submission_id=submission_id,
            defaults={
                "title": programme_title[:300],
                "school": school,
                "approved_on": approved_on,
            },
        )
    return electives
