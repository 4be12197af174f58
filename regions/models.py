"""Labour-market regions and the organisations that work in them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AuditEvent, CreatedAt
from core.states import StateMachine, Transition

REGION_CODE_VALIDATOR = RegexValidator(
    r"^AM\d{2}$", _("A region code is AM followed by two digits.")
)
BRIN_VALIDATOR = RegexValidator(
    r"^\d{2}[A-Z]{2}$", _("A BRIN code is two digits followed by two capital letters.")
)
KVK_VALIDATOR = RegexValidator(r"^\d{8}$", _("A KvK number has exactly 8 digits."))


class Region(models.Model):
    """A CBS labour-market region (arbeidsmarktregio, 2020 division)."""

    code = models.CharField(
        _("code"), max_length=4, unique=True, validators=[REGION_CODE_VALIDATOR]
    )
    name = models.CharField(_("name"), max_length=200)
    # GeoJSON geometry (WGS84), kept for drawing the map.
    geometry = models.JSONField(_("geometry"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("labour-market region")
        verbose_name_plural = _("labour-market regions")

    def __str__(self):
        return f"{self.name} ({self.code})"


class Organisation(models.Model):
    """A school, company or public body that users and submissions belong to."""

    class Kind(models.TextChoices):
        VET_INSTITUTION = "mbo", _("mbo institution")
        PREVOCATIONAL_SCHOOL = "vmbo", _("vmbo school")
        COMPANY = "company", _("company")
        SBB = "sbb", _("SBB")
        MINISTRY = "ministry", _("ministry (OCW)")
        INSPECTORATE = "inspectorate", _("inspectorate")
        DUO = "duo", _("DUO")

    SCHOOL_KINDS = (Kind.VET_INSTITUTION, Kind.PREVOCATIONAL_SCHOOL)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # BRIN for schools, KvK number for companies, a short code for public bodies.
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Fictitious, loaded for demonstration.")
    )
    # When the row last changed: the rules engine re-checks submissions after it.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # The schools among 12,000 companies, in name order (lists, search, OOAPI):
        # a sequential scan of every organisation without it (EXPLAIN ANALYZE).
        indexes = [models.Index(fields=["kind", "name"], name="organisation_kind_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind__in=["mbo", "vmbo"])
                | models.Q(code__regex=r"^\d{2}[A-Z]{2}$"),
                name="organisation_school_code_is_brin",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="company") | models.Q(code__regex=r"^\d{8}$"),
                name="organisation_company_code_is_kvk",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """Explain a code that does not fit the kind on the code field itself, so a
        form (the admin's) shows a plain sentence instead of the constraint's name."""
        super().clean()
        validator = None
        if self.kind in self.SCHOOL_KINDS:
            validator = BRIN_VALIDATOR
        elif self.kind == self.Kind.COMPANY:
            validator = KVK_VALIDATOR
        if validator is not None and self.code:
            try:
                validator(self.code)
            except ValidationError as error:
                raise ValidationError({"code": error.messages}) from error

    @property
    def is_school(self) -> bool:
        return self.kind in self.SCHOOL_KINDS


class Network(CreatedAt):
    """A regional network or partnership of schools and companies.

    School authors propose a network (status `proposed`); an administrator
    confirms it (status `active`) or declines it. Only confirmed networks are
    public.
    """

    class Kind(models.TextChoices):
        INNOVATIVE_CRAFTSMANSHIP_CENTRE = (
            "craftsmanship_centre",
            _("centre for innovative craftsmanship"),
        )
        HEALTH_PACT_REGION = "zorgpact", _("Zorgpact region")
        TECHNOLOGY_PACT_REGION = "techniekpact", _("Techniekpact region")
        STO_REGION = "sto", _("STO region (Sterk Techniekonderwijs)")
        CRAFTSMANSHIP_ROUTE = "craftsmanship_route", _("craftsmanship or technology route")
        PREVOCATIONAL_VET_NETWORK = "vmbo_mbo", _("vmbo–mbo network")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    # Statuses the public sees.
    PUBLIC_STATUSES = (Status.ACTIVE, Status.ENDED)

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    sector = models.CharField(
        _("sector"), max_length=100, blank=True, help_text=_("For example care, technology, green.")
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="networks"
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1990, _("The start year cannot be before 1990.")),
            MaxValueValidator(2100, _("The start year cannot be after 2100.")),
        ],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Fictitious, loaded for demonstration.")
    )
    organisations = models.ManyToManyField(
        Organisation, through="NetworkMembership", related_name="networks", blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["proposed", "active", "ended", "declined", "withdrawn"]
                ),
                name="network_status_is_known",
            ),
            models.CheckConstraint(
                condition=models.Q(start_year__isnull=True)
                | models.Q(start_year__gte=1990, start_year__lte=2100),
                name="network_start_year_is_plausible",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES


class NetworkMembership(models.Model):
    """An organisation taking part in a network, with its role there."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        MEMBER = "member", _("member")
        COMPANY_PARTNER = "company_partner", _("company partner")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="network_memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    joined = models.DateField(_("joined"), null=True, blank=True)

    class Meta:
        ordering = ["network", "role", "organisation__name"]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"], name="network_membership_unique"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.network} ({self.get_role_display()})"


NetworkStatus = Network.Status
MembershipStatus = NetworkMembership.Status

# A network's life cycle (`regions.services` takes each step): a school author
# proposes it, an administrator confirms or declines it, the proposing school
# may withdraw it while it waits. Schools join an active network.
NETWORK_TRANSITIONS = StateMachine(
    NetworkStatus,
    Transition(
        "confirm",
        (NetworkStatus.PROPOSED,),
        NetworkStatus.ACTIVE,
        refusal=_("This network is not waiting for confirmation."),
    ),
    Transition(
        "decline",
        (NetworkStatus.PROPOSED,),
        NetworkStatus.DECLINED,
        refusal=_("This network is not waiting for confirmation."),
    ),
    Transition(
        "withdraw",
        (NetworkStatus.PROPOSED,),
        NetworkStatus.WITHDRAWN,
        refusal=_("Only a proposal that is still pending can be withdrawn."),
    ),
    Transition("join", (NetworkStatus.ACTIVE,), refusal=_("Only active networks can be joined.")),
    Transition(
        "confirm_member", (NetworkStatus.ACTIVE,), refusal=_("Confirm the network itself first.")
    ),
)

# A request to join a network: an administrator confirms or declines it; a
# declined organisation may ask again. (A new request starts as requested.)
MEMBERSHIP_TRANSITIONS = StateMachine(
    MembershipStatus,
    Transition(
        "request",
        (MembershipStatus.DECLINED,),
        MembershipStatus.REQUESTED,
        refusal=_("Your organisation is already a member or has already asked."),
    ),
    Transition(
        "confirm",
        (MembershipStatus.REQUESTED,),
        MembershipStatus.CONFIRMED,
        refusal=_("This request is not waiting for confirmation."),
    ),
    Transition(
        "decline",
        (MembershipStatus.REQUESTED,),
        MembershipStatus.DECLINED,
        refusal=_("This request is not waiting for confirmation."),
    ),
)


class NetworkEvent(AuditEvent):
    """Audit log: who proposed, requested, confirmed or declined what, and when.

    `from_state` and `to_state` are the network's status for a step on the
    network, the membership's status for a step on a request to join."""

    class Action(models.TextChoices):
        PROPOSED = "proposed", _("proposed the network")
        CONFIRMED = "confirmed", _("confirmed the network")
        DECLINED = "declined", _("declined the network")
        WITHDRAWN = "withdrawn", _("withdrew the proposal")
        JOIN_REQUESTED = "join_requested", _("asked to join")
        JOIN_CONFIRMED = "join_confirmed", _("confirmed the membership")
        JOIN_DECLINED = "join_declined", _("declined the membership")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="events"
    )
    membership = models.ForeignKey(
        NetworkMembership,
        verbose_name=_("membership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    action = AuditEvent.action_field(Action, max_length=20)

    class Meta(AuditEvent.Meta):
        verbose_name = _("network event")
        verbose_name_plural = _("network events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.get_action_display()}"
