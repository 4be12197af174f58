"""Continuous vmbo–mbo pathways (doorlopende leerroutes).

A route joins one vmbo school and one mbo institution (companies may take part
as partners). Either school drafts it, the partner school confirms it, the
rules DL-01…DL-11 check it, DUO registration makes it active, and it ends
some day. Per school year the schools record how many students started and
where those who left went: counts only, never personal data.
"""

import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core.models import AuditEvent, Timestamped, UpdatedAt
from core.states import StateMachine, Transition

SCHOOL_YEAR_VALIDATOR = RegexValidator(
    r"^\d{4}/\d{2}$", _('A school year is written as "2021/22".')
)


def route_document_path(instance, filename: str) -> str:
    """Store uploads under a random name (the original name is not kept on disk)."""
    suffix = Path(filename).suffix.lower()
    return f"pathways/{uuid.uuid4().hex}{suffix}"


class Route(Timestamped):
    """A continuous or integrated route between one vmbo school and one mbo institution."""

    class Basis(models.TextChoices):
        LAW = "law", _("law (Sterk beroepsonderwijs)")
        EXPERIMENT = "experiment", _("experiment (doorlopende leerlijnen)")

    class RouteType(models.TextChoices):
        CONTINUOUS = "continuous", _("continuous")
        INTEGRATED = "integrated", _("integrated (no vmbo exam)")

    class Track(models.TextChoices):
        BASIC = "bb", _("vmbo basis (bb)")
        MIDDLE_MANAGEMENT = "kb", _("vmbo kader (kb)")
        COMBINED = "gl", _("vmbo gemengd (gl)")
        THEORETICAL = "tl", _("vmbo theoretisch (tl)")

    class Location(models.TextChoices):
        VMBO = "vmbo", _("at the vmbo school")
        MBO = "mbo", _("at the mbo institution")

    class ExamResponsible(models.TextChoices):
        MBO = "mbo", _("mbo institution")
        VMBO = "vmbo", _("vmbo school")

    class Fallback(models.TextChoices):
        VMBO_BB = "vmbo-bb", _("vmbo basis (bb)")
        MBO_2 = "mbo-2", _("mbo level 2")
        ENTREE = "entree", _("Entree (mbo level 1)")

    class DuoStatus(models.TextChoices):
        NONE = "none", _("not registered")
        SUBMITTED = "submitted", _("submitted to DUO")
        REGISTERED = "registered", _("registered by DUO")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        AWAITING_CONFIRMATION = "awaiting_confirmation", _("awaiting the partner's confirmation")
        VALIDATED = "validated", _("confirmed and validated")
        ACTIVE = "active", _("active (registered with DUO)")
        ENDED = "ended", _("ended")

    # What the public may see; drafts are for the two schools and national roles.
    PUBLIC_STATUSES = (Status.ACTIVE, Status.ENDED)

    vmbo_school = models.ForeignKey(
        "regions.Organisation",
        verbose_name=_("vmbo school"),
        on_delete=models.PROTECT,
        related_name="pathways_as_vmbo_school",
    )
    mbo_institution = models.ForeignKey(
        "regions.Organisation",
        verbose_name=_("mbo institution"),
        on_delete=models.PROTECT,
        related_name="pathways_as_mbo_institution",
    )
    partners = models.ManyToManyField(
        "regions.Organisation",
        verbose_name=_("partner companies"),
        related_name="pathway_partnerships",
        blank=True,
    )
    basis = models.CharField(_("basis"), max_length=20, choices=Basis.choices, default=Basis.LAW)
    route_type = models.CharField(_("type of route"), max_length=20, choices=RouteType.choices)
    vmbo_track = models.CharField(_("vmbo track"), max_length=2, choices=Track.choices)
    target_qualification = models.ForeignKey(
        "qualifications.Qualification",
        verbose_name=_("target qualification"),
        to_field="crebo",
        on_delete=models.PROTECT,
        related_name="pathways",
    )
    location = models.CharField(_("location"), max_length=10, choices=Location.choices)
    start_date = models.DateField(_("start date"))
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("labour-market region"),
        on_delete=models.PROTECT,
        related_name="pathways",
    )
    exam_responsible = models.CharField(
        _("responsible for the mbo exam and diploma"),
        max_length=10,
        choices=ExamResponsible.choices,
        default=ExamResponsible.MBO,
    )

    # Cooperation agreement (samenwerkingsovereenkomst).
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    switch_arrangement = models.TextField(_("switch arrangement"), blank=True)
    financial_arrangements = models.TextField(_("financial arrangements"), blank=True)
    fallback_destinations = models.JSONField(_("fallback destinations"), default=list, blank=True)
    agreement_document = models.FileField(
        _("agreement document"), upload_to=route_document_path, blank=True, max_length=200
    )
    agreement_document_name = models.CharField(max_length=255, blank=True, editable=False)

    # Combined assessment programme and education and exam regulation (PTA/OER).
    combined_pta_oer = models.BooleanField(_("combined PTA/OER"), default=False)
    pta_oer_document = models.FileField(
        _("PTA/OER document"), upload_to=route_document_path, blank=True, max_length=200
    )
    pta_oer_document_name = models.CharField(max_length=255, blank=True, editable=False)

    duo_status = models.CharField(
        _("DUO registration"), max_length=20, choices=DuoStatus.choices, default=DuoStatus.NONE
    )
    duo_date = models.DateField(_("DUO registration date"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.DRAFT
    )
    # The school that sent the route for confirmation; the other school confirms.
    submitted_by_organisation = models.ForeignKey(
        "regions.Organisation",
        verbose_name=_("sent for confirmation by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-start_date", "pk"]
        verbose_name = _("continuous pathway")
        verbose_name_plural = _("continuous pathways")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(vmbo_school=models.F("mbo_institution")),
                name="route_schools_differ",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["draft", "awaiting_confirmation", "validated", "active", "ended"]
                ),
                name="route_status_is_known",
            ),
            models.CheckConstraint(
                condition=models.Q(basis__in=["law", "experiment"]), name="route_basis_is_known"
            ),
            models.CheckConstraint(
                condition=models.Q(route_type__in=["continuous", "integrated"]),
                name="route_type_is_known",
            ),
            models.CheckConstraint(
                condition=models.Q(vmbo_track__in=["bb", "kb", "gl", "tl"]),
                name="route_track_is_known",
            ),
            models.CheckConstraint(
                condition=models.Q(duo_status__in=["none", "submitted", "registered"]),
                name="route_duo_status_is_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["active", "ended"])
                | models.Q(duo_status="registered"),
                name="route_active_only_when_registered",
            ),
        ]
        indexes = [models.Index(fields=["status", "region"])]

    def __str__(self):
        return f"{self.vmbo_school} → {self.mbo_institution}: {self.target_qualification_id}"

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    def fallback_destination_labels(self) -> list[str]:
        """The agreement's fallback destinations, in words."""
        labels = dict(self.Fallback.choices)
        return [str(labels.get(value, value)) for value in self.fallback_destinations or []]

    def school_ids(self) -> tuple[int, int]:
        """The ids of the two schools of the route."""
        return (self.vmbo_school_id, self.mbo_institution_id)


