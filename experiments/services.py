"""Writes for experiments: a school applies, ministry staff decide, and
admission respects the experiment's caps even under concurrent decisions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import Role
from accounts.permissions import MINISTRY_ROLES
from core.states import TransitionRefused
from notifications.selectors import recipients_for_role, recipients_in_organisation
from notifications.services import notify
from regions.models import Organisation

from .models import (
    COHORT_VALIDATOR,
    PARTICIPATION_TRANSITIONS,
    Experiment,
    Participation,
    ParticipationEvent,
    Phase,
)

# Which kind of school takes part, by the kind of submission the experiment is
# about: regionalised programmes and cross-overs are mbo, the practice-oriented
# programmes of the pilot are vmbo.
SCHOOL_KIND_FOR_SUBMISSION_KIND = {
    "regional_programme": Organisation.Kind.VET_INSTITUTION,
    "cross_over": Organisation.Kind.VET_INSTITUTION,
    "practice_programme": Organisation.Kind.PREVOCATIONAL_SCHOOL,
}

# Decisions ministry staff can take on an application, and the statuses they
# can take them from (an admission or a refusal is final): declared with the model.
DECISIONS = PARTICIPATION_TRANSITIONS["decide"].targets
UNDECIDED_STATUSES = PARTICIPATION_TRANSITIONS.sources("decide")


class AdmissionRefused(TransitionRefused):
    """The school cannot be admitted (cap reached, wrong cohort, wrong kind of school)."""


class ApplicationRefused(TransitionRefused):
    """The application cannot be made (not the author's school, wrong kind, applied before)."""


class DecisionRefused(TransitionRefused):
    """The decision cannot be taken (role, status, missing reason)."""


def _log(participation: Participation, action: str, actor, from_state="", note=""):
    return ParticipationEvent.objects.create(
        participation=participation,
        action=action,
        actor=actor,
        from_state=from_state,
        to_state=participation.status,
        note=note,
    )


def school_kind_for(experiment: Experiment) -> str:
    """The kind of school (mbo or vmbo) that takes part in `experiment`."""
    return SCHOOL_KIND_FOR_SUBMISSION_KIND.get(experiment.kind, Organisation.Kind.VET_INSTITUTION)


def long_date(day: datetime.date) -> str:
    """A date as the UI writes it ("29 november 2026"), in the active language."""
    return formats.date_format(day)


def closed_reason(experiment: Experiment, today: datetime.date | None = None) -> str:
    """Why schools cannot apply to, or start a new draft for, `experiment` today,
    with the date; "" when it is open for applications."""
    today = today or timezone.localdate()
    phase = experiment.phase_on(today)
    params = {"experiment": experiment.name}
    if phase == Phase.ENDED:
        return _("%(experiment)s ended on %(date)s; it takes no new applications or drafts.") % {
            **params,
            "date": long_date(experiment.end_date),
        }
    if phase == Phase.UPCOMING:
        return _("Applications to %(experiment)s open on %(date)s.") % {
            **params,
            "date": long_date(experiment.applications_open_on),
        }
    if phase == Phase.RUNNING:
        return _(
            "Applications to %(experiment)s closed on %(date)s; the experiment runs"
            " with the schools already taking part."
        ) % {**params, "date": long_date(experiment.applications_close_on)}
    return ""


def phase_sentence(experiment: Experiment, today: datetime.date | None = None) -> str:
    """The phase of `experiment` in one sentence with its dates, for the pages."""
    today = today or timezone.localdate()
    reason = closed_reason(experiment, today)
    if reason:
        return reason
    if experiment.applications_close_on:
        return _("Schools can apply and start drafts until %(date)s.") % {
            "date": long_date(experiment.applications_close_on)
        }
    if experiment.end_date:
        return _("Schools can apply and start drafts; the experiment ends on %(date)s.") % {
            "date": long_date(experiment.end_date)
        }
    return _("Schools can apply and start drafts.")


def phase_badge(experiment: Experiment, today: datetime.date | None = None) -> str:
    """The phase with its key date in a few words, for lists and home pages
    ("Ended on 31 July 2025")."""
    today = today or timezone.localdate()
    phase = experiment.phase_on(today)
    if phase == Phase.ENDED:
        return _("Ended on %(date)s") % {"date": long_date(experiment.end_date)}
    if phase == Phase.UPCOMING:
        return _("Not yet open: applications from %(date)s") % {
            "date": long_date(experiment.applications_open_on)
        }
    if phase == Phase.RUNNING:
        return _("Running: applications closed on %(date)s") % {
            "date": long_date(experiment.applications_close_on)
        }
    if experiment.applications_close_on:
        return _("Open for applications until %(date)s") % {
            "date": long_date(experiment.applications_close_on)
        }
    return _("Open for applications")


def check_open(
    experiment: Experiment, refusal: type[Exception], today: datetime.date | None = None
) -> None:
    """Raise `refusal` with the reason and the date when `experiment` is not open."""
    reason = closed_reason(experiment, today)
    if reason:
        raise refusal(reason)


def may_apply(user, experiment: Experiment) -> bool:
    """Whether the user is a school author of a school of the kind `experiment` is for."""
    return (
        user.is_authenticated
        and user.role == Role.SCHOOL_AUTHOR
        and user.organisation.kind == school_kind_for(experiment)
    )


def _check_school_kind(experiment: Experiment, school, refusal: type[ValidationError]) -> None:
    expected = school_kind_for(experiment)
    if school.kind != expected:
        raise refusal(
            _("Only schools of the kind “%(kind)s” can take part in %(experiment)s.")
            % {"kind": Organisation.Kind(expected).label, "experiment": experiment.name}
        )


def _cohort_start(cohort: str) -> datetime.date:
    return datetime.date(int(cohort[:4]), 8, 1)


def _cohort_end(cohort: str) -> datetime.date:
    """The last day of the cohort's first school year (31 July)."""
    return datetime.date(int(cohort[:4]) + 1, 7, 31)


def _check_first_cohort(
    experiment: Experiment, cohort: str, refusal: type[ValidationError]
) -> None:
    if experiment.first_cohort and cohort < experiment.first_cohort:
        raise refusal(
            _("The experiment starts with cohort %(first)s.") % {"first": experiment.first_cohort}
        )


def _check_cohort(experiment: Experiment, cohort: str, refusal: type[ValidationError]) -> None:
    try:
        COHORT_VALIDATOR(cohort)
    except ValidationError as error:
        raise refusal(error.messages) from error
    _check_first_cohort(experiment, cohort, refusal)
    if experiment.start_date and _cohort_end(cohort) < experiment.start_date:
        raise refusal(
            _("The experiment starts on %(date)s, after the school year of cohort %(cohort)s.")
            % {"date": long_date(experiment.start_date), "cohort": cohort}
        )
    if experiment.end_date and _cohort_start(cohort) > experiment.end_date:
        raise refusal(
            _("The experiment ends on %(date)s, before cohort %(cohort)s starts.")
            % {"date": long_date(experiment.end_date), "cohort": cohort}
        )


def check_caps_fit_admitted(
    experiment: Experiment, *, max_schools, first_cohort: str, max_first_cohort
) -> None:
    """Refuse new caps that are lower than the schools already admitted.

    Used when an administrator edits an experiment. Raises `ValidationError`.
    """
    admitted = Participation.objects.filter(
        experiment=experiment, status=Participation.Status.ADMITTED
    )
    count = admitted.count()
    if max_schools is not None and max_schools < count:
        raise ValidationError(
            {
                "max_schools": ngettext(
                    "%(count)s school is already admitted; the maximum cannot be lower.",
                    "%(count)s schools are already admitted; the maximum cannot be lower.",
                    count,
                )
                % {"count": count}
            }
        )
    if max_first_cohort is not None and first_cohort:
        in_first = admitted.filter(cohort=first_cohort).count()
        if max_first_cohort < in_first:
            raise ValidationError(
                {
                    "max_first_cohort": ngettext(
                        "%(count)s school is already admitted in cohort %(cohort)s; "
                        "the maximum cannot be lower.",
                        "%(count)s schools are already admitted in cohort %(cohort)s; "
                        "the maximum cannot be lower.",
                        in_first,
                    )
                    % {"count": in_first, "cohort": first_cohort}
                }
            )


@transaction.atomic
def apply_for_experiment(
    *,
    experiment: Experiment,
    school,
    cohort: str,
    motivation: str,
    applied_by,
    today: datetime.date | None = None,
) -> Participation:
    """Apply on behalf of `school` to `experiment` for `cohort`.

    Only a school author of that school may apply, the experiment must be open
    for applications on `today` (`closed_reason`), the school must be of the kind the
    experiment is for, and a school applies once per experiment.
    Ministry staff are told about the new application. Raises
    `ApplicationRefused` with a message for the author.
    """
    if applied_by.role != Role.SCHOOL_AUTHOR or applied_by.organisation_id != school.pk:
        raise ApplicationRefused(_("You can only apply on behalf of your own school."))
    check_open(experiment, ApplicationRefused, today)
    _check_school_kind(experiment, school, ApplicationRefused)
    cohort = cohort.strip()
    _check_cohort(experiment, cohort, ApplicationRefused)
    motivation = motivation.strip()
    if not motivation:
        raise ApplicationRefused(_("Explain why your school wants to take part."))
    existing = Participation.objects.filter(experiment=experiment, school=school).first()
    if existing is not None:
        raise ApplicationRefused(
            _("%(school)s has already applied to %(experiment)s (status: %(status)s).")
            % {
                "school": school.name,
                "experiment": experiment.name,
                "status": existing.get_status_display(),
            }
        )
    try:
        with transaction.atomic():
            participation = Participation.objects.create(
                experiment=experiment,
                school=school,
                cohort=cohort,
                motivation=motivation,
                applied_by=applied_by,
                status=Participation.Status.APPLIED,
            )
    except IntegrityError as error:  # a colleague applied at the same moment
        raise ApplicationRefused(
            _("%(school)s has already applied to %(experiment)s.")
            % {"school": school.name, "experiment": experiment.name}
        ) from error
    _log(participation, ParticipationEvent.Action.APPLIED, applied_by)
    notify(
        recipients_for_role(Role.MINISTRY_STAFF),
        kind="experiment.applied",
        subject=gettext_lazy("New application: %(school)s for %(experiment)s"),
        body=gettext_lazy(
            "%(school)s applied to %(experiment)s for cohort %(cohort)s. "
            "Admit, wait-list or decline the application."
        ),
        url=reverse("experiments:decide", args=[experiment.slug, participation.pk]),
        params={
            "school": f"{school.name} ({school.code})",
            "experiment": experiment.name,
            "cohort": cohort,
        },
    )
    return participation


@transaction.atomic
def admit_school(
    *,
    experiment: Experiment,
    school,
    cohort: str,
    decided_by=None,
    decision_reason: str = "",
) -> Participation:
    """Admit `school` to `experiment` for `cohort` (RR-08).

    The experiment row is locked (`select_for_update`) while the admitted
    schools are counted, so that two concurrent admissions cannot both take
    the last place (on SQLite the write lock taken at BEGIN IMMEDIATE does the
    same). Raises `AdmissionRefused` when a cap would be exceeded.
    """
    locked = Experiment.objects.select_for_update().get(pk=experiment.pk)
    _check_school_kind(locked, school, AdmissionRefused)
    _check_first_cohort(locked, cohort, AdmissionRefused)
    admitted = Participation.objects.filter(
        experiment=locked, status=Participation.Status.ADMITTED
    ).exclude(school=school)
    if locked.max_schools is not None and admitted.count() >= locked.max_schools:
        raise AdmissionRefused(
            ngettext(
                "The experiment already has the maximum of %(max)s school.",
                "The experiment already has the maximum of %(max)s schools.",
                locked.max_schools,
            )
            % {"max": locked.max_schools}
        )
    if (
        locked.max_first_cohort is not None
        and cohort == locked.first_cohort
        and admitted.filter(cohort=cohort).count() >= locked.max_first_cohort
    ):
        raise AdmissionRefused(
            ngettext(
                "The first cohort (%(cohort)s) already has the maximum of %(max)s school.",
                "The first cohort (%(cohort)s) already has the maximum of %(max)s schools.",
                locked.max_first_cohort,
            )
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
            "decision_reason": decision_reason,
        },
    )
    return participation


