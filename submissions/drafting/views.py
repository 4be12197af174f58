"""Drafting in the browser: a new draft, the editor per kind, and the small
htmx endpoints the editor uses (search suggestions, core tasks of a
qualification).

The editor is one form. Every button posts the whole form to the editor
(`action` says what to do): save, check now, add a row, remove a row, search a
qualification. With htmx the answer replaces the form without a page reload;
without JavaScript the same request renders the whole page. Either way the
form is rendered again from what was posted, so nothing typed is lost.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.permissions import SCHOOL_ROLES, role_required
from core.pagecache import cached_page
from core.states import report_refusal
from rules.editing import core_task_choices, put_rows, rows_of
from rules.kinds import kind_spec
from submissions.document_names import document_sections
from submissions.drafting import services as drafting
from submissions.drafting.forms import NewDraftForm
from submissions.intake import selectors
from submissions.models import Submission
from submissions.workflow import is_author

SUGGESTIONS = 10
QUALIFICATION_RESULTS = 20


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@role_required(*SCHOOL_ROLES)
@require_http_methods(["GET", "POST"])
def draft_create(request):
    """Choose the kind, experiment and title of a new draft for one's own school."""
    if not request.user.organisation.is_school:
        raise PermissionDenied
    form = NewDraftForm(request.POST or None, initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        try:
            submission = drafting.create_draft(
                user=request.user,
                kind=form.cleaned_data["kind"],
                experiment=form.cleaned_data["experiment"],
                title=form.cleaned_data["title"],
            )
        except drafting.DraftRefused as error:
            report_refusal(request, error, form)
        else:
            messages.success(request, _("The draft has been created. Fill it in and save it."))
            return redirect("submissions:draft-edit", pk=submission.pk)
    return render(
        request,
        "submissions/draft_create.html",
        {"form": form, "experiments": list(form.fields["experiment"].queryset)},
        status=400 if form.errors else 200,
    )


def _get_draft(request, pk: int) -> Submission:
    """A submission of a drafted kind that the user may see, or 404."""
    queryset = selectors.scope_submissions(
        Submission.objects.select_related("school__region", "experiment"), request.user
    )
    submission = get_object_or_404(queryset, pk=pk)
    if not drafting.is_drafted(submission.kind):
        raise Http404
    return submission


def _change_rows(editor_class, data, action: str):
    """Add or remove a row in the posted data; returns (block, index) of a new row."""
    verb, _sep, rest = action.partition(":")
    name, _sep, index = rest.partition(":")
    block = next((block for block in editor_class.blocks if block.name == name), None)
    if block is None:
        return None
    rows = rows_of(data, block)
    if verb == "add" and len(rows) < block.formset_class.max_num:
        rows.append(dict.fromkeys(block.fields, ""))
        put_rows(data, block, rows)
        return block.name, len(rows) - 1
    if verb == "remove" and index.isdigit() and int(index) < len(rows):
        del rows[int(index)]
        put_rows(data, block, rows)
    return None


def _login_keeping_the_form(view):
    """Like `login_required`; but when the session has ended during an htmx
    request, answer with a message in the form's message area instead of
    swapping the login page over the form, so the typed text stays."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated and _is_htmx(request):
            response = render(request, "submissions/partials/draft_logged_out.html")
            response["HX-Retarget"] = ".draft-form__messages"
            response["HX-Reswap"] = "innerHTML"
            return response
        return login_required(view)(request, *args, **kwargs)

    return wrapped


def _save_from_editor(request, submission, editor, revision, context):
    """Save the editor's document as the draft; on a stale revision or a refusal,
    put the message in `context` ("conflict" or "refused") and return None."""
    try:
        return drafting.save_draft(
            submission=submission,
            user=request.user,
            document=editor.document(),
            title=editor.form.cleaned_data["title"],
            revision=revision,
        )
    except drafting.StaleDraft as error:
        context["conflict"] = error.message
    except drafting.DraftRefused as error:
        context["refused"] = error.message
    return None


@_login_keeping_the_form
@require_http_methods(["GET", "POST"])
@cached_page
def draft_edit(request, pk: int):
    """The editor of a draft: school authors of its school change it while it is a
    draft or changes are requested; national roles see it read-only."""
    submission = _get_draft(request, pk)
    author = is_author(request.user, submission)
    if not (author or request.user.has_national_view):
        raise Http404
    if request.method == "POST" and not author:
        raise PermissionDenied
    editable = drafting.may_edit(request.user, submission)
    spec = kind_spec(submission.kind)
    editor_class = spec.editor
    context = {
        "submission": submission,
        "editable": editable,
        "editor_template": spec.editor_template,
    }
    status = 200
    if request.method == "GET" and not editable:
        # Read-only: the draft as a document by section, names beside codes.
        context["sections"] = document_sections(submission.draft or {})
        return render(request, "submissions/draft_edit.html", context)
    if request.method == "GET":
        data = editor_class.data_from_document(submission.draft or {}, submission)
        editor = editor_class(data, submission=submission)
        return _render(request, editor, context, submission.revision, status)

    data = request.POST.copy()
    action = data.get("action") or "save"
    try:
        revision = int(data.get("revision", ""))
    except ValueError:
        revision = 0
    new_row = None
    if action.startswith(("add:", "remove:")):
        new_row = _change_rows(editor_class, data, action)
    editor = editor_class(data, submission=submission)
    if new_row is not None:
        row = editor.formsets[new_row[0]].forms[new_row[1]]
        first = next(iter(row.fields.values()))
        first.widget.attrs["autofocus"] = True
    if action == "search":
        context["results"] = drafting.search_qualifications(data.get("qualification_search", ""))
        context["searched"] = True
    elif action == "check":
        if editor.is_valid():
            findings = drafting.check_document(editor.document(), submission)
            editor.place_findings(findings)
            errors = sum(1 for finding in findings if finding["severity"] == "error")
            context.update(checked=True, findings=findings, error_count=errors)
        else:
            context["has_errors"] = True
            status = 400
    elif action == "submit":
        # Submitting from the editor: check the form as typed; without errors save
        # it and go to the confirmation step (the submission page's submit URL).
        if not editable:
            context["refused"] = _(
                "This submission is %(state)s; its draft can no longer be changed."
            ) % {"state": submission.get_state_display()}
            status = 409
        elif editor.is_valid():
            findings = drafting.check_document(editor.document(), submission)
            errors = sum(1 for finding in findings if finding["severity"] == "error")
            if errors:
                editor.place_findings(findings)
                context.update(checked=True, findings=findings, error_count=errors)
                status = 400
            else:
                saved = _save_from_editor(request, submission, editor, revision, context)
                if saved is None:
                    status = 409
                else:
                    confirm = reverse("submissions:submit", args=[saved.pk])
                    if _is_htmx(request):
                        response = HttpResponse(status=204)
                        response["HX-Redirect"] = confirm
                        return response
                    return redirect(confirm)
        else:
            context["has_errors"] = True
            status = 400
    elif action == "save":
        if not editable:
            context["refused"] = _(
                "This submission is %(state)s; its draft can no longer be changed."
            ) % {"state": submission.get_state_display()}
            status = 409
        elif editor.is_valid():
            saved = _save_from_editor(request, submission, editor, revision, context)
            if saved is None:
                status = 409
            else:
                if not _is_htmx(request):
                    messages.success(request, _("The draft has been saved."))
                    return redirect("submissions:draft-edit", pk=saved.pk)
                revision = saved.revision
                context.update(submission=saved, saved_at=timezone.localtime(saved.updated_at))
        else:
            context["has_errors"] = True
            status = 400
    return _render(request, editor, context, revision, status)


def _render(request, editor, context, revision, status):
    context.update(editor=editor, revision=revision)
    editor.label_references()
    if hasattr(editor, "chosen_qualification"):
        context["chosen_qualification"] = editor.chosen_qualification()
    if _is_htmx(request):
        # htmx does not swap 4xx answers; the messages in the form say what happened.
        return render(request, "submissions/partials/draft_form.html", context)
    return render(request, "submissions/draft_edit.html", context, status=status)


def _value(request, suffix: str) -> str:
    """The value of the one GET parameter whose name ends with `suffix` (htmx
    sends the field's own name, e.g. contributors-2-organisation)."""
    for key, value in request.GET.items():
        if key == suffix or key.endswith(f"-{suffix}"):
            return value.strip()
    return ""


@login_required
@require_safe
def qualification_choices(request):
    """htmx: qualifications matching the search, as radio buttons to choose one."""
    query = _value(request, "qualification_search")
    return render(
        request,
        "submissions/partials/draft_qualification_results.html",
        {"results": drafting.search_qualifications(query), "searched": bool(query)},
    )


@login_required
@require_safe
def qualification_options(request):
    """htmx: qualifications matching the typed text, as datalist options."""
    level = _("level")  # outside the f-string, so that makemessages finds it
    options = [
        (qualification.crebo, f"{qualification.title} – {level} {qualification.level}")
        for qualification in drafting.search_qualifications(
            _value(request, "qualification"), limit=SUGGESTIONS
        )
    ]
    return render(request, "submissions/partials/draft_options.html", {"options": options})


@login_required
@require_safe
def organisation_options(request):
    """htmx: organisations (schools and companies) matching the typed name or code."""
    options = [
        (organisation.code, f"{organisation.name} ({organisation.get_kind_display()})")
        for organisation in drafting.search_organisations(
            _value(request, "organisation"), limit=SUGGESTIONS
        )
    ]
    return render(request, "submissions/partials/draft_options.html", {"options": options})


def _elective_option_label(elective) -> str:
    """A keuzedeel as the editor suggests it: title and hours; for a regional
    one of the register also the school that wrote it."""
    if elective.is_regional and elective.school:
        return _("%(title)s – regional keuzedeel of %(school)s (%(hours)s hours)") % {
            "title": elective.title,
            "school": f"{elective.school.name} ({elective.school.code})",
            "hours": elective.study_load_hours,
        }
    return _("%(title)s (%(hours)s hours)") % {
        "title": elective.title,
        "hours": elective.study_load_hours,
    }


@login_required
@require_safe
def elective_options(request):
    """htmx: keuzedelen of the register matching the typed title or code: the
    national ones and the regional ones (RK codes) of the school's region."""
    organisation = request.user.organisation
    region_id = organisation.region_id if organisation else None
    electives = drafting.search_electives(_value(request, "code"), SUGGESTIONS, region_id)
    options = [(elective.code, _elective_option_label(elective)) for elective in electives]
    return render(request, "submissions/partials/draft_options.html", {"options": options})


@login_required
@require_safe
def core_task_options(request):
    """htmx: the core tasks of the chosen qualification, as options of a select."""
    crebo = _value(request, "qualification")
    current = _value(request, "core_task")
    choices = core_task_choices({crebo}).get(crebo, [])
    return render(
        request,
        "submissions/partials/draft_core_task_options.html",
        {"choices": choices, "current": current, "crebo": crebo},
    )
