"""Reads of certificate programmes: the public list and detail, the region page
section and the map indicator."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from regions.models import Region

from .models import CertificateProgramme, ProgrammeEvent, ProgrammeStart

REGION_SECTION_LIMIT = 20


def _today() -> datetime.date:
    return timezone.localdate()


def _listed() -> QuerySet[CertificateProgramme]:
    return CertificateProgramme.objects.select_related(
        "school",
        "region",
        "certificate__qualification",
        "certificate__core_task",
        "certificate__elective",
    ).prefetch_related(
        Prefetch("starts", queryset=ProgrammeStart.objects.order_by("starts_on")),
    )


def programme_list(
    *, query: str = "", region: Region | None = None, school=None
) -> QuerySet[CertificateProgramme]:
    """Programmes matching every search word (name, certificate, school), by name."""
    programmes = _listed()
    if region is not None:
        programmes = programmes.filter(region=region)
    if school is not None:
        programmes = programmes.filter(school=school)
    for word in query.split()[:5]:
        programmes = programmes.filter(
            Q(name__icontains=word)
            | Q(certificate__title__icontains=word)
            | Q(certificate__code__iexact=word)
            | Q(school__name__icontains=word)
            | Q(school__code__iexact=word)
        )
    return programmes.order_by("name", "pk")


def get_programme(pk: int) -> CertificateProgramme | None:
    """One programme with its partners, start dates and audit trail, or None."""
    return (
        _listed()
        .prefetch_related(
            "partners",
            Prefetch("events", queryset=ProgrammeEvent.objects.select_related("user")),
        )
        .filter(pk=pk)
        .first()
    )


def school_programme_count(school_id: int) -> int:
    """How many certificate programmes the school has registered (its home page)."""
    return CertificateProgramme.objects.filter(school_id=school_id).count()


def upcoming_programme_counts() -> dict[str, int]:
    """Per region code: the programmes with a start date today or later (map indicator)."""
    rows = (
        CertificateProgramme.objects.filter(starts__starts_on__gte=_today())
        .values("region__code")
        .annotate(number=Count("pk", distinct=True))
    )
    return {row["region__code"]: row["number"] for row in rows}


def region_section_context(region) -> dict:
    """The programmes of a region with a start date to come, for the region page."""
    programmes = programme_list(region=region).filter(starts__starts_on__gte=_today()).distinct()
    shown = list(programmes[:REGION_SECTION_LIMIT])
    for programme in shown:
        programme.upcoming_starts = [
            start.starts_on for start in programme.starts.all() if start.starts_on >= _today()
        ]
    return {
        "programmes": shown,
        "total": programmes.count(),
        "limit": REGION_SECTION_LIMIT,
    }
