"""The review workflow: one function per transition.

draft → submitted → under review → changes requested | approved | rejected,
and withdrawn by the author before a decision. Which step may start from which
state is declared once, in `submissions.models.SUBMISSION_TRANSITIONS`. Every
function checks the user's role AND the submission's state on the server,
raises `TransitionRefused` (`core.states`) with a plain sentence otherwise,
writes a `SubmissionEvent` (the audit log) and notifies the people concerned.
"""

import json

from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from accounts.models import Role
from accounts.permissions import SBB_ROLES
from core.states import TransitionRefused
from rules.kinds import kind_spec
from rules.schema import in_document_order
from submissions.models import (
    SUBMISSION_TRANSITIONS,
    Decision,
    ReviewComment,
    Submission,
    SubmissionEvent,
    SubmissionVersion,
)

State = Submission.State
Outcome = Decision.Outcome

Action = SubmissionEvent.Action
STATES = SUBMISSION_TRANSITIONS

# States in which the author may withdraw: before a final decision.
WITHDRAWABLE_STATES = STATES.sources("withdraw")
# States in which reviewers and authors may comment.
COMMENTABLE_STATES = STATES.sources("comment")
COMMENT_MAX_LENGTH = 5000


# --- who may do what -------------------------------------------------------


def is_author(user, submission: Submission) -> bool:
    """A school author of the submission's school."""
    return (
        user.is_authenticated
        and user.role == Role.SCHOOL_AUTHOR
        and user.organisation_id == submission.school_id
    )


def body_of_role(role: str) -> str | None:
    """The body a role decides for: "sbb", "inspectorate" or None."""
    if role in SBB_ROLES:
        return Decision.Body.SBB
    if role == Role.INSPECTORATE_REVIEWER:
        return Decision.Body.INSPECTORATE
    return None


def body_of(user, submission: Submission) -> str | None:
    """The body the user reviews for on this submission: "sbb", "inspectorate" or None.

    SBB reviewers (and administrators) review every submission; inspectorate
    reviewers only cross-overs flagged for the Inspectorate.
    """
    if not user.is_authenticated:
        return None
    if user.role in SBB_ROLES:
        return Decision.Body.SBB
    if user.role == Role.INSPECTORATE_REVIEWER and submission.needs_inspectorate:
        return Decision.Body.INSPECTORATE
    return None


def allowed_actions(
    user,
    submission: Submission,
    *,
    versions: list[SubmissionVersion] | None = None,
    decisions: list[Decision] | None = None,
) -> set[str]:
    """The actions the user may take now: a subset of submit, withdraw, comment,
    decide and call_in_inspectorate.

    The same checks as the transition functions, for showing only the buttons
    that will work; the functions check again. A page that has read the
    submission's `versions` (newest first) and `decisions` already passes them,
    and nothing more is read.
    """
    actions = set()
    author = is_author(user, submission)
    body = body_of(user, submission)
    if author and STATES.allows(submission.state, "submit"):
        actions.add("submit")
    if author and STATES.allows(submission.state, "withdraw"):
        actions.add("withdraw")
    if (author or body) and STATES.allows(submission.state, "comment"):
        actions.add("comment")
    if may_call_in_inspectorate(user, submission):
        actions.add("call_in_inspectorate")
    if body and STATES.allows(submission.state, "decide"):
        version = latest_version(submission) if versions is None else next(iter(versions), None)
        if version and not _decided(version, body, decisions):
            actions.add("decide")
    return actions


def _decided(version: SubmissionVersion, body: str, decisions: list[Decision] | None) -> bool:
    """Whether `body` has decided on `version` (read from `decisions` when given)."""
    if decisions is None:
        return Decision.objects.filter(version=version, body=body).exists()
    return any(d.version_id == version.pk and d.body == body for d in decisions)


# --- helpers ---------------------------------------------------------------


def latest_version(submission: Submission) -> SubmissionVersion | None:
    """The newest version of the submission, or None."""
    return submission.versions.order_by("-number").first()


def next_version_number(submission: Submission) -> int:
    """The number the submission's next version gets (1 for the first)."""
    return (submission.versions.aggregate(last=Max("number"))["last"] or 0) + 1


def _lock(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission.pk)


def _log(submission, *, actor, action, from_state="", to_state="", version=None, note=""):
    return SubmissionEvent.objects.create(
        submission=submission,
        version=version,
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=to_state,
        note=note,
    )


