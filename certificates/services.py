"""Writes of certificate programmes: register and change, each with an audit event."""

from django.db import transaction

from accounts.models import Role
from regions.models import Organisation

from .models import CertificateProgramme, ProgrammeEvent, ProgrammeStart

FIELDS = ["name", "certificate", "region", "description"]


def may_register_programmes(user) -> bool:
    """School authors of an mbo institution register their school's certificate programmes."""
    return (
        user.is_authenticated
        and user.role == Role.SCHOOL_AUTHOR
        and user.organisation_id is not None
        and user.organisation.kind == Organisation.Kind.VET_INSTITUTION
    )


def may_change_programme(user, programme: CertificateProgramme) -> bool:
    """Only staff of the school that runs the programme change it."""
    return may_register_programmes(user) and programme.school_id == user.organisation_id


def _set_starts(programme: CertificateProgramme, dates) -> bool:
    """Make the programme's start dates exactly `dates`; True when they changed."""
    wanted = set(dates)
    current = set(programme.starts.values_list("starts_on", flat=True))
    if wanted == current:
        return False
    programme.starts.filter(starts_on__in=current - wanted).delete()
    ProgrammeStart.objects.bulk_create(
        ProgrammeStart(programme=programme, starts_on=day) for day in sorted(wanted - current)
    )
    return True


@transaction.atomic
def register_programme(*, user, data: dict, partners, starts) -> CertificateProgramme:
    """A new programme of the user's own school (checked by the caller with
    `may_register_programmes`)."""
    programme = CertificateProgramme.objects.create(
        school=user.organisation, created_by=user, **{name: data[name] for name in FIELDS}
    )
    programme.partners.set(partners)
    _set_starts(programme, starts)
    ProgrammeEvent.objects.create(
        programme=programme, action=ProgrammeEvent.Action.REGISTERED, user=user
    )
    return programme


@transaction.atomic
def change_programme(
    programme: CertificateProgramme, *, user, data: dict, partners, starts
) -> list[str]:
    """Save the changes; an audit event names the fields that changed. Returns them."""
    programme = CertificateProgramme.objects.select_for_update().get(pk=programme.pk)
    changed = [name for name in FIELDS if getattr(programme, name) != data[name]]
    for name in changed:
        setattr(programme, name, data[name])
    if changed:
        programme.save()
    if set(programme.partners.all()) != set(partners):
        programme.partners.set(partners)
        changed.append("partners")
    if _set_starts(programme, starts):
        changed.append("starts")
    if changed:
        ProgrammeEvent.objects.create(
            programme=programme, action=ProgrammeEvent.Action.CHANGED, user=user, fields=changed
        )
    return changed
