"""Pages for the review workflow: the reviewers' queue, the review page (the
document by section with comments, the decision), the transitions as form
posts, and the difference between two versions.

Views stay thin: reads through the selectors, writes through `workflow`,
which checks role and state again on the server.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.permissions import REVIEWER_ROLES, role_required
from core.pagecache import cached_page
from core.states import TransitionRefused, report_refusal
from experiments.models import Experiment
from regions.models import Region
from rules.kinds import kind_choices
from rules.labels import path_label
from submissions import workflow
from submissions.document_names import (
    document_names,
    document_sections,
    known_names,
    with_names,
)
from submissions.intake import selectors
from submissions.review import selectors as review_selectors
from submissions.review.diff import diff_documents
from submissions.review.forms import (
    CallInInspectorateForm,
    CommentForm,
    DecisionForm,
    QueueFilterForm,
)

PAGE_SIZE = 20


@role_required(*REVIEWER_ROLES)
@require_safe
@cached_page
def review_queue(request):
    """Submissions waiting for review, filterable, longest waiting first."""
    form = QueueFilterForm(
        request.GET or None,
        experiments=Experiment.objects.order_by("name").values_list("slug", "name"),
        regions=Region.objects.order_by("code").values_list("code", "name"),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    queue = review_selectors.review_queue(
        request.user,
        kind=filters.get("kind", ""),
        experiment=filters.get("experiment", ""),
        region=filters.get("region", ""),
        waiting_days=filters.get("waiting_days"),
    )
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    # Each kind in words once per page, not once per row (`get_kind_display`).
    kind_labels = {value: str(label) for value, label in kind_choices()}
    for submission in page:
        submission.kind_label = kind_labels.get(submission.kind, submission.kind)
    return render(
        request,
        "submissions/review_queue.html",
        {
            "form": form,
            "page_obj": page,
            "filtered": bool(filters and any(v not in ("", None) for v in filters.values())),
        },
        status=400 if form.errors else 200,
    )


def _review_context(
    request, submission, *, comment_form=None, decision_form=None, call_in_form=None
) -> dict:
    # The versions are read once; the decisions, comments and log take theirs from them.
    versions = review_selectors.versions_for_review(submission)
    latest = versions[0] if versions else None
    report = selectors.report_of(latest) if latest else None
    decisions = review_selectors.decisions_of(submission, versions)
    actions = workflow.allowed_actions(
        request.user, submission, versions=versions, decisions=decisions
    )
    comments = review_selectors.comments_by_section(submission, versions)
    return {
        "submission": submission,
        "version": latest,
        "versions": versions,
        "report": report,
        "groups": selectors.findings_by_section(report),
        "sections": document_sections(latest.document if latest else {}, comments, submission),
        "decisions": decisions,
        "events": review_selectors.events_of(submission, versions),
        "actions": actions,
        "comment_form": comment_form,
        "decision_form": decision_form
        if decision_form is not None
        else (DecisionForm() if "decide" in actions else None),
        "call_in_form": call_in_form
        if call_in_form is not None
        else (CallInInspectorateForm() if "call_in_inspectorate" in actions else None),
    }


@login_required
@require_safe
@cached_page
def review_page(request, pk):
    """The submitted document by section with its comments, findings, decisions and log."""
    submission = selectors.get_submission(request.user, pk)
    return render(request, "submissions/review_page.html", _review_context(request, submission))


@login_required
@require_http_methods(["GET", "POST"])
def submit_view(request, pk):
    """Submit the draft (school authors of the submission's school). GET shows
    the confirmation step: what will be sent, and to whom."""
    submission = selectors.get_submission(request.user, pk)
    if request.method == "GET":
        if "submit" not in workflow.allowed_actions(request.user, submission):
            messages.error(request, _("This submission cannot be submitted now."))
            return redirect("submissions:detail", pk=submission.pk)
        return render(
            request,
            "submissions/submit_confirm.html",
            {
                "submission": submission,
                "next_number": workflow.next_version_number(submission),
                "needs_inspectorate": submission.needs_inspectorate,
            },
        )
    try:
        version = workflow.submit(submission, request.user)
    except TransitionRefused as refused:
        report_refusal(request, refused)
    else:
        messages.success(
            request,
            _("Version %(number)s is submitted and being checked against the rules.")
            % {"number": version.number},
        )
    return redirect("submissions:detail", pk=submission.pk)


@login_required
@require_POST
def withdraw_view(request, pk):
    """Withdraw the submission before a decision (school authors of its school)."""
    submission = selectors.get_submission(request.user, pk)
    try:
        workflow.withdraw(submission, request.user)
    except TransitionRefused as refused:
        report_refusal(request, refused)
    else:
        messages.success(request, _("The submission is withdrawn."))
    return redirect("submissions:detail", pk=submission.pk)


@login_required
@require_POST
def comment_view(request, pk):
    """Comment on a section; on a problem the page comes back with the text kept."""
    submission = selectors.get_submission(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            workflow.comment(
                submission, request.user, form.cleaned_data["section"], form.cleaned_data["text"]
            )
        except TransitionRefused as refused:
            report_refusal(request, refused, form)
        else:
            messages.success(request, _("Your comment is added."))
            section = form.cleaned_data["section"]
            anchor = f"#section-{section}" if section else ""
            return redirect(reverse("submissions:review", args=[submission.pk]) + anchor)
    context = _review_context(request, submission, comment_form=form)
    return render(request, "submissions/review_page.html", context, status=400)


@login_required
@require_POST
def decide_view(request, pk):
    """Decide with a reason; on a problem the page comes back with the form filled."""
    submission = selectors.get_submission(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            workflow.decide(
                submission, request.user, form.cleaned_data["outcome"], form.cleaned_data["reason"]
            )
        except TransitionRefused as refused:
            report_refusal(request, refused, form)
        else:
            messages.success(request, _("Your decision is recorded."))
            return redirect("submissions:review", pk=submission.pk)
    context = _review_context(request, submission, decision_form=form)
    return render(request, "submissions/review_page.html", context, status=400)


@login_required
@require_POST
def call_in_inspectorate_view(request, pk):
    """An SBB reviewer calls in the Inspectorate on a cross-over under review."""
    submission = selectors.get_submission(request.user, pk)
    form = CallInInspectorateForm(request.POST)
    if form.is_valid():
        try:
            workflow.call_in_inspectorate(submission, request.user, form.cleaned_data["reason"])
        except TransitionRefused as refused:
            report_refusal(request, refused, form)
        else:
            messages.success(
                request,
                _("The Inspectorate is called in: approval now needs both decisions."),
            )
            return redirect("submissions:review", pk=submission.pk)
    context = _review_context(request, submission, call_in_form=form)
    return render(request, "submissions/review_page.html", context, status=400)


def _number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_safe
@cached_page
def diff_view(request, pk):
    """What changed between two versions: `?van=1&naar=2` (default: the last two)."""
    submission = selectors.get_submission(request.user, pk)
    numbers = review_selectors.version_numbers(submission)
    if len(numbers) < 2:
        return render(
            request,
            "submissions/diff.html",
            {"submission": submission, "numbers": numbers, "changes": None},
        )
    old = _number(request.GET.get("van", numbers[1]))
    new = _number(request.GET.get("naar", numbers[0]))
    if old is None or new is None:
        return HttpResponseBadRequest(_("Choose two version numbers."))
    old_version, new_version = review_selectors.versions_to_compare(submission, old, new)
    changes = with_names(
        diff_documents(old_version.document, new_version.document),
        document_names(old_version.document, new_version.document, known=known_names(submission)),
    )
    for change in changes:
        change.label = path_label(change.path)  # for the table and its technical details
    return render(
        request,
        "submissions/diff.html",
        {
            "submission": submission,
            "numbers": numbers,
            "old": old_version,
            "new": new_version,
            "changes": changes,
            "paths": [(change.label, change.path) for change in changes],
        },
    )
