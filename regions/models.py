"""Labour-market regions and the organisations that work in them."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

REGION_CODE_VALIDATOR = RegexValidator(r"^AM\d{2}$", _("A region code is AM followed by two digits."))
BRIN_VALIDATOR = RegexValidator(
    r"^\d{2}[A-Z]{2}$", _("A BRIN code is two digits followed by two capital letters.")
)
KVK_VALIDATOR = RegexValidator(r"^\d{8}$", _("A KvK number has exactly 8 digits."))


class Region(models.Model):
    """A CBS labour-market region (arbeidsmarktregio, 2020 division)."""

    code = models.CharField(_("code"), max_length=4, unique=True, validators=[REGION_CODE_VALIDATOR])
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

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind__in=["mbo", "vmbo"]) | models.Q(code__regex=r"^\d{2}[A-Z]{2}$"),
                name="organisation_school_code_is_brin",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="company") | models.Q(code__regex=r"^\d{8}$"),
                name="organisation_company_code_is_kvk",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_school(self) -> bool:
        return self.kind in self.SCHOOL_KINDS
