"""Writes for experiments: admitting a school under the experiment's caps."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Experiment, Participation


class AdmissionRefused(ValidationError):
    """The school cannot be admitted (cap reached, wrong cohort, not an mbo institution)."""


@transaction.atomic
def admit_school(*, experiment: Experiment, school, cohort: str, decided_by=None) -> Participation:
    """Admit `school` to `experiment` for `cohort` (RR-08).

    The experiment row is locked (`select_for_update`) while the admitted
    schools are counted, so that two concurrent admissions cannot both take
    the last place. Raises `AdmissionRefused` when a cap would be exceeded.
    """
    locked = Experiment.objects.select_for_update().get(pk=experiment.pk)
    if school.kind != "mbo":
        raise AdmissionRefused(_("Only mbo institutions can take part in this experiment."))
    if locked.first_cohort and cohort < locked.first_cohort:
        raise AdmissionRefused(
            _("The experiment starts with cohort %(first)s.") % {"first": locked.first_cohort}
        )
    admitted = Participation.objects.filter(
        experiment=locked, status=Participation.Status.ADMITTED
    ).exclude(school=school)
    if locked.max_schools is not None and admitted.count() >= locked.max_schools:
        raise AdmissionRefused(
            _("The experiment already has the maximum of %(max)s schools.")
            % {"max": locked.max_schools}
        )
    if (
        locked.max_first_cohort is not None
        and cohort == locked.first_cohort
        and admitted.filter(cohort=cohort).count() >= locked.max_first_cohort
    ):
        raise AdmissionRefused(
            _("The first cohort (%(cohort)s) already has the maximum of %(max)s schools.")
            % {"cohort": cohort, "max": locked.max_first_cohort}
        )
    participation, _created = Participation.objects.update_or_create(
        experiment=locked,
        school=school,
        defaults={
            "cohort": cohort,
            "status": Participation.Status.ADMITTED,
            "decided_at": timezone.now(),
            "decided_by": decided_by,
        },
    )
    return participation
