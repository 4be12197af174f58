"""Practice statements (praktijkverklaringen, kind `practice_statement`).

An mbo institution issues one to a learner who followed part of a programme in
the practice of a company: which work processes of a qualification the learner
learned to perform there, signed by the company's trainer. A statement is
issued once and never edited; it can be withdrawn with a reason. Anyone holding
its verification code can check it on the public verification page.

Personal data is kept to the learner's name (and the trainer's name the
statement needs); `services.anonymise_expired` removes both once the
retention period after the learning period has passed (see README).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PracticeStatement(models.Model):
    school = models.ForeignKey(
        "regions.Organisation",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="practice_statements",
    )
    qualification = models.ForeignKey(
        "qualifications.Qualification",
        verbose_name=_("qualification"),
        on_delete=models.PROTECT,
        related_name="practice_statements",
    )
    company = models.ForeignKey(
        "regions.Organisation",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="practice_statements_as_company",
    )
    trainer = models.CharField(_("trainer (praktijkopleider)"), max_length=200)
    learner_name = models.CharField(_("learner's name"), max_length=200)
    period_start = models.DateField(_("start of the period"))
    period_end = models.DateField(_("end of the period"))
    issued_on = models.DateField(_("issued on"))
    # SBB codes of the work processes (B1-K1-W2), in the qualification's order.
    work_processes = models.JSONField(_("work processes"), default=list)
    # The readable verification code without separators (16 characters, 80 bits).
    code = models.CharField(_("verification code"), max_length=32, unique=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    is_demo = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("practice statement")
        verbose_name_plural = _("practice statements")
        ordering = ("-issued_on", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="statement_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True) | ~models.Q(withdrawal_reason=""),
                name="statement_withdrawal_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["school", "-issued_on"])]

    def __str__(self) -> str:
        return f"{self.learner_name or '—'} · {self.qualification_id}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def readable_code(self) -> str:
        """The code in groups of four, as printed: `K7QM-2XPA-9TRC-HW4B`."""
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))
