"""Experiments and the schools that take part in them.

The parameters of each experiment (caps, dates, budget, themes) are data, set
by a data migration from the seed documents, not constants in the rules.
"""

import datetime

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import AuditEvent, Timestamped, UpdatedAt
from core.states import StateMachine, Transition

COHORT_VALIDATOR = RegexValidator(
    r"^\d{4}/\d{2}$", _("A cohort is a school year written as 2019/20.")
)


class Phase(models.TextChoices):
    """Where an experiment is in its calendar, derived from its dates and today."""

    UPCOMING = "upcoming", pgettext_lazy("experiment phase", "not yet open")
    OPEN = "open", pgettext_lazy("experiment phase", "open for applications")
    RUNNING = "running", pgettext_lazy("experiment phase", "running")
    ENDED = "ended", pgettext_lazy("experiment phase", "ended")


class Experiment(UpdatedAt):
    """An experiment in vocational education with its parameters."""

    Phase = Phase

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # The submission kind that belongs to this experiment (interchange `kind`).
    kind = models.CharField(_("kind of submission"), max_length=30, blank=True)
    max_schools = models.PositiveSmallIntegerField(
        _("maximum number of schools"), null=True, blank=True
    )
    first_cohort = models.CharField(
        _("first cohort"), max_length=7, blank=True, validators=[COHORT_VALIDATOR]
    )
    max_first_cohort = models.PositiveSmallIntegerField(
        _("maximum number of schools in the first cohort"), null=True, blank=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    applications_open_on = models.DateField(
        _("applications open on"),
        null=True,
        blank=True,
        help_text=_("The first day schools can apply and start drafts; empty: from the start."),
    )
    applications_close_on = models.DateField(
        _("applications close on"),
        null=True,
        blank=True,
        help_text=_("The last day schools can apply and start drafts; empty: until the end date."),
    )
    max_budget_eur = models.DecimalField(
        _("maximum budget per school (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    max_programmes_per_school = models.PositiveSmallIntegerField(
        _("maximum number of programmes per school"), null=True, blank=True
    )
    programme_hours = models.PositiveSmallIntegerField(_("programme hours"), null=True, blank=True)
    allowed_themes = models.JSONField(_("allowed themes"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("experiment")
        verbose_name_plural = _("experiments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_first_cohort__isnull=True)
                | models.Q(max_schools__isnull=True)
                | models.Q(max_first_cohort__lte=models.F("max_schools")),
                name="experiment_first_cohort_within_cap",
            ),
        ]

    def __str__(self):
        return self.name

    def phase_on(self, today: datetime.date) -> str:
        """The phase on `today`, as people read the dates: applications are open
        on the opening day and still open on the closing day, and the experiment
        still runs on its end date (it has ended the day after)."""
        if self.end_date is not None and today > self.end_date:
            return Phase.ENDED
        if self.applications_open_on is not None and today < self.applications_open_on:
            return Phase.UPCOMING
        if self.applications_close_on is not None and today > self.applications_close_on:
            return Phase.RUNNING
        return Phase.OPEN

    @property
    def phase(self) -> str:
        """The phase today (local date)."""
        return self.phase_on(timezone.localdate())

    @property
    def phase_label(self) -> str:
        return str(Phase(self.phase).label)

    @property
    def is_open(self) -> bool:
        """Whether schools can apply and start new drafts today."""
        return self.phase == Phase.OPEN


def open_on(today: datetime.date) -> models.Q:
    """A filter for the experiments that are open for applications on `today`
    (the same rule as `Experiment.phase_on`, in the database)."""
    return (
        (models.Q(end_date__isnull=True) | models.Q(end_date__gte=today))
        & (models.Q(applications_open_on__isnull=True) | models.Q(applications_open_on__lte=today))
        & (
            models.Q(applications_close_on__isnull=True)
            | models.Q(applications_close_on__gte=today)
        )
    )


class Participation(Timestamped):
    """A school's application to, and admission in, an experiment."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        ADMITTED = "admitted", _("admitted")
        WAIT_LISTED = "wait_listed", _("wait-listed")
        DECLINED = "declined", _("declined")

    experiment = models.ForeignKey(
        Experiment,
        verbose_name=_("experiment"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    school = models.ForeignKey(
        "regions.Organisation",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    cohort = models.CharField(_("cohort"), max_length=7, validators=[COHORT_VALIDATOR])
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED
    )
    motivation = models.TextField(_("motivation"), blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["experiment", "cohort", "school__name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["experiment", "school"], name="participation_one_per_school_per_experiment"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["applied", "admitted", "wait_listed", "declined"]),
                name="participation_status_is_known",
            ),
        ]

    def __str__(self):
        return f"{self.school} – {self.experiment} ({self.cohort})"


ParticipationStatus = Participation.Status

# A school's application (`experiments.services` takes each step): a school
# author applies, ministry staff admit, wait-list or decline it while it is
# open; an admission or a refusal is final. (Demo data and the participation
# import set a status directly: they are not steps of this life cycle.)
PARTICIPATION_TRANSITIONS = StateMachine(
    ParticipationStatus,
    Transition(
        "decide",
        (ParticipationStatus.APPLIED, ParticipationStatus.WAIT_LISTED),
        (
            ParticipationStatus.ADMITTED,
            ParticipationStatus.WAIT_LISTED,
            ParticipationStatus.DECLINED,
        ),
        refusal=_("This application has already been decided (status: %(status)s)."),
    ),
)


class ParticipationEvent(AuditEvent):
    """Audit log of an application: who applied, who admitted, wait-listed or
    declined it (the note is the reason), and the status before and after."""

    class Action(models.TextChoices):
        APPLIED = "applied", _("applied")
        ADMITTED = "admitted", _("admitted")
        WAIT_LISTED = "wait_listed", _("wait-listed")
        DECLINED = "declined", _("declined")

    participation = models.ForeignKey(
        Participation,
        verbose_name=_("participation"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    action = AuditEvent.action_field(Action, max_length=20)

    class Meta(AuditEvent.Meta):
        verbose_name = _("participation event")
        verbose_name_plural = _("participation events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"