Status = Route.Status

# The confirmation flow (`pathways.services` takes each step): which step may
# start from which status and where it leads. Only the schools' authors take
# steps; the partner school (not the one that sent it) confirms.
ROUTE_TRANSITIONS = StateMachine(
    Status,
    Transition("edit", (Status.DRAFT,)),
    Transition("submit", (Status.DRAFT,), Status.AWAITING_CONFIRMATION),
    # Withdrawn by the school that sent it, or declined by the partner.
    Transition("return", (Status.AWAITING_CONFIRMATION,), Status.DRAFT),
    Transition("confirm", (Status.AWAITING_CONFIRMATION,), Status.VALIDATED),
    # "registered" with DUO makes the route active; another DUO status keeps it validated.
    Transition("record_duo", (Status.VALIDATED,), (Status.VALIDATED, Status.ACTIVE)),
    Transition("end", (Status.ACTIVE,), Status.ENDED),
    Transition("record_year", (Status.ACTIVE, Status.ENDED)),
)


class RouteYear(UpdatedAt):
    """Per school year: how many students started and where those who left went."""

    route = models.ForeignKey(
        Route, verbose_name=_("route"), on_delete=models.CASCADE, related_name="years"
    )
    school_year = models.CharField(
        _("school year"), max_length=7, validators=[SCHOOL_YEAR_VALIDATOR]
    )
    started = models.PositiveIntegerField(_("students who started"), default=0)
    left_to_vmbo_bb = models.PositiveIntegerField(_("left to vmbo basis (bb)"), default=0)
    left_to_mbo_2 = models.PositiveIntegerField(_("left to mbo level 2"), default=0)
    left_to_other_mbo = models.PositiveIntegerField(_("left to another mbo programme"), default=0)
    left_to_entree = models.PositiveIntegerField(_("left to Entree"), default=0)
    left_without_place = models.PositiveIntegerField(_("left with no place yet"), default=0)

    class Meta:
        ordering = ["route_id", "school_year"]
        verbose_name = _("school year of a route")
        verbose_name_plural = _("school years of routes")
        constraints = [
            models.UniqueConstraint(fields=["route", "school_year"], name="route_year_unique"),
            models.CheckConstraint(
                condition=models.Q(
                    started__gte=0,
                    left_to_vmbo_bb__gte=0,
                    left_to_mbo_2__gte=0,
                    left_to_other_mbo__gte=0,
                    left_to_entree__gte=0,
                    left_without_place__gte=0,
                ),
                name="route_year_counts_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.route} {self.school_year}"


def _readable_date(text: str) -> str:
    """An ISO date as the UI writes dates; any other text unchanged."""
    try:
        return formats.date_format(datetime.date.fromisoformat(text.strip()))
    except ValueError:
        return text


class RouteEvent(AuditEvent):
    """Audit log: who did what to a route, when, and the status before and after."""

    class Action(models.TextChoices):
        CREATED = "created", _("drafted the route")
        UPDATED = "updated", _("changed the draft")
        SUBMITTED = "submitted", _("sent the route to the partner school")
        RETURNED = "returned", _("returned the route to draft")
        CONFIRMED = "confirmed", _("confirmed the route")
        DUO_RECORDED = "duo_recorded", _("recorded the DUO registration")
        ENDED = "ended", _("ended the route")
        YEAR_RECORDED = "year_recorded", _("recorded the numbers of a school year")
        IMPORTED = "imported", _("imported the route")

    route = models.ForeignKey(
        Route, verbose_name=_("route"), on_delete=models.CASCADE, related_name="events"
    )
    action = AuditEvent.action_field(Action, max_length=20)

    class Meta(AuditEvent.Meta):
        verbose_name = _("route event")
        verbose_name_plural = _("route events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def note_display(self) -> str:
        """The note in the reader's language: a DUO step stores its status code
        ("registered 2021-06-01"), shown as its label; an ISO date in the note
        reads as the UI writes dates ("1 juni 2021")."""
        if self.action == self.Action.DUO_RECORDED:
            status, _space, rest = self.note.partition(" ")
            if status in Route.DuoStatus.values:
                return f"{Route.DuoStatus(status).label} {_readable_date(rest)}".strip()
        if self.action == self.Action.ENDED:
            return _readable_date(self.note)
        return self.note

    def get_from_state_display(self) -> str:
        return Route.Status(self.from_state).label if self.from_state else ""

    def get_to_state_display(self) -> str:
        return Route.Status(self.to_state).label if self.to_state else ""
