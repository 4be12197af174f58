"""Drafting a submission in the browser: create a draft, save it with
optimistic locking, check it against the rules, and place the rules' findings
beside the fields of the form.

The draft is `Submission.draft`, an interchange document (docs/interchange.md).
`Submission.revision` counts the saves; a save names the revision it was
loaded with and is refused when someone else saved in between, so that nobody
overwrites another person's text without knowing it.
"""

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import boundary
from core.states import TransitionRefused
from qualifications.models import ElectiveModule, Qualification
from qualifications.selectors import search_words
from regions.models import Organisation
from rules.engine import validate_document
from rules.kinds import kind_spec
from rules.schema import FORMAT
from submissions.intake.selectors import shown_finding
from submissions.models import SUBMISSION_TRANSITIONS, Submission, SubmissionEvent
from submissions.workflow import (
    experiment_for_new_work,
    is_author,
    needs_inspectorate,
    refuse_unless_open,
    region_of,
)


def is_drafted(kind) -> bool:
    """Whether a kind is drafted in the browser: its app gives it an editor."""
    spec = kind_spec(kind)
    return spec is not None and spec.editor is not None


def names_experiment_and_region(kind) -> bool:
    """Whether a kind's document names the experiment and the region."""
    spec = kind_spec(kind)
    return spec is not None and spec.experiment_and_region


class DraftRefused(TransitionRefused):
    """The user may not change this draft (now)."""


class StaleDraft(DraftRefused):
    """Someone else saved the draft after the form was loaded."""

    def __init__(self, message: str, saved_at):
        super().__init__(message)
        self.saved_at = saved_at


def may_edit(user, submission: Submission) -> bool:
    """A school author of the submission's school, while the state allows changes."""
    return is_author(user, submission) and SUBMISSION_TRANSITIONS.allows(submission.state, "edit")


def skeleton_document(*, kind: str, school, experiment, title: str) -> dict:
    """The document a new draft starts with: format, kind, school, and for the
    kinds that have them the experiment, title and region (the school's)."""
    document = {"format": FORMAT, "kind": kind, "school": school.code}
    if names_experiment_and_region(kind):
        if experiment is not None:
            document["experiment"] = experiment.slug
        document["title"] = title
        if school.region_id is not None:
            document["region"] = school.region.code
    return document


@transaction.atomic
def create_draft(*, user, kind: str, experiment, title: str, today=None) -> Submission:
    """Create a draft submission of `kind` for the user's organisation.

    Refused (`DraftRefused`, with the reason and the date) when the experiment
    is not open for applications on `today` (default: today): not yet open,
    applications closed, or ended.
    """
    if not is_drafted(kind):
        raise DraftRefused(_("This kind of submission cannot be drafted here."))
    if experiment is not None and experiment.kind != kind:
        raise DraftRefused(_("The experiment does not belong to this kind of submission."))
    refuse_unless_open(experiment_for_new_work(kind, experiment=experiment), DraftRefused, today)
    school = user.organisation
    submission = Submission.objects.create(
        kind=kind,
        school=school,
        title=title.strip()[:300],
        experiment=experiment,
        region=school.region,
        created_by=user,
        draft=skeleton_document(kind=kind, school=school, experiment=experiment, title=title),
    )
    SubmissionEvent.objects.create(
        submission=submission,
        actor=user,
        action=SubmissionEvent.Action.CREATED,
        to_state=submission.state,
    )
    return submission


def _region_of(submission: Submission, document: dict):
    if not names_experiment_and_region(submission.kind):
        return submission.region
    return region_of(document)


