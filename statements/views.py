"""Pages for practice statements. Thin: forms check input, services write,
selectors read. A school author sees their own school's statements (others get
404); the verification page is public and shows a statement by its code only."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.permissions import SCHOOL_ROLES, role_required
from rules.engine import parse_bytes

from . import selectors, services
from .forms import StatementForm, StatementSearchForm, UploadForm, VerifyForm, WithdrawForm
from .pdf import statement_pdf as make_pdf

PAGE_SIZE = 25


def _statement_or_404(request, pk: int):
    statement = selectors.get_visible_statement(request.user, pk)
    if statement is None:
        raise Http404
    return statement


def _may_issue_or_403(request) -> None:
    if not services.may_issue(request.user):
        raise PermissionDenied


def _has_errors(findings) -> bool:
    return any(finding.severity == "error" for finding in findings or ())


def verification_url(request, statement) -> str:
    return request.build_absolute_uri(reverse("statements:verify", args=[statement.readable_code]))


@role_required(*SCHOOL_ROLES)
@require_safe
def statement_list(request):
    """The statements of the user's school, searchable, newest first."""
    form = StatementSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    statements = selectors.statement_list(
        request.user, search=filters.get("q") or "", state=filters.get("state") or ""
    )
    page = Paginator(statements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "statements/list.html",
        {"form": form, "page": page, "may_issue": services.may_issue(request.user)},
    )


@role_required(*SCHOOL_ROLES)
@require_http_methods(["GET", "POST"])
def statement_create(request):
    """A school author of an mbo institution fills in and issues a statement."""
    _may_issue_or_403(request)
    if request.POST.get("action") == "refresh":
        return render(
            request, "statements/form.html", {"form": StatementForm.shown_again(request.POST)}
        )
    form = StatementForm(request.POST or None)
    findings = None
    if request.method == "POST" and request.POST.get("action") == "issue" and form.is_valid():
        document = form.document(request.user.organisation.code)
        try:
            statement = services.issue(user=request.user, document=document)
        except services.StatementRefused as refused:
            form.add_error(None, refused.messages)
            findings = refused.report.findings if refused.report else None
        else:
            messages.success(request, _("The practice statement has been issued."))
            return redirect("statements:detail", pk=statement.pk)
    if findings is None and request.method == "POST" and form.is_valid():
        findings = services.check(form.document(request.user.organisation.code)).findings
    return render(
        request,
        "statements/form.html",
        {
            "form": form,
            "findings": findings,
            "findings_have_errors": _has_errors(findings),
            "checked": findings is not None,
        },
    )


@role_required(*SCHOOL_ROLES)
@require_POST
def statement_check(request):
    """htmx: the rule findings for the values in the form, without issuing; the
    work processes again (out of band) when the qualification changed."""
    _may_issue_or_403(request)
    form = StatementForm(request.POST)
    chosen = form.qualification_record.crebo if form.qualification_record else ""
    context = {
        "form": form,
        "live": True,
        "checked": True,
        "refresh_work_processes": chosen != request.POST.get("shown_for", ""),
    }
    if form.is_valid():
        findings = services.check(form.document(request.user.organisation.code)).findings
        context.update(findings=findings, findings_have_errors=_has_errors(findings))
    else:
        context["incomplete"] = True
    return render(request, "statements/includes/check.html", context)


@role_required(*SCHOOL_ROLES)
@require_http_methods(["GET", "POST"])
def statement_upload(request):
    """Issue a statement from an interchange JSON document (kind practice_statement)."""
    _may_issue_or_403(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    findings = None
    if request.method == "POST" and form.is_valid():
        document, problem = parse_bytes(form.cleaned_data["document"])
        if problem is not None:
            findings = problem.findings
            form.add_error("document", _("The file could not be read as a JSON document."))
        else:
            try:
                statement = services.issue(user=request.user, document=document)
            except services.StatementRefused as refused:
                form.add_error("document", refused.messages)
                findings = refused.report.findings if refused.report else None
            else:
                messages.success(request, _("The practice statement has been issued."))
                return redirect("statements:detail", pk=statement.pk)
    return render(
        request,
        "statements/upload.html",
        {"form": form, "findings": findings, "findings_have_errors": _has_errors(findings)},
    )


@role_required(*SCHOOL_ROLES)
@require_safe
def statement_detail(request, pk: int):
    """The issued statement as a printable page."""
    statement = _statement_or_404(request, pk)
    return render(
        request,
        "statements/detail.html",
        {
            "statement": statement,
            "work_processes": selectors.statement_work_processes(statement),
            "verification_url": verification_url(request, statement),
            "may_withdraw": services.may_issue(request.user) and not statement.is_withdrawn,
        },
    )


@role_required(*SCHOOL_ROLES)
@require_safe
def statement_pdf(request, pk: int):
    statement = _statement_or_404(request, pk)
    data = make_pdf(statement, verification_url(request, statement))
    response = HttpResponse(data, content_type="application/pdf")
    filename = f"praktijkverklaring-{statement.readable_code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@role_required(*SCHOOL_ROLES)
@require_http_methods(["GET", "POST"])
def statement_withdraw(request, pk: int):
    """Withdraw a statement with a reason (GET: the form)."""
    statement = _statement_or_404(request, pk)
    _may_issue_or_403(request)
    if statement.is_withdrawn:
        messages.info(request, _("This statement has already been withdrawn."))
        return redirect("statements:detail", pk=statement.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw(
                user=request.user, statement=statement, reason=form.cleaned_data["reason"]
            )
        except services.StatementRefused as refused:
            form.add_error("reason", refused.messages)
        else:
            messages.success(request, _("The practice statement has been withdrawn."))
            return redirect("statements:detail", pk=statement.pk)
    return render(request, "statements/withdraw.html", {"form": form, "statement": statement})


def _no_index(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def verify_lookup(request):
    """Public: type a verification code."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        code = selectors.normalise_code(form.cleaned_data["code"])
        if code:
            readable = "-".join(code[i : i + 4] for i in range(0, len(code), 4))
            return redirect("statements:verify", code=readable)
        form.add_error(
            "code", _("A verification code has 16 letters and digits, e.g. K7QM-2XPA-9TRC-HW4B.")
        )
    return _no_index(render(request, "statements/verify_lookup.html", {"form": form}))


@require_safe
def verify(request, code: str):
    """Public: whether a school issued the statement with this code; only the
    learner's name, the qualification, the work processes and the school."""
    statement = selectors.statement_by_code(code)
    context = {"statement": statement, "code": code[:40], "form": VerifyForm()}
    if statement is not None:
        context["work_processes"] = selectors.statement_work_processes(statement)
    response = render(request, "statements/verify.html", context, status=200 if statement else 404)
    return _no_index(response)