DECISION_MESSAGES = {
    Participation.Status.ADMITTED: (
        gettext_lazy("%(school)s is admitted to %(experiment)s"),
        gettext_lazy(
            "%(school)s is admitted to %(experiment)s for cohort %(cohort)s.\n\n%(reason)s"
        ),
    ),
    Participation.Status.WAIT_LISTED: (
        gettext_lazy("%(school)s is on the waiting list for %(experiment)s"),
        gettext_lazy(
            "The application of %(school)s to %(experiment)s is on the waiting list.\n\n"
            "Reason: %(reason)s"
        ),
    ),
    Participation.Status.DECLINED: (
        gettext_lazy("The application of %(school)s to %(experiment)s is declined"),
        gettext_lazy(
            "The application of %(school)s to %(experiment)s is declined.\n\nReason: %(reason)s"
        ),
    ),
}


@transaction.atomic
def decide_participation(
    *, participation: Participation, outcome: str, reason: str, decided_by
) -> Participation:
    """Admit, wait-list or decline an application, as ministry staff.

    A reason is required to wait-list or decline. Admission goes through
    `admit_school`, so the caps hold. Only applications that are still open
    (applied or wait-listed) can be decided. The school's authors are notified.
    Raises `DecisionRefused` or `AdmissionRefused`.
    """
    if decided_by.role not in MINISTRY_ROLES:
        raise DecisionRefused(_("Only ministry staff decide on applications."))
    if outcome not in DECISIONS:
        raise DecisionRefused(_("Choose admit, wait-list or decline."))
    reason = reason.strip()
    if outcome != Participation.Status.ADMITTED and not reason:
        raise DecisionRefused(_("Give a reason when you wait-list or decline a school."))
    locked = (
        Participation.objects.select_for_update(of=("self",))
        .select_related("experiment", "school")
        .get(pk=participation.pk)
    )
    PARTICIPATION_TRANSITIONS.check(locked.status, "decide", exception=DecisionRefused)
    from_state = locked.status
    if outcome == Participation.Status.ADMITTED:
        locked = admit_school(
            experiment=locked.experiment,
            school=locked.school,
            cohort=locked.cohort,
            decided_by=decided_by,
            decision_reason=reason,
        )
    else:
        locked.status = PARTICIPATION_TRANSITIONS.target("decide", outcome)
        locked.decision_reason = reason
        locked.decided_at = timezone.now()
        locked.decided_by = decided_by
        locked.save(
            update_fields=["status", "decision_reason", "decided_at", "decided_by", "updated_at"]
        )
    _log(locked, outcome, decided_by, from_state, reason)
    subject, body = DECISION_MESSAGES[outcome]
    notify(
        recipients_in_organisation(locked.school_id, role=Role.SCHOOL_AUTHOR),
        kind=f"experiment.{outcome}",
        subject=subject,
        body=body,
        url=reverse("experiments:detail", args=[locked.experiment.slug]),
        params={
            "school": f"{locked.school.name} ({locked.school.code})",
            "experiment": locked.experiment.name,
            "cohort": locked.cohort,
            "reason": reason,
        },
    )
    return locked
