"""Submissions, their immutable versions and the validation report of each version."""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.models import AuditEvent, CreatedAt, CreatedBy, Timestamped
from core.states import StateMachine, Transition
from rules.kinds import kind_choices


class Submission(Timestamped):
    """A school's submission of one document kind, in a workflow state."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        UNDER_REVIEW = "under_review", _("under review")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    # States in which a submission is still being worked on or reviewed.
    OPEN_STATES = (State.DRAFT, State.SUBMITTED, State.UNDER_REVIEW, State.CHANGES_REQUESTED)
    # States in which the author may change the draft, upload a version and submit (again).
    EDITABLE_STATES = (State.DRAFT, State.CHANGES_REQUESTED)
    # States with a final decision.
    FINAL_STATES = (State.APPROVED, State.REJECTED)

    # One of the kinds the apps register (`rules.kinds`); checked where a
    # submission is made (upload, new draft, a route's document).
    kind = models.CharField(_("kind"), max_length=30, choices=kind_choices)
    school = models.ForeignKey(
        "regions.Organisation",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    title = models.CharField(_("title"), max_length=300)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    experiment = models.ForeignKey(
        "experiments.Experiment",
        verbose_name=_("experiment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
    )
    # The working interchange document, edited while the state allows it;
    # submitting freezes it into a SubmissionVersion.
    draft = models.JSONField(_("draft document"), default=dict, blank=True)
    # Optimistic locking: every save of the draft increments this.
    revision = models.PositiveIntegerField(_("revision"), default=1)
    needs_inspectorate = models.BooleanField(_("needs the Inspectorate's decision"), default=False)
    # An SBB reviewer called in the Inspectorate during review (CO-04): who,
    # when and why. Once set, the Inspectorate decides too, also on later versions.
    inspectorate_called_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Inspectorate called in by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    inspectorate_called_in_at = models.DateTimeField(
        _("Inspectorate called in at"), null=True, blank=True
    )
    inspectorate_call_reason = models.TextField(_("why the Inspectorate is called in"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    state__in=[
                        "draft",
                        "submitted",
                        "under_review",
                        "changes_requested",
                        "approved",
                        "rejected",
                        "withdrawn",
                    ]
                ),
                name="submission_state_is_known",
            ),
        ]

    def __str__(self):
        return self.title


State = Submission.State

# The review workflow (`submissions.workflow` takes each step): which step may
# start from which state, where it leads, and the sentence when it may not.
SUBMISSION_TRANSITIONS = StateMachine(
    State,
    # The author changes the draft (editor, upload) while the state allows it.
    Transition(
        "edit",
        Submission.EDITABLE_STATES,
        refusal=_("This submission is %(state)s; its draft can no longer be changed."),
    ),
    Transition(
        "submit",
        Submission.EDITABLE_STATES,
        State.SUBMITTED,
        refusal=_("A submission that is %(state)s cannot be submitted."),
    ),
    # The background check of the submitted version moves it on (system).
    Transition("validation_failed", (State.SUBMITTED,), State.DRAFT),
    Transition("review_started", (State.SUBMITTED,), State.UNDER_REVIEW),
    Transition(
        "withdraw",
        (State.SUBMITTED, State.UNDER_REVIEW, State.CHANGES_REQUESTED),
        State.WITHDRAWN,
        refusal=_("A submission that is %(state)s cannot be withdrawn."),
    ),
    Transition(
        "comment",
        (State.UNDER_REVIEW, State.CHANGES_REQUESTED),
        refusal=_("A submission that is %(state)s cannot be commented on."),
    ),
    Transition(
        "call_in_inspectorate",
        (State.UNDER_REVIEW,),
        refusal=_(
            "The Inspectorate can be called in only while the submission is under review; "
            "it is %(state)s."
        ),
    ),
    # A body's decision: the combined outcome of the bodies' decisions, or still
    # under review while the other body has not decided.
    Transition(
        "decide",
        (State.UNDER_REVIEW,),
        (State.UNDER_REVIEW, State.CHANGES_REQUESTED, State.APPROVED, State.REJECTED),
        refusal=_("A submission that is %(state)s cannot be decided on."),
    ),
)


class SubmissionVersion(CreatedBy, CreatedAt):
    """One uploaded document of a submission. Never changed once created."""

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("number"))
    document = models.JSONField(_("document"))
    # The uploaded text exactly as received, so that a download returns it unchanged.
    source_text = models.TextField(_("document as uploaded"))

    class Meta:
        ordering = ["submission", "-number"]
        verbose_name = _("submission version")
        verbose_name_plural = _("submission versions")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="submission_version_unique_number"
            ),
        ]

    def __str__(self):
        return f"{self.submission} v{self.number}"

    @cached_property
    def label(self) -> str:
        """ "version 2", in the active language: once per version, not once per
        comment, decision or log entry that names it."""
        return gettext("version %(number)s") % {"number": self.number}

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A submission version cannot be changed once created.")
        super().save(*args, **kwargs)


class ValidationReport(models.Model):
    """The result of the rules for exactly one version's document."""

    version = models.OneToOneField(
        SubmissionVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="report",
    )
    valid = models.BooleanField(_("valid"))
    findings = models.JSONField(_("findings"), default=list)
    checked_at = models.DateTimeField(_("checked at"))
    reference_data_stamp = models.CharField(_("reference data stamp"), max_length=300)
    # The first reference date compared with today that had not passed at the check.
    recheck_on = models.DateField(_("check again on"), null=True, blank=True)

    class Meta:
        verbose_name = _("validation report")
        verbose_name_plural = _("validation reports")

    def __str__(self):
        return f"{self.version}: {'valid' if self.valid else 'not valid'}"

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.get("severity") == "error")


