"""Reads of mbo-certificates: the public certificates list with its search and filters."""

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from .models import SectorChamber, VetCertificate
from .selectors import MAX_SEARCH_WORDS
from .text import normalize_title


def certificate_list() -> QuerySet[VetCertificate]:
    """Every certificate with what it is attached to, its level (its own, else that of its
    qualification or keuzedeel) and its sector chamber (none for keuzedelen)."""
    return (
        VetCertificate.objects.select_related(
            "qualification__file__sector_chamber", "core_task__file__sector_chamber", "elective"
        )
        .annotate(shown_level=Coalesce("level", "qualification__level", "elective__level"))
        .order_by("title", "code", "pk")
    )


def search_certificates(
    *, query: str = "", sector: SectorChamber | None = None, level: int | None = None
) -> QuerySet[VetCertificate]:
    """Certificates of which every search word is in the title or code, or in what the
    certificate is attached to (qualification, crebo, core task, keuzedeel)."""
    certificates = certificate_list()
    if sector is not None:
        certificates = certificates.filter(
            Q(core_task__file__sector_chamber=sector)
            | Q(qualification__file__sector_chamber=sector)
        )
    if level is not None:
        certificates = certificates.filter(shown_level=level)
    for raw in query.split()[:MAX_SEARCH_WORDS]:
        word = normalize_title(raw)
        if not word:
            continue
        certificates = certificates.filter(
            Q(title__icontains=raw)
            | Q(code__iexact=raw)
            | Q(qualification__crebo=raw)
            | Q(qualification__normalized_title__contains=word)
            | Q(core_task__code__iexact=raw)
            | Q(core_task__normalized_title__contains=word)
            | Q(elective__code__iexact=raw)
            | Q(elective__normalized_title__contains=word)
        )
    return certificates


def sectors_with_certificates() -> QuerySet[SectorChamber]:
    """The sector chambers that have at least one certificate, for the filter."""
    return (
        SectorChamber.objects.filter(
            Q(files__core_tasks__certificates__isnull=False)
            | Q(files__qualifications__certificates__isnull=False)
        )
        .distinct()
        .order_by("title")
    )
