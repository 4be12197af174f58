"""Pages for continuous pathways. Thin: forms check input, services write,
selectors read, `accounts.permissions` guards."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role
from accounts.permissions import MINISTRY_ROLES, SCHOOL_ROLES, role_required
from core import charts, exports
from core.pagecache import cached_page
from core.states import TransitionRefused, report_refusal
from regions.partner_search import partner_results, searching_partners, typed_values

from . import selectors, services
from .forms import (
    DuoRegistrationForm,
    EndForm,
    ReturnForm,
    RouteFilterForm,
    RouteForm,
    RouteYearForm,
)
from .models import Route

PAGE_SIZE = 25


def _route_or_404(request, pk: int) -> Route:
    route = selectors.get_visible_route(request.user, pk)
    if route is None:
        raise Http404
    return route


def _own_route(request, pk: int) -> Route:
    """A route the user may see (404 otherwise) at one of whose two schools they are a
    school author (403 otherwise): the routes whose steps they may take."""
    route = _route_or_404(request, pk)
    if not services.is_route_school_author(request.user, route):
        raise PermissionDenied
    return route


def _actions(user, route: Route) -> dict:
    return {action: services.may_take(user, route, action) for action in services.TRANSITIONS}


def _findings_for(user, route: Route):
    """Current rule findings, for the two schools and national roles before activation."""
    if route.status in Route.PUBLIC_STATUSES:
        return None
    if not (services.is_route_school_author(user, route) or user.has_national_view):
        return None
    return services.check_route(route).findings


def _has_errors(findings) -> bool:
    return any(finding.severity == "error" for finding in findings or ())


@require_safe
def route_list(request):
    """Public list of active routes; the two schools and national roles also see drafts."""
    may_draft = services.may_draft_routes(request.user)
    form = RouteFilterForm(request.GET or None, show_mine=may_draft)
    filters = form.cleaned_data if form.is_valid() else {}
    routes = selectors.route_list(
        request.user,
        search=(filters.get("q") or "").strip(),
        status=filters.get("status") or "",
        region=filters.get("region") or "",
        track=filters.get("track") or "",
        level=filters.get("level") or "",
        route_type=filters.get("route_type") or "",
        mine=bool(filters.get("mine")),
        to_confirm=bool(filters.get("to_confirm")),
    )
    page = Paginator(routes, PAGE_SIZE).get_page(request.GET.get("page"))
    flagged = []
    if request.user.is_authenticated and request.user.role == Role.SCHOOL_AUTHOR:
        flagged = list(selectors.routes_with_students_without_place(request.user)[:10])
    return render(
        request,
        "pathways/route_list.html",
        {
            "form": form,
            "page": page,
            "flagged": flagged,
            "may_draft": may_draft,
        },
    )


@role_required(*SCHOOL_ROLES)
@require_http_methods(["GET", "POST"])
def route_create(request):
    """A school author of a vmbo school or mbo institution drafts a route."""
    if not services.may_draft_routes(request.user):
        raise PermissionDenied
    organisation = request.user.organisation
    if searching_partners(request):
        return _render_partner_search(request, organisation, route=None)
    form = RouteForm(
        request.POST or None,
        request.FILES or None,
        organisation=organisation,
        initial={"region": organisation.region, "exam_responsible": Route.ExamResponsible.MBO},
    )
    if request.method == "POST" and form.is_valid():
        try:
            route = services.create_route(
                user=request.user,
                data=form.route_data(),
                partners=form.cleaned_data["partners"],
                documents=form.documents(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The draft route has been saved."))
            if request.POST.get("action") == "submit":
                return _submit_and_redirect(request, route)
            return redirect("pathways:route-edit", pk=route.pk)
    return render(request, "pathways/route_form.html", {"form": form, "route": None})


def _render_partner_search(request, organisation, route):
    """Without JavaScript: the form as typed, with the companies the search found
    (nothing is saved or checked; files must be chosen again)."""
    initial = typed_values(request, {"partners", "fallback_destinations"})
    form = RouteForm(organisation=organisation, initial=initial)
    context = {"form": form, "route": route, **partner_results(request)}
    if route is not None:
        findings = services.check_route(route).findings
        context.update(findings=findings, findings_have_errors=_has_errors(findings))
    return render(request, "pathways/route_form.html", context)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _submit_and_redirect(request, route: Route):
    try:
        services.submit_route(route=route, user=request.user)
    except services.RulesFailed:
        messages.error(
            request,
            _("The route was saved but not sent: the rules found errors. See the findings."),
        )
        return redirect("pathways:route-edit", pk=route.pk)
    messages.success(request, _("The route has been sent to the partner school to confirm."))
    return redirect("pathways:route-detail", pk=route.pk)


@role_required(*SCHOOL_ROLES)
@require_http_methods(["GET", "POST"])
def route_edit(request, pk: int):
    """Change a draft; the current rule findings are shown beside the form."""
    route = _own_route(request, pk)
    if not services.may_take(request.user, route, "edit"):
        messages.error(request, _("Only a draft can be changed."))
        return redirect("pathways:route-detail", pk=route.pk)
    organisation = request.user.organisation
    if searching_partners(request):
        return _render_partner_search(request, organisation, route=route)
    form = RouteForm(
        request.POST or None,
        request.FILES or None,
        organisation=organisation,
        initial=RouteForm.initial_for(route, organisation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            route = services.update_route(
                route=route,
                user=request.user,
                data=form.route_data(),
                partners=form.cleaned_data["partners"],
                documents=form.documents(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if request.POST.get("action") == "submit":
                return _submit_and_redirect(request, route)
            messages.success(request, _("The draft route has been saved."))
            return redirect("pathways:route-edit", pk=route.pk)
    findings = services.check_route(route).findings
    return render(
        request,
        "pathways/route_form.html",
        {
            "form": form,
            "route": route,
            "findings": findings,
            "findings_have_errors": _has_errors(findings),
        },
    )


@role_required(*SCHOOL_ROLES)
@require_POST
def route_check(request):
    """htmx: the rule findings for the values in the form, without saving."""
    if not services.may_draft_routes(request.user):
        raise PermissionDenied
    organisation = request.user.organisation
    route = None
    if request.POST.get("route", "").isdigit():
        route = _own_route(request, int(request.POST["route"]))
    form = RouteForm(request.POST, organisation=organisation)
    context = {"route": route, "live": True}
    if form.is_valid():
        findings = services.check_unsaved_route(data=form.route_data(), route=route).findings
        context.update(findings=findings, findings_have_errors=_has_errors(findings))
    else:
        context["incomplete"] = True
    return render(request, "pathways/includes/findings.html", context)


@require_safe
def route_detail(request, pk: int):
    """The route, its documents, numbers per school year, rule findings and audit log."""
    route = _route_or_404(request, pk)
    user = request.user
    findings = _findings_for(user, route)
    is_route_school = services.is_route_school_author(user, route)
    context = {
        "route": route,
        **selectors.route_detail(route),
        "actions": _actions(user, route),
        "findings": findings,
        "findings_have_errors": _has_errors(findings),
        "may_see_agreement": selectors.may_see_agreement(user, route),
        "may_see_documents": selectors.may_see_documents(user, route),
        "is_route_school": is_route_school,
        # Names of the people in the history: for the two schools and national roles
        # only; the public sees which organisation took each step.
        "may_see_actors": is_route_school or (user.is_authenticated and user.has_national_view),
        "return_form": ReturnForm(),
        "end_form": EndForm(initial={"ended_on": timezone.localdate()}),
    }
    return render(request, "pathways/route_detail.html", context)


def _transition(request, pk: int, step):
    route = _own_route(request, pk)
    try:
        step(route)
    except TransitionRefused as refused:
        report_refusal(request, refused)
    except services.RulesFailed:
        messages.error(request, _("The rules found errors, so this step was not taken."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("pathways:route-detail", pk=route.pk)


@role_required(*SCHOOL_ROLES)
@require_POST
def route_submit(request, pk: int):
    route = _own_route(request, pk)
    if not services.may_take(request.user, route, "submit"):
        messages.error(
            request, _("This step is not possible for this route in its current status.")
        )
        return redirect("pathways:route-detail", pk=route.pk)
    return _submit_and_redirect(request, route)


@role_required(*SCHOOL_ROLES)
@require_POST
def route_return(request, pk: int):
    form = ReturnForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""

    def step(route):
        services.return_route(route=route, user=request.user, note=note)
        messages.success(request, _("The route is a draft again."))

    return _transition(request, pk, step)


@role_required(*SCHOOL_ROLES)
@require_POST
def route_confirm(request, pk: int):
    def step(route):
        services.confirm_route(route=route, user=request.user)
        messages.success(
            request, _("You confirmed the route; it meets the rules. Register it with DUO next.")
        )

    return _transition(request, pk, step)


@role_required(*SCHOOL_ROLES)
@require_POST
def route_end(request, pk: int):
    form = EndForm(request.POST)

    def step(route):
        if not form.is_valid():
            raise ValidationError(_("Give the date the route ended."))
        services.end_route(route=route, user=request.user, ended_on=form.cleaned_data["ended_on"])
        messages.success(request, _("The route has ended."))

    return _transition(request, pk, step)


@role_required(*SCHOOL_ROLES)
@require_http_methods(["GET", "POST"])
def route_duo(request, pk: int):
    """Record the DUO registration; "registered" makes the route active."""
    route = _own_route(request, pk)
    if not services.may_take(request.user, route, "record_duo"):
        messages.error(request, _("DUO registration is recorded for a confirmed route."))
        return redirect("pathways:route-detail", pk=route.pk)
    form = DuoRegistrationForm(
        request.POST or None, initial={"status": route.duo_status, "date": route.duo_date}
    )
    if request.method == "POST" and form.is_valid():
        try:
            route = services.record_duo_registration(
                route=route,
                user=request.user,
                status=form.cleaned_data["status"],
                date=form.cleaned_data["date"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        except services.RulesFailed:
            messages.error(request, _("The rules found errors, so this step was not taken."))
            return redirect("pathways:route-detail", pk=route.pk)
        else:
            messages.success(request, _("The DUO registration has been recorded."))
            return redirect("pathways:route-detail", pk=route.pk)
    return render(
        request,
        "pathways/route_step_form.html",
        {
            "route": route,
            "form": form,
            "title": _("Record the DUO registration"),
        },
    )


@role_required(*SCHOOL_ROLES)
@require_http_methods(["GET", "POST"])
def route_year(request, pk: int):
    """Record the numbers of a school year (started, left by destination)."""
    route = _own_route(request, pk)
    if not services.may_take(request.user, route, "record_year"):
        messages.error(request, _("Numbers are recorded for an active or ended route."))
        return redirect("pathways:route-detail", pk=route.pk)
    form = RouteYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        counts = dict(form.cleaned_data)
        school_year = counts.pop("school_year")
        try:
            services.record_route_year(
                route=route, user=request.user, school_year=school_year, counts=counts
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The numbers for %(year)s have been recorded.") % {"year": school_year}
            )
            return redirect("pathways:route-detail", pk=route.pk)
    return render(
        request,
        "pathways/route_step_form.html",
        {
            "route": route,
            "form": form,
            "title": _("Record the numbers of a school year"),
        },
    )


@require_safe
def route_document(request, pk: int, which: str):
    """An uploaded document, only for the two schools and the inspectorate."""
    if which not in ("agreement", "pta-oer"):
        raise Http404
    route = _route_or_404(request, pk)
    if not request.user.is_authenticated:
        raise Http404
    if not selectors.may_see_documents(request.user, route):
        raise PermissionDenied
    field, name = (
        (route.agreement_document, route.agreement_document_name)
        if which == "agreement"
        else (route.pta_oer_document, route.pta_oer_document_name)
    )
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=name or field.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(*MINISTRY_ROLES)
@require_safe
@cached_page
def monitoring(request):
    """Coverage for the ministry: per region, over time, and students with no place."""
    overview = selectors.monitoring_overview()
    quarters = overview["over_time"]
    for quarter in quarters:
        quarter["label"] = selectors.quarter_label(quarter)
    over_time_chart = charts.chart(
        "line",
        [quarter["label"] for quarter in quarters],
        [
            (_("Active routes"), [quarter["routes"] for quarter in quarters]),
            (_("Regions with a route"), [quarter["regions"] for quarter in quarters]),
        ],
    )
    return render(
        request,
        "pathways/monitoring.html",
        {"overview": overview, "over_time_chart": over_time_chart},
    )


@role_required(*MINISTRY_ROLES)
@require_safe
@cached_page
def export_csv(request):
    """Every route as CSV, in the interchange columns."""
    status = request.GET.get("status", "")
    if status not in ("", *Route.Status.values):
        status = ""
    # Least privilege: drafts never sent to the partner school stay the schools' own.
    routes = selectors.routes_for_export(status).filter(selectors.ever_sent())
    # Whole, not streamed: the page cache keeps it until a route changes.
    response = HttpResponse(
        "".join(selectors.export_csv_chunks(routes)), content_type=exports.CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = 'attachment; filename="leerroutes.csv"'
    return response


@role_required(*MINISTRY_ROLES)
@require_safe
@cached_page
def export_xlsx(request):
    """Every route as an Excel workbook for people: names beside codes, real dates."""
    status = request.GET.get("status", "")
    if status not in ("", *Route.Status.values):
        status = ""
    response = HttpResponse(selectors.export_xlsx(status), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="leerroutes.xlsx"'
    return response