@transaction.atomic
def save_draft(
    *, submission: Submission, user, document: dict, title: str, revision: int
) -> Submission:
    """Save the draft document when nobody saved it since `revision` was loaded.

    The compare-and-set is one UPDATE (`revision = revision + 1` where the
    revision is still the one the form was loaded with, and the state still
    editable), so that of two concurrent saves exactly one wins. Also sets the
    title, region and Inspectorate flag, and logs a "saved" event. Raises
    `StaleDraft` when someone else saved in between, `DraftRefused` when the
    user may not change it, the state no longer allows changes or the document
    holds hostile input (`core.boundary`). Returns the
    submission as saved.
    """
    if not is_author(user, submission):
        raise DraftRefused(_("Only a school author of this school can change the draft."))
    try:
        boundary.check_value(document)
        boundary.check_text(title, "title")
    except boundary.Refused as refused:
        raise DraftRefused(refused.render()) from None
    updated = Submission.objects.filter(
        pk=submission.pk, revision=revision, state__in=SUBMISSION_TRANSITIONS.sources("edit")
    ).update(
        draft=document,
        title=title.strip()[:300],
        region=_region_of(submission, document),
        needs_inspectorate=needs_inspectorate(submission.kind, document, submission),
        revision=F("revision") + 1,
        updated_at=timezone.now(),
    )
    current = Submission.objects.select_related("school", "experiment").get(pk=submission.pk)
    if not updated:
        SUBMISSION_TRANSITIONS.check(current.state, "edit", exception=DraftRefused)
        saved_at = timezone.localtime(current.updated_at)
        raise StaleDraft(
            _(
                "Someone else saved this draft at %(time)s; your text is below — copy what "
                "you need, or reload the draft."
            )
            % {"time": saved_at.strftime("%H:%M")},
            saved_at=saved_at,
        )
    SubmissionEvent.objects.create(
        submission=current,
        actor=user,
        action=SubmissionEvent.Action.SAVED,
        note=_("revision %(number)s") % {"number": current.revision},
    )
    return current


def check_document(document: dict, submission: Submission) -> list[dict]:
    """The rules' findings on a (possibly unsaved) draft document, each as a
    dict with its message in the active language."""
    report = validate_document(document, submission_id=submission.pk)
    return [shown_finding(finding.as_dict()) for finding in report.findings]


# --- reads for the editor's suggestions -------------------------------------


def _searchable(query: str) -> str:
    """The query, or "" when it holds what no search needs (a NUL would fail the
    query on PostgreSQL). The editor's "search" action sends it in a form post,
    which the query-string boundary does not see."""
    try:
        boundary.check_text(query, "query")
    except boundary.Refused:
        return ""
    return query[: boundary.MAX_QUERY_VALUE_LENGTH]


def search_qualifications(query: str, limit: int = 20) -> list:
    """Qualifications whose crebo is the query or whose title contains every word."""

    words = search_words(_searchable(query))
    if not words:
        return []
    qualifications = Qualification.objects.only("crebo", "title", "level")
    if len(words) == 1 and words[0].isdigit():
        qualifications = qualifications.filter(crebo__startswith=words[0])
    else:
        for word in words:
            qualifications = qualifications.filter(
                Q(normalized_title__contains=word) | Q(title__icontains=word)
            )
    return list(qualifications.order_by("title", "crebo")[:limit])


def search_organisations(query: str, limit: int = 10) -> list:
    """Schools and companies whose name contains the query or whose code starts with it."""
    query = _searchable(query).strip()
    if not query:
        return []
    return list(
        Organisation.objects.filter(kind__in=["mbo", "vmbo", "company"])
        .filter(Q(name__icontains=query) | Q(code__istartswith=query))
        .only("code", "name", "kind")
        .order_by("name")[:limit]
    )


def search_electives(query: str, limit: int = 10, region_id: int | None = None) -> list:
    """Keuzedelen of the register whose code starts with the query or whose
    title contains every word: the national ones, and the regional ones
    (RK codes) of the region `region_id` (none without a region)."""
    words = search_words(_searchable(query))
    if not words:
        return []
    electives = ElectiveModule.objects.only(
        "code", "title", "study_load_hours", "is_regional", "school__name", "school__code"
    ).select_related("school")
    in_register = Q(is_regional=False)
    if region_id is not None:
        in_register |= Q(is_regional=True, region_id=region_id)
    electives = electives.filter(in_register)
    if len(words) == 1 and words[0].lower().startswith(("k", "rk")):
        condition = Q(code__istartswith=words[0])
        condition |= Q(normalized_title__contains=words[0]) | Q(title__icontains=words[0])
        electives = electives.filter(condition)
    else:
        for word in words:
            electives = electives.filter(
                Q(normalized_title__contains=word) | Q(title__icontains=word)
            )
    return list(electives.order_by("is_regional", "code")[:limit])
