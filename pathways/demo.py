"""Fictitious demo routes for `make run`, between the demo schools of the regions
app and on qualifications of the SBB samples. Marked `is_demo`.

A route whose schools or qualification are missing is skipped, so this step
does nothing harmful when the other demo steps have not run.
"""

import datetime

from django.db import transaction

from qualifications.models import Qualification
from regions.models import Organisation, Region

from .models import Route, RouteEvent, RouteYear
from .services import YEAR_FIELDS

S = Route.Status

AGREEMENT = {
    "agreement_signed_on": None,  # set per route: three months before the start
    "switch_arrangement": (
        "Een leerling die de route verlaat, gaat terug naar vmbo-basis of stroomt door naar "
        "een andere mbo-2-opleiding van het ROC; de mentoren van beide scholen regelen dit samen."
    ),
    "financial_arrangements": (
        "Het ROC betaalt de inzet van vmbo-docenten in het mbo-deel naar rato van de uren."
    ),
}

# (vmbo, mbo, region, crebo, track, type, location, start, status, partners, years)
DEMO_ROUTES = [
    (
        "99XB",
        "99XA",
        "AM06",
        "25498",
        "bb",
        "integrated",
        "vmbo",
        datetime.date(2021, 8, 1),
        S.ACTIVE,
        ["99990001"],
        [("2021/22", 14, 1, 0, 0, 0, 1), ("2022/23", 16, 0, 1, 0, 0, 0)],
    ),
    (
        "99XC",
        "99XA",
        "AM06",
        "25500",
        "kb",
        "continuous",
        "mbo",
        datetime.date(2022, 8, 1),
        S.VALIDATED,
        ["99990002"],
        [],
    ),
    (
        "99XE",
        "99XD",
        "AM03",
        "25486",
        "gl",
        "continuous",
        "mbo",
        datetime.date(2023, 8, 1),
        S.ACTIVE,
        ["99990003"],
        [("2023/24", 11, 0, 0, 1, 0, 0)],
    ),
    (
        "99XB",
        "99XA",
        "AM06",
        "25485",
        "tl",
        "continuous",
        "mbo",
        datetime.date(2024, 8, 1),
        S.AWAITING_CONFIRMATION,
        [],
        [],
    ),
]


@transaction.atomic
def load_demo_routes() -> int:
    """Create or reset the demo routes; return how many were loaded."""
    loaded = 0
    for (
        vmbo_code,
        mbo_code,
        region_code,
        crebo,
        track,
        route_type,
        location,
        start,
        status,
        partner_codes,
        years,
    ) in DEMO_ROUTES:
        organisations = {
            org.code: org
            for org in Organisation.objects.filter(code__in=[vmbo_code, mbo_code, *partner_codes])
        }
        qualification = Qualification.objects.filter(crebo=crebo).first()
        region = Region.objects.filter(code=region_code).first()
        if vmbo_code not in organisations or mbo_code not in organisations:
            continue
        if qualification is None or region is None:
            continue
        active = status in (S.ACTIVE, S.ENDED)
        values = {
            **AGREEMENT,
            "agreement_signed_on": start - datetime.timedelta(days=92),
            "region": region,
            "basis": Route.Basis.LAW,
            "route_type": route_type,
            "location": location,
            "exam_responsible": Route.ExamResponsible.MBO,
            "fallback_destinations": ["vmbo-bb", "mbo-2"] if route_type == "integrated" else [],
            "combined_pta_oer": True,
            "duo_status": Route.DuoStatus.REGISTERED if active else Route.DuoStatus.NONE,
            "duo_date": start - datetime.timedelta(days=61) if active else None,
            "status": status,
            "submitted_by_organisation": organisations[vmbo_code] if status != S.DRAFT else None,
            "is_demo": True,
        }
        route, created = Route.objects.update_or_create(
            vmbo_school=organisations[vmbo_code],
            mbo_institution=organisations[mbo_code],
            target_qualification=qualification,
            vmbo_track=track,
            start_date=start,
            defaults=values,
        )
        route.partners.set([organisations[code] for code in partner_codes if code in organisations])
        for school_year, *counts in years:
            RouteYear.objects.update_or_create(
                route=route,
                school_year=school_year,
                defaults=dict(zip(YEAR_FIELDS, counts, strict=True)),
            )
        if created:
            RouteEvent.objects.create(
                route=route,
                action=RouteEvent.Action.IMPORTED,
                to_state=status,
                note="demo data",
            )
        loaded += 1
    return loaded
