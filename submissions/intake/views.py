"""Pages for school authors to upload documents and see the rules' findings.

Views stay thin: reads through `selectors`, writes through `services`.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.permissions import SCHOOL_ROLES, role_required, user_has_role
from core.pagecache import cached_page
from rules.kinds import kind_spec
from rules.sources import cited_documents
from submissions import workflow
from submissions.intake import selectors, services
from submissions.intake.forms import UploadForm
from submissions.models import Submission
from submissions.review import selectors as review_selectors

PAGE_SIZE = 20


@login_required
@require_safe
@cached_page
def submission_list(request):
    """The organisation's submissions (all for national roles), paginated and searchable."""
    search = request.GET.get("q", "").strip()
    state = request.GET.get("state", "")
    state = state if state in Submission.State.values else ""
    page = Paginator(
        selectors.submissions_visible_to(request.user, search, state), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "submissions/list.html",
        {
            "page_obj": page,
            "search": search,
            "state": state,
            "state_label": Submission.State(state).label if state else "",
            "can_upload": user_has_role(request.user, SCHOOL_ROLES),
        },
    )


def _upload_error(form, error: services.DocumentRefused) -> None:
    for text in error.messages:
        form.add_error("document", text)


@role_required(*SCHOOL_ROLES)
@require_http_methods(["GET", "POST"])
def submission_upload(request):
    """Upload a document: a new draft submission with version 1, checked in the background."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.create_submission(
                user=request.user, data=form.cleaned_data["document"].read()
            )
        except services.DocumentRefused as error:
            _upload_error(form, error)
        else:
            return redirect("submissions:detail", pk=submission.pk)
    return render(
        request, "submissions/upload.html", {"form": form}, status=400 if form.errors else 200
    )


def _detail_context(request, submission, form=None) -> dict:
    versions = selectors.versions_of(submission)
    latest = versions[0] if versions else None
    report = selectors.report_of(latest) if latest else None
    can_add = (
        user_has_role(request.user, SCHOOL_ROLES) and submission.state in Submission.EDITABLE_STATES
    )
    return {
        "submission": submission,
        "versions": versions,
        "version": latest,
        "report": report,
        "groups": selectors.findings_by_section(report),
        "form": form if form is not None else (UploadForm() if can_add else None),
        "can_add_version": can_add,
        # Kinds with an editor (`KindSpec.editor`) are also drafted in the browser.
        "drafted_in_browser": getattr(kind_spec(submission.kind), "editor", None) is not None,
        # The review workflow: what the user may do now, and the audit log.
        "actions": workflow.allowed_actions(request.user, submission),
        "events": review_selectors.events_of(submission),
    }


@login_required
@require_safe
@cached_page
def submission_detail(request, pk):
    """A submission: its latest version's check and findings, and all versions."""
    submission = selectors.get_submission(request.user, pk)
    return render(request, "submissions/detail.html", _detail_context(request, submission))


@role_required(*SCHOOL_ROLES)
@require_POST
def version_upload(request, pk):
    """Upload a new version of a draft submission."""
    submission = selectors.get_submission(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_version(
                submission=submission, user=request.user, data=form.cleaned_data["document"].read()
            )
        except services.DocumentRefused as error:
            _upload_error(form, error)
        else:
            return redirect("submissions:detail", pk=submission.pk)
    context = _detail_context(request, submission, form)
    return render(request, "submissions/detail.html", context, status=400)


@login_required
@require_safe
def version_status(request, pk, number):
    """The htmx fragment: 'checking…' (polling again) or the findings."""
    version = selectors.get_version(request.user, pk, number)
    report = selectors.report_of(version)
    return render(
        request,
        "submissions/_status.html",
        {
            "submission": version.submission,
            "version": version,
            "report": report,
            "groups": selectors.findings_by_section(report),
        },
    )


@login_required
@require_safe
def version_download(request, pk, number):
    """The version's document exactly as uploaded."""
    version = selectors.get_version(request.user, pk, number)
    response = HttpResponse(version.source_text, content_type="application/json; charset=utf-8")
    filename = f"indiening-{version.submission_id}-v{version.number}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def rules_page(request):
    """Every rule of the registry with its text and source (public)."""
    return render(
        request,
        "submissions/rules.html",
        {"families": selectors.rules_by_family(), "sources": cited_documents()},
    )