def _move(submission: Submission, to_state: str, also=(), **fields) -> str:
    """Set the new state and `fields` and save them (and the fields named in
    `also`, already set); returns the old state."""
    from_state = submission.state
    submission.state = to_state
    for name, value in fields.items():
        setattr(submission, name, value)
    submission.save(update_fields=["state", "updated_at", *fields, *also])
    return from_state


def _submission_url(submission: Submission) -> str:
    return reverse("submissions:detail", args=[submission.pk])


def _notify(recipients, *, kind, subject, body, submission, params=None, url=None):
    from notifications.services import notify

    notify(
        recipients,
        kind=kind,
        subject=subject,
        body=body,
        url=url or _submission_url(submission),
        params={"title": submission.title, **(params or {})},
    )


def _authors(submission: Submission):
    from notifications.selectors import recipients_in_organisation

    return recipients_in_organisation(submission.school, role=Role.SCHOOL_AUTHOR)


def _reviewers(submission: Submission):
    from notifications.selectors import recipients_for_role

    roles = [Role.SBB_REVIEWER]
    if submission.needs_inspectorate:
        roles.append(Role.INSPECTORATE_REVIEWER)
    return recipients_for_role(*roles)


def _title(document: dict, fallback: str) -> str:
    from submissions.intake.services import document_title

    try:
        return document_title(document)
    except (KeyError, ValueError):
        return fallback


def experiment_of(document: dict):
    """The experiment the document names by its slug, or None."""
    from experiments.models import Experiment

    slug = document.get("experiment")
    return Experiment.objects.filter(slug=slug).first() if isinstance(slug, str) else None


def _only_experiment_of(kind: str):
    """The experiment of a submission kind, when there is exactly one."""
    from experiments.models import Experiment

    experiments = list(Experiment.objects.filter(kind=kind)[:2])
    return experiments[0] if len(experiments) == 1 else None


def experiment_for_new_work(kind: str, document: dict | None = None, experiment=None):
    """The experiment a new draft or upload of `kind` belongs to: the one given,
    else the one the document names, else the only experiment of the kind."""
    return experiment or experiment_of(document or {}) or _only_experiment_of(kind)


def refuse_unless_open(experiment, refusal, today=None) -> None:
    """Refuse new work (a draft, an upload) for an experiment that is not open
    for applications on `today` (default: today), with the reason and the date
    (`experiments.services.closed_reason`)."""
    from experiments.services import closed_reason

    reason = closed_reason(experiment, today) if experiment is not None else ""
    if reason:
        raise refusal(reason)


def region_of(document: dict):
    """The labour-market region the document names by its code, or None."""
    from regions.models import Region

    code = document.get("region")
    return Region.objects.filter(code=code).first() if isinstance(code, str) and code else None


def inspectorate_may_decide(kind: str) -> bool:
    """Whether the Inspectorate may decide on a kind too (`KindSpec.inspectorate`:
    the cross-over)."""
    spec = kind_spec(kind)
    return spec is not None and spec.inspectorate


def needs_inspectorate(kind: str, document: dict, submission: Submission | None = None) -> bool:
    """Whether the Inspectorate decides too (cross-overs only): the document asks
    for it, or an SBB reviewer called it in on the submission."""
    if not inspectorate_may_decide(kind):
        return False
    called_in = submission is not None and submission.inspectorate_called_in_at is not None
    return called_in or document.get("inspectorate_review_needed") is True


def _apply_document_fields(submission: Submission, document: dict) -> list[str]:
    """Copy experiment, region, title and the Inspectorate flag from the document.

    The region is the one the document names, exactly (REG-01): a code that is
    no region leaves it empty, never the school's region. A practice-oriented
    programme's document names no experiment or region: it keeps the ones it
    has, else the experiment of its kind and its school's region. An
    Inspectorate review that an SBB reviewer asked for stays.
    """
    submission.experiment = (
        experiment_of(document) or submission.experiment or _only_experiment_of(submission.kind)
    )
    spec = kind_spec(submission.kind)
    if "region" in document or (spec is not None and spec.experiment_and_region):
        submission.region = region_of(document)
    else:
        submission.region = submission.region or submission.school.region
    submission.needs_inspectorate = needs_inspectorate(submission.kind, document, submission)
    submission.title = _title(document, submission.title)
    return ["experiment", "region", "needs_inspectorate", "title"]


def take_document_fields(submission: Submission, document: dict) -> list[str]:
    """An uploaded document (a new submission or a new version) sets the
    experiment, region, Inspectorate flag and title it gives, as saving the
    draft and submitting do: the region exactly as the document names it
    (REG-01). Returns the fields set (not saved)."""
    return _apply_document_fields(submission, document)


# --- transitions -----------------------------------------------------------