class ValidationJob(models.Model):
    """The background check of a version that has no report yet: when it was last
    queued and how often. A worker killed mid-task leaves one behind; the periodic
    sweep (`tasks.requeue_stuck_validations`) queues it again. Deleted when the
    report is saved."""

    version = models.OneToOneField(
        SubmissionVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="validation_job",
    )
    queued_at = models.DateTimeField(_("queued at"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)

    class Meta:
        verbose_name = _("validation job")
        verbose_name_plural = _("validation jobs")

    def __str__(self):
        return f"{self.version} ({self.attempts}×)"


class ValidationChange(models.Model):
    """Findings that appeared or disappeared when a version was checked again."""

    version = models.ForeignKey(
        SubmissionVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="validation_changes",
    )
    checked_at = models.DateTimeField(_("checked at"))
    reason = models.CharField(_("reason"), max_length=200)
    appeared = models.JSONField(_("findings that appeared"), default=list)
    disappeared = models.JSONField(_("findings that disappeared"), default=list)
    was_valid = models.BooleanField(_("was valid"))
    is_valid = models.BooleanField(_("is valid"))

    class Meta:
        ordering = ["-checked_at"]
        verbose_name = _("validation change")
        verbose_name_plural = _("validation changes")

    def __str__(self):
        return f"{self.version} {self.checked_at:%Y-%m-%d %H:%M}"


class ReviewComment(CreatedAt):
    """A comment on one section of a submitted version, by a reviewer or an author."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="comments"
    )
    version = models.ForeignKey(
        SubmissionVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
    )
    # Top-level key of the document, e.g. "regional_section"; empty for the whole.
    section = models.CharField(_("section"), max_length=100, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")

    def __str__(self):
        return f"{self.author}: {self.text[:50]}"


class Decision(models.Model):
    """A reviewing body's decision on one version."""

    class Body(models.TextChoices):
        SBB = "sbb", _("SBB")
        INSPECTORATE = "inspectorate", _("Inspectorate")

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="decisions"
    )
    version = models.ForeignKey(
        SubmissionVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    body = models.CharField(_("deciding body"), max_length=20, choices=Body.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "body"], name="decision_one_per_version_and_body"
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="decision_reason_is_given"),
        ]

    def __str__(self):
        return f"{self.get_body_display()}: {self.get_outcome_display()}"


class SubmissionEvent(AuditEvent):
    """The audit log: every transition, save, comment and decision (who, when, what).

    `note` holds the detail: the reason of a decision, the text of a comment, the
    number of errors of a failed check."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPLOADED = "uploaded", _("document uploaded")
        SAVED = "saved", _("draft saved")
        SUBMITTED = "submitted", _("submitted")
        VALIDATION_FAILED = (
            "validation_failed",
            _("back to draft: the document does not meet the rules"),
        )
        REVIEW_STARTED = "review_started", _("meets the rules: review started")
        COMMENT = "comment", _("comment")
        INSPECTORATE_CALLED_IN = "inspectorate_called_in", _("Inspectorate called in")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="events"
    )
    version = models.ForeignKey(
        SubmissionVersion,
        verbose_name=_("version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = AuditEvent.action_field(Action)

    class Meta(AuditEvent.Meta):
        verbose_name = _("submission event")
        verbose_name_plural = _("submission events")
        indexes = [models.Index(fields=["submission", "at"], name="submissions_submiss_cb17c9_idx")]

    def __str__(self):
        return f"{self.submission} {self.action} {self.at:%Y-%m-%d %H:%M}"
