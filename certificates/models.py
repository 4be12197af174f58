"""Certificate programmes (certificaattrajecten): an mbo school's programme, in the
derde leerweg and without government funding, towards one mbo-certificate, in a
labour-market region with partner companies and one or more start dates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qualifications.models import VetCertificate
from regions.models import Organisation, Region


class CertificateProgramme(models.Model):
    school = models.ForeignKey(
        Organisation,
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="certificate_programmes",
        limit_choices_to={"kind": Organisation.Kind.VET_INSTITUTION},
    )
    certificate = models.ForeignKey(
        VetCertificate,
        verbose_name=_("mbo-certificate"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("labour-market region"),
        on_delete=models.PROTECT,
        related_name="certificate_programmes",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    partners = models.ManyToManyField(
        Organisation,
        verbose_name=_("partner companies"),
        related_name="certificate_programme_partnerships",
        blank=True,
        limit_choices_to={"kind": Organisation.Kind.COMPANY},
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("certificate programme")
        verbose_name_plural = _("certificate programmes")

    def __str__(self):
        return f"{self.name} ({self.school.code})"


class ProgrammeStart(models.Model):
    """One start date of a certificate programme."""

    programme = models.ForeignKey(
        CertificateProgramme,
        verbose_name=_("certificate programme"),
        on_delete=models.CASCADE,
        related_name="starts",
    )
    starts_on = models.DateField(_("start date"))

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("start date")
        verbose_name_plural = _("start dates")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "starts_on"], name="programme_start_unique_date"
            ),
        ]

    def __str__(self):
        return self.starts_on.isoformat()


class ProgrammeEvent(models.Model):
    """Audit trail: who registered or changed a programme, when, and what changed."""

    class Action(models.TextChoices):
        REGISTERED = "registered", _("registered")
        CHANGED = "changed", _("changed")

    programme = models.ForeignKey(
        CertificateProgramme,
        verbose_name=_("certificate programme"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    # The names of the fields that changed (empty when registered).
    fields = models.JSONField(_("changed fields"), default=list, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("programme event")
        verbose_name_plural = _("programme events")

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

    @property
    def field_labels(self) -> list[str]:
        """The changed fields as people read them (in the current language)."""
        labels = []
        for name in self.fields:
            if name == "starts":
                labels.append(str(_("start dates")))
            else:
                labels.append(str(CertificateProgramme._meta.get_field(name).verbose_name))
        return labels