@transaction.atomic
def submit(submission: Submission, user) -> SubmissionVersion:
    """Submit the draft: freeze it into an immutable version and queue its check.

    Only a school author of the submission's school, in draft or changes
    requested. The version's check then moves the submission on (see
    `after_validation`). Returns the submitted version.
    """
    submission = _lock(submission)
    if not is_author(user, submission):
        raise TransitionRefused(_("Only a school author of this school can submit it."), "role")
    STATES.check(submission.state, "submit")
    document = submission.draft
    if not isinstance(document, dict) or not document:
        raise TransitionRefused(_("The draft is empty: there is nothing to submit."), "input")
    if document.get("kind") != submission.kind:
        raise TransitionRefused(
            _("The draft must be a %(kind)s document.") % {"kind": submission.get_kind_display()},
            "input",
        )
    latest = latest_version(submission)
    already_submitted = (
        latest is not None
        and submission.events.filter(version=latest, action=Action.SUBMITTED).exists()
    )
    if latest is not None and latest.document == document and not already_submitted:
        # The uploaded document that is still the draft: submit that version.
        version = latest
    else:
        version = SubmissionVersion.objects.create(
            submission=submission,
            number=next_version_number(submission),
            document=document,
            source_text=json.dumps(document, ensure_ascii=False, indent=2),
            created_by=user,
        )
    changed = _apply_document_fields(submission, document)
    from_state = _move(
        submission,
        STATES.target("submit"),
        also=changed,
        submitted_at=timezone.now(),
        decided_at=None,
    )
    _log(
        submission,
        actor=user,
        action=Action.SUBMITTED,
        from_state=from_state,
        to_state=submission.state,
        version=version,
    )
    from submissions.intake.services import queue_validation

    queue_validation(version)
    return version


def waits_for_check(submission: Submission) -> bool:
    """Whether the check of its latest version moves the submission on (it is
    submitted). Asked of the submission as read with the version, without a lock:
    only `submit` makes a submission submitted, and that queues a check of its own
    version once it commits, so a submission submitted meanwhile is moved on by
    that check."""
    return STATES.allows(submission.state, "review_started")


def after_validation(report) -> None:
    """Move a submitted submission on once its submitted version has been checked.

    Error findings return it to draft (the findings are shown on its page);
    a valid document goes to review and the reviewers are notified. Does
    nothing for versions that are not the one waiting for its check (a later
    re-check of an approved submission, an uploaded version in a draft).
    Runs inside the transaction that saved the report.
    """
    version = report.version
    if not waits_for_check(version.submission):
        return
    # Lock it, and read its latest version number and its school in the same query.
    latest_number = (
        SubmissionVersion.objects.filter(submission=OuterRef("pk"))
        .order_by("-number")
        .values("number")[:1]
    )
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("school")
        .annotate(latest_number=Subquery(latest_number))
        .get(pk=version.submission_id)
    )
    if not STATES.allows(submission.state, "review_started"):
        return
    if submission.latest_number != version.number:
        return
    if not report.valid:
        from_state = _move(submission, STATES.target("validation_failed"))
        _log(
            submission,
            actor=None,
            action=Action.VALIDATION_FAILED,
            from_state=from_state,
            to_state=submission.state,
            version=version,
            note=str(report.error_count),
        )
        _notify(
            [version.created_by],
            kind="submission.validation_failed",
            subject=gettext_lazy("%(title)s does not meet the rules"),
            body=ngettext_lazy(
                "Your submission %(title)s has %(count)s error and is back in draft. "
                "The findings are shown on its page.",
                "Your submission %(title)s has %(count)s errors and is back in draft. "
                "The findings are shown on its page.",
                "count",
            ),
            submission=submission,
            params={"count": report.error_count},
        )
        return
    from_state = _move(submission, STATES.target("review_started"))
    _log(
        submission,
        actor=None,
        action=Action.REVIEW_STARTED,
        from_state=from_state,
        to_state=submission.state,
        version=version,
    )
    _notify(
        _reviewers(submission),
        kind="submission.submitted",
        subject=gettext_lazy("New submission to review: %(title)s"),
        body=gettext_lazy(
            "%(school)s submitted %(title)s (version %(number)s). It meets the rules and "
            "waits for your review."
        ),
        submission=submission,
        params={
            "school": f"{submission.school.name} ({submission.school.code})",
            "number": version.number,
        },
        # Reviewers go straight to the review page.
        url=reverse("submissions:review", args=[submission.pk]),
    )


