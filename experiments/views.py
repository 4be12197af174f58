"""Pages for experiments. Thin: forms check input, services write, selectors
read, `accounts.permissions` guards."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import Role
from accounts.permissions import MINISTRY_ROLES, SCHOOL_ROLES, role_required
from core import charts, exports
from core.pagecache import cached_page
from core.states import TransitionRefused, report_refusal
from rules.kinds import kind_label

from . import selectors, services
from .forms import (
    ApplicationForm,
    DecisionForm,
    ParticipantFilterForm,
    ParticipationApplyForm,
    ParticipationUploadForm,
)
from .models import Participation
from .participation_import import (
    MAX_BYTES,
    InputError,
    PlanChanged,
    decode,
    import_participations,
    plan_participations,
)

PAGE_SIZE = 25
# Who may read the participants of an experiment; only ministry staff decide.
PARTICIPANT_READERS = (*MINISTRY_ROLES, Role.SBB_REVIEWER)


def _experiment_or_404(slug: str):
    experiment = selectors.get_experiment(slug)
    if experiment is None:
        raise Http404
    return experiment


@require_safe
@role_required()
def experiment_list(request):
    """The experiments with their caps and dates (any logged-in user)."""
    experiments = list(selectors.experiment_list())
    return render(request, "experiments/experiment_list.html", {"experiments": experiments})


@require_safe
@role_required()
def experiment_detail(request, slug):
    """One experiment's parameters; the user's own school's application, if any."""
    experiment = _experiment_or_404(slug)
    return render(
        request,
        "experiments/experiment_detail.html",
        {
            "experiment": experiment,
            "school_kind": services.school_kind_for(experiment),
            "kind_label": kind_label(experiment.kind) if experiment.kind else "",
            "per_cohort": selectors.admitted_per_cohort(experiment),
            "own_participation": selectors.participation_of(experiment, request.user),
            "may_apply": services.may_apply(request.user, experiment),
            "closed_reason": services.closed_reason(experiment),
            "may_read_participants": request.user.role in PARTICIPANT_READERS,
            "is_ministry": request.user.role in MINISTRY_ROLES,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*SCHOOL_ROLES)
def apply(request, slug):
    """A school author applies on behalf of their own school."""
    experiment = _experiment_or_404(slug)
    existing = selectors.participation_of(experiment, request.user)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_for_experiment(
                experiment=experiment,
                school=request.user.organisation,
                cohort=form.cleaned_data["cohort"],
                motivation=form.cleaned_data["motivation"],
                applied_by=request.user,
            )
        except TransitionRefused as refused:
            report_refusal(request, refused, form)
        else:
            messages.success(
                request,
                _("Your application to %(experiment)s has been sent to the ministry.")
                % {"experiment": experiment.name},
            )
            return redirect("experiments:detail", slug=experiment.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "experiments/apply.html",
        {
            "experiment": experiment,
            "form": form,
            "existing": existing,
            "may_apply": services.may_apply(request.user, experiment),
            "closed_reason": services.closed_reason(experiment),
            "school_kind": services.school_kind_for(experiment),
        },
        status=status,
    )


def _participant_filters(request, experiment):
    form = ParticipantFilterForm(
        request.GET or None,
        cohorts=selectors.cohorts_of(experiment),
        regions=selectors.regions_of(experiment),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.participants(
        experiment,
        status=filters.get("status") or "",
        cohort=filters.get("cohort") or "",
        region=filters.get("region") or "",
        search=(filters.get("q") or "").strip(),
    )
    return form, rows


@require_safe
@role_required(*PARTICIPANT_READERS)
@cached_page
def participants(request, slug):
    """Schools that applied to or take part in the experiment, filterable, paginated."""
    experiment = _experiment_or_404(slug)
    form, rows = _participant_filters(request, experiment)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "experiments/participants.html",
        {
            "experiment": experiment,
            "form": form,
            "page": page,
            "is_ministry": request.user.role in MINISTRY_ROLES,
            "undecided": services.UNDECIDED_STATUSES,
        },
    )


def _preview(request, experiment, plan, text, *, status=200, changed_meanwhile=False):
    apply_form = ParticipationApplyForm(
        initial={"content": text, "file_name": plan.name, "digest": plan.digest()}
    )
    return render(
        request,
        "experiments/participants_import.html",
        {
            "experiment": experiment,
            "plan": plan,
            "apply_form": apply_form,
            "changed_meanwhile": changed_meanwhile,
        },
        status=status,
    )


def _import_problems(request, experiment, form, error: InputError):
    return render(
        request,
        "experiments/participants_import.html",
        {"experiment": experiment, "form": form, "error": error},
        status=400,
    )


@require_http_methods(["GET", "POST"])
@role_required(*MINISTRY_ROLES)
def participants_import(request, slug):
    """Upload a participants CSV: first a preview of what will change, then apply it.

    Nothing is written until the preview is confirmed; applying checks the
    whole file again under a lock and refuses it whole on any problem, or when
    the changes are no longer those of the preview.
    """
    experiment = _experiment_or_404(slug)
    if request.method == "POST" and "digest" in request.POST:
        apply_form = ParticipationApplyForm(request.POST)
        if not apply_form.is_valid():
            return redirect("experiments:participants-import", slug=experiment.slug)
        data = apply_form.cleaned_data
        try:
            plan = import_participations(
                data["content"], data["file_name"], user=request.user, expected=data["digest"]
            )
        except PlanChanged as changed:
            return _preview(
                request, experiment, changed.plan, data["content"], changed_meanwhile=True
            )
        except InputError as error:
            return _import_problems(request, experiment, ParticipationUploadForm(), error)
        messages.success(
            request,
            _(
                "The participants are imported: %(created)s added, %(updated)s changed, "
                "%(unchanged)s unchanged."
            )
            % {"created": plan.created, "updated": plan.updated, "unchanged": plan.unchanged},
        )
        return redirect("experiments:participants", slug=experiment.slug)
    if request.method == "POST":
        form = ParticipationUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            name = upload.name
            try:
                # Reading one byte past the limit is enough to refuse a larger file.
                text = decode(upload.read(MAX_BYTES + 1), name)
                plan = plan_participations(text, name)
            except InputError as error:
                return _import_problems(request, experiment, form, error)
            return _preview(request, experiment, plan, text)
        return render(
            request,
            "experiments/participants_import.html",
            {"experiment": experiment, "form": form},
            status=400,
        )
    return render(
        request,
        "experiments/participants_import.html",
        {"experiment": experiment, "form": ParticipationUploadForm()},
    )


def _participant_table(request, experiment):
    """The participants page as a table: header and rows, names beside codes."""
    _form, rows = _participant_filters(request, experiment)
    header = [
        _("School"),
        _("BRIN code"),
        _("Region"),
        _("Region code"),
        _("Cohort"),
        _("Status"),
        _("Applied at"),
        _("Decided at"),
    ]
    return header, (
        [
            row.school.name,
            row.school.code,
            row.school.region.name if row.school.region else "",
            row.school.region.code if row.school.region else "",
            row.cohort,
            row.get_status_display(),
            row.created_at,
            row.decided_at,
        ]
        for row in rows.iterator()
    )


@require_safe
@role_required(*PARTICIPANT_READERS)
def participants_csv(request, slug):
    """The participants page as CSV, with the same filters."""
    experiment = _experiment_or_404(slug)
    header, rows = _participant_table(request, experiment)
    return exports.csv_response(f"deelnemers-{experiment.slug}.csv", header, rows)


@require_safe
@role_required(*PARTICIPANT_READERS)
def participants_xlsx(request, slug):
    """The participants page as an Excel workbook, with the same filters."""
    experiment = _experiment_or_404(slug)
    header, rows = _participant_table(request, experiment)
    return exports.xlsx_response(
        f"deelnemers-{experiment.slug}.xlsx", header, rows, sheet_title=_("Participants")
    )


@require_http_methods(["GET", "POST"])
@role_required(*MINISTRY_ROLES)
def decide(request, slug, pk):
    """Ministry staff admit, wait-list or decline one application, with a reason."""
    experiment = _experiment_or_404(slug)
    participation = selectors.get_participation(experiment, pk)
    if participation is None:
        raise Http404
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_participation(
                participation=participation,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                decided_by=request.user,
            )
        except TransitionRefused as refused:
            report_refusal(request, refused, form)
        else:
            messages.success(
                request,
                _("Decision saved for %(school)s; the school has been notified.")
                % {"school": participation.school.name},
            )
            return redirect("experiments:participants", slug=experiment.slug)
    return render(
        request,
        "experiments/decide.html",
        {
            "experiment": experiment,
            "participation": participation,
            "form": form,
            "is_open": participation.status in services.UNDECIDED_STATUSES,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_safe
@role_required(*MINISTRY_ROLES)
@cached_page
def tracking(request, slug):
    """Admitted schools with their submissions, states and turnaround times."""
    experiment = _experiment_or_404(slug)
    overview = selectors.tracking(experiment)
    page = Paginator(overview.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    state_labels = {row.state: row.state_label for row in overview.rows if row.state}
    months = selectors.turnaround_per_month(overview.rows)
    cohorts = selectors.participants_per_cohort(experiment)
    statuses = Participation.Status
    return render(
        request,
        "experiments/tracking.html",
        {
            "experiment": experiment,
            "overview": overview,
            "page": page,
            "months": months,
            "cohorts": cohorts,
            "turnaround_chart": charts.chart(
                "line",
                [date_format(month.month, "YEAR_MONTH_FORMAT") for month in months],
                [
                    (_("Median days to decision"), [month.median_days for month in months]),
                    (_("Longest days to decision"), [month.longest_days for month in months]),
                ],
                y_title=_("Days"),
            ),
            "cohort_chart": charts.chart(
                "stacked-bar",
                [row["cohort"] for row in cohorts],
                [
                    (capfirst(status.label), [row[status.value] for row in cohorts])
                    for status in statuses
                ],
                y_title=_("Schools"),
            ),
            "median_days": selectors.days(overview.median_turnaround),
            "longest_days": selectors.days(overview.longest_turnaround),
            "states": [
                (state_labels.get(state, state), count)
                for state, count in sorted(overview.states.items())
            ],
        },
    )


def _tracking_table(experiment):
    """The tracking rows as a table, with the turnaround in days."""
    overview = selectors.tracking(experiment)
    header = [
        _("School"),
        _("BRIN code"),
        _("Region"),
        _("Region code"),
        _("Cohort"),
        _("Submission"),
        _("Kind"),
        _("State"),
        _("Submitted at"),
        _("Decided at"),
        _("Days to decision"),
    ]
    return header, (
        [
            row.school_name,
            row.school_code,
            row.region,
            row.region_code,
            row.cohort,
            row.title,
            row.kind_label,
            row.state_label,
            row.submitted_at,
            row.decided_at,
            row.turnaround_days,
        ]
        for row in overview.rows
    )


@require_safe
@role_required(*MINISTRY_ROLES)
def tracking_csv(request, slug):
    """The tracking rows as CSV, with the turnaround in days."""
    experiment = _experiment_or_404(slug)
    header, rows = _tracking_table(experiment)
    return exports.csv_response(f"voortgang-{experiment.slug}.csv", header, rows)


@require_safe
@role_required(*MINISTRY_ROLES)
def tracking_xlsx(request, slug):
    """The tracking rows as an Excel workbook."""
    experiment = _experiment_or_404(slug)
    header, rows = _tracking_table(experiment)
    return exports.xlsx_response(
        f"voortgang-{experiment.slug}.xlsx", header, rows, sheet_title=_("Progress")
    )