@transaction.atomic
def withdraw(submission: Submission, user) -> Submission:
    """Withdraw the submission: by a school author of its school, before a decision."""
    submission = _lock(submission)
    if not is_author(user, submission):
        raise TransitionRefused(_("Only a school author of this school can withdraw it."), "role")
    STATES.check(submission.state, "withdraw")
    from_state = _move(submission, STATES.target("withdraw"))
    _log(
        submission,
        actor=user,
        action=Action.WITHDRAWN,
        from_state=from_state,
        to_state=submission.state,
        version=latest_version(submission),
    )
    return submission


def sections_of(document) -> list[str]:
    """The top-level keys of a document, in document order."""
    return list(in_document_order(document)) if isinstance(document, dict) else []


@transaction.atomic
def comment(submission: Submission, user, section: str, text: str) -> ReviewComment:
    """Comment on one section (a top-level key of the document; "" for the whole).

    Reviewers of the submission comment while it is under review or changes
    are requested; authors of its school may reply then too.
    """
    submission = _lock(submission)
    if not (is_author(user, submission) or body_of(user, submission)):
        raise TransitionRefused(
            _("Only the reviewers and the school's authors can comment."), "role"
        )
    STATES.check(submission.state, "comment")
    text = (text or "").strip()
    if not text:
        raise TransitionRefused(_("Write a comment."), "input")
    if len(text) > COMMENT_MAX_LENGTH:
        raise TransitionRefused(
            _("A comment is at most %(max)s characters.") % {"max": COMMENT_MAX_LENGTH},
            "input",
        )
    version = latest_version(submission)
    section = section or ""
    if section and section not in sections_of(version.document if version else {}):
        raise TransitionRefused(
            _("The document has no section %(section)s.") % {"section": section},
            "input",
        )
    created = ReviewComment.objects.create(
        submission=submission, version=version, section=section, author=user, text=text
    )
    _log(
        submission,
        actor=user,
        action=Action.COMMENT,
        version=version,
        note=f"{section}: {text}" if section else text,
    )
    return created


def _combined_state(submission: Submission, version: SubmissionVersion) -> str:
    """The state the bodies' decisions on `version` lead to.

    Without the Inspectorate, SBB's outcome. A flagged cross-over: either
    body's rejection rejects, either body's request for changes requests
    changes, and it is approved only when both approved; otherwise it stays
    under review until the other body decides.
    """
    outcomes = dict(Decision.objects.filter(version=version).values_list("body", "outcome"))
    if not submission.needs_inspectorate:
        return outcomes.get(Decision.Body.SBB, State.UNDER_REVIEW)
    values = set(outcomes.values())
    if Outcome.REJECTED in values:
        return State.REJECTED
    if Outcome.CHANGES_REQUESTED in values:
        return State.CHANGES_REQUESTED
    if outcomes.get(Decision.Body.SBB) == Outcome.APPROVED and (
        outcomes.get(Decision.Body.INSPECTORATE) == Outcome.APPROVED
    ):
        return State.APPROVED
    return State.UNDER_REVIEW


def may_call_in_inspectorate(user, submission: Submission) -> bool:
    """An SBB reviewer (or administrator), on a cross-over under review that the
    Inspectorate does not decide on yet."""
    return (
        body_of(user, submission) == Decision.Body.SBB
        and inspectorate_may_decide(submission.kind)
        and STATES.allows(submission.state, "call_in_inspectorate")
        and not submission.needs_inspectorate
    )


REASON_MAX_LENGTH = 5000


@transaction.atomic
def call_in_inspectorate(submission: Submission, user, reason: str) -> Submission:
    """An SBB reviewer marks that the Inspectorate must also decide (CO-04).

    Only on a cross-over under review, with a reason. From then on approval
    needs both SBB's and the Inspectorate's approval (also of later versions);
    the Inspectorate reviewers are notified and the audit log records who asked
    and why.
    """
    submission = _lock(submission)
    if body_of(user, submission) != Decision.Body.SBB:
        raise TransitionRefused(_("Only an SBB reviewer can call in the Inspectorate."), "role")
    if not inspectorate_may_decide(submission.kind):
        raise TransitionRefused(
            _("The Inspectorate can be called in only on a cross-over qualification."), "input"
        )
    STATES.check(submission.state, "call_in_inspectorate")
    if submission.needs_inspectorate:
        raise TransitionRefused(_("The Inspectorate already decides on this cross-over."))
    reason = (reason or "").strip()
    if not reason:
        raise TransitionRefused(_("Say why the Inspectorate must also decide."), "input")
    if len(reason) > REASON_MAX_LENGTH:
        raise TransitionRefused(
            _("A reason is at most %(max)s characters.") % {"max": REASON_MAX_LENGTH}, "input"
        )
    submission.needs_inspectorate = True
    submission.inspectorate_called_in_by = user
    submission.inspectorate_called_in_at = timezone.now()
    submission.inspectorate_call_reason = reason
    submission.save(
        update_fields=[
            "needs_inspectorate",
            "inspectorate_called_in_by",
            "inspectorate_called_in_at",
            "inspectorate_call_reason",
            "updated_at",
        ]
    )
    version = latest_version(submission)
    _log(
        submission,
        actor=user,
        action=Action.INSPECTORATE_CALLED_IN,
        version=version,
        note=reason,
    )
    from notifications.selectors import recipients_for_role

    _notify(
        recipients_for_role(Role.INSPECTORATE_REVIEWER),
        kind="submission.inspectorate_called_in",
        subject=gettext_lazy("The Inspectorate is asked to decide on %(title)s"),
        body=gettext_lazy(
            "%(reviewer)s (SBB) asks the Inspectorate to decide on the cross-over %(title)s "
            "of %(school)s too. Reason: %(reason)s"
        ),
        submission=submission,
        params={
            "reviewer": user.get_full_name() or user.username,
            "school": f"{submission.school.name} ({submission.school.code})",
            "reason": reason,
        },
        url=reverse("submissions:review", args=[submission.pk]),
    )
    return submission


DECISION_ACTIONS = {
    Outcome.APPROVED: Action.APPROVED,
    Outcome.REJECTED: Action.REJECTED,
    Outcome.CHANGES_REQUESTED: Action.CHANGES_REQUESTED,
}


@transaction.atomic
def decide(submission: Submission, user, outcome: str, reason: str) -> Decision:
    """Decide on the submission under review, with a reason.

    An SBB reviewer (or administrator) decides as SBB; an inspectorate reviewer
    as the Inspectorate, only on cross-overs flagged for it. Each body decides
    once per version. Sets `decided_at` on a final decision (approved or
    rejected) and notifies the school's authors.
    """
    submission = _lock(submission)
    body = body_of(user, submission)
    if body is None:
        raise TransitionRefused(_("Only a reviewer of this submission can decide on it."), "role")
    STATES.check(submission.state, "decide")
    if outcome not in Outcome.values:
        raise TransitionRefused(
            _("The outcome must be one of: %(outcomes)s.")
            % {"outcomes": ", ".join(Outcome.values)},
            "input",
        )
    reason = (reason or "").strip()
    if not reason:
        raise TransitionRefused(_("Give a reason for the decision."), "input")
    version = latest_version(submission)
    if Decision.objects.filter(version=version, body=body).exists():
        raise TransitionRefused(
            _("%(body)s has already decided on version %(number)s.")
            % {"body": Decision.Body(body).label, "number": version.number}
        )
    decision = Decision.objects.create(
        submission=submission,
        version=version,
        body=body,
        outcome=outcome,
        reason=reason,
        decided_by=user,
    )
    new_state = STATES.target("decide", _combined_state(submission, version))
    from_state = submission.state
    if new_state != from_state:
        fields = {"decided_at": timezone.now()} if new_state in Submission.FINAL_STATES else {}
        _move(submission, new_state, **fields)
        on_approved = kind_spec(submission.kind).on_approved
        if new_state == State.APPROVED and on_approved is not None:
            on_approved(
                submission_id=submission.pk,
                title=submission.title,
                school=submission.school,
                document=version.document,
            )
    _log(
        submission,
        actor=user,
        action=DECISION_ACTIONS[outcome],
        from_state=from_state,
        to_state=new_state if new_state != from_state else "",
        version=version,
        note=f"{Decision.Body(body).label}: {reason}",
    )
    _notify(
        _authors(submission),
        kind=f"submission.{DECISION_ACTIONS[outcome]}",
        subject=DECISION_SUBJECTS[outcome],
        body=gettext_lazy(
            "%(body)s decided on %(title)s (version %(number)s): %(outcome)s. Reason: %(reason)s"
        ),
        submission=submission,
        params={
            "body": Decision.Body(body).label,
            "number": version.number,
            "outcome": Outcome(outcome).label,
            "reason": reason,
        },
    )
    return decision


DECISION_SUBJECTS = {
    Outcome.APPROVED: gettext_lazy("%(title)s: approved"),
    Outcome.REJECTED: gettext_lazy("%(title)s: rejected"),
    Outcome.CHANGES_REQUESTED: gettext_lazy("%(title)s: changes requested"),
}
