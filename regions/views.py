"""Pages of the regions app: the public map, regions, networks, and the
administrators' review of network proposals and join requests."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role
from accounts.permissions import role_required, user_has_role
from core.pagecache import cached_page
from core.states import TransitionRefused, report_refusal

from . import selectors, services
from .forms import (
    DecisionForm,
    NetworkFilterForm,
    NetworkProposalForm,
    RegionOrganisationFilterForm,
)
from .models import Network, NetworkMembership, Organisation
from .selectors import describe_organisation
from .svgmap import colour

PAGE_SIZE = 25


def _page(request, queryset, size=PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


@require_safe
@cached_page
def region_map(request):
    """The public map of labour-market regions, coloured by a chosen indicator."""
    requested = request.GET.get("indicator") or selectors.DEFAULT_INDICATOR
    indicator = selectors.get_indicator(requested)
    unknown_indicator = indicator is None
    if unknown_indicator:
        indicator = selectors.get_indicator(selectors.DEFAULT_INDICATOR)
    outlines = selectors.map_outlines()
    values = selectors.indicator_values(indicator, outlines[1])
    frame, shapes, classes = colour(outlines, values)
    legend = [
        {
            "value_class": value_class,
            "regions": sum(1 for shape in shapes if value_class.contains(shape.value)),
        }
        for value_class in classes
    ]
    return render(
        request,
        "regions/map.html",
        {
            "indicators": list(selectors.INDICATORS.values()),
            "indicator": indicator,
            "requested_indicator": requested,
            "unknown_indicator": unknown_indicator,
            "frame": frame,
            "shapes": shapes,
            "legend": legend,
            "total": sum(values.values()),
        },
    )


@require_safe
@cached_page
def region_list(request):
    """All labour-market regions, searchable."""
    search = request.GET.get("q", "").strip()
    page = _page(request, selectors.region_list(search), size=50)
    return render(
        request,
        "regions/region_list.html",
        {"page": page, "search": search},
    )


@require_safe
@cached_page
def region_detail(request, code):
    """One region: its networks, schools and companies, and sections of other apps."""
    region = selectors.get_region(code)
    form = RegionOrganisationFilterForm(request.GET)
    kind = form.cleaned_data["kind"] if form.is_valid() else ""
    organisations = _page(request, selectors.region_organisations(region, kind))
    return render(
        request,
        "regions/region_detail.html",
        {
            "region": region,
            "networks": list(selectors.region_networks(region)),
            "organisations": organisations,
            "filter_form": form,
            "sections": selectors.region_sections(region),
        },
    )


@require_safe
def network_list(request):
    """Confirmed regional networks (and the user's own proposals), with filters."""
    form = NetworkFilterForm(request.GET)
    filters = {"region": "", "kind": "", "sector": "", "search": ""}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "region": data["region"].code if data["region"] else "",
            "kind": data["kind"],
            "sector": data["sector"].strip(),
            "search": data["q"].strip(),
        }
    networks = selectors.network_list(request.user, **filters)
    return render(
        request,
        "regions/network_list.html",
        {
            "page": _page(request, networks),
            "form": form,
            "is_filtered": any(filters.values()),
        },
    )


@require_safe
def network_detail(request, pk):
    """One network: its members and, for administrators, its audit log."""
    network = selectors.get_visible_network(request.user, pk)
    membership = selectors.user_membership(request.user, network)
    user = request.user
    is_school_author = user_has_role(user, [Role.SCHOOL_AUTHOR])
    is_administrator = user_has_role(user, [Role.ADMINISTRATOR])
    return render(
        request,
        "regions/network_detail.html",
        {
            "network": network,
            "members": selectors.network_members(network, include_requests=is_administrator),
            "membership": membership,
            "can_join": (
                is_school_author
                and network.status == Network.Status.ACTIVE
                and (membership is None or membership.status == NetworkMembership.Status.DECLINED)
            ),
            "can_withdraw": (
                is_school_author
                and network.status == Network.Status.PROPOSED
                and membership is not None
                and membership.role == NetworkMembership.Role.LEAD
            ),
            "events": selectors.network_events(network) if is_administrator else None,
        },
    )


@role_required(Role.SCHOOL_AUTHOR)
@require_http_methods(["GET", "POST"])
def network_propose(request):
    """A school author proposes a network with their organisation as lead."""
    form = NetworkProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            network = services.propose_network(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your proposal was sent. An administrator will confirm it.")
            )
            return redirect("regions:network_detail", pk=network.pk)
    return render(request, "regions/network_propose.html", {"form": form})


@role_required(Role.SCHOOL_AUTHOR)
@require_POST
def network_join(request, pk):
    """A school author asks that their organisation joins a network."""
    network = selectors.get_visible_network(request.user, pk)
    try:
        services.request_to_join(user=request.user, network=network)
    except TransitionRefused as refused:
        report_refusal(request, refused)
    else:
        messages.success(request, _("Your request to join was sent to the administrators."))
    return redirect("regions:network_detail", pk=network.pk)


@role_required(Role.SCHOOL_AUTHOR)
@require_POST
def network_withdraw(request, pk):
    """The proposing school withdraws its proposal."""
    network = selectors.get_visible_network(request.user, pk)
    try:
        services.withdraw_proposal(user=request.user, network=network)
    except TransitionRefused as refused:
        report_refusal(request, refused)
    else:
        messages.success(request, _("The proposal was withdrawn."))
    return redirect("regions:network_detail", pk=network.pk)


@role_required(Role.ADMINISTRATOR)
@require_safe
def network_review(request):
    """Administrators: proposals and join requests waiting for a decision."""
    return render(
        request,
        "regions/network_review.html",
        {
            "proposals": list(selectors.pending_proposals()),
            "join_requests": list(selectors.pending_join_requests()),
        },
    )


def _decline_note(request) -> str:
    """The administrator's optional reason for declining."""
    form = DecisionForm(request.POST)
    return form.cleaned_data["note"] if form.is_valid() else ""


def _decide(request, action, **target) -> bool:
    """Run a confirm or decline service; a refusal becomes an error message."""
    try:
        action(user=request.user, **target)
    except TransitionRefused as refused:
        report_refusal(request, refused)
        return False
    return True


@role_required(Role.ADMINISTRATOR)
@require_POST
def network_decide(request, pk, decision):
    """Confirm or decline a proposed network."""
    network = get_object_or_404(Network, pk=pk)
    if decision == "confirm":
        action = services.confirm_network
    else:
        action = partial(services.decline_network, note=_decline_note(request))
    if _decide(request, action, network=network):
        if decision == "confirm":
            messages.success(request, _("%(name)s is confirmed.") % {"name": network.name})
        else:
            messages.success(request, _("%(name)s is declined.") % {"name": network.name})
    return redirect("regions:network_review")


@role_required(Role.ADMINISTRATOR)
@require_POST
def membership_decide(request, pk, decision):
    """Confirm or decline a request to join a network."""
    membership = get_object_or_404(
        NetworkMembership.objects.select_related("network", "organisation"), pk=pk
    )
    if decision == "confirm":
        action = services.confirm_membership
    else:
        action = partial(services.decline_membership, note=_decline_note(request))
    if _decide(request, action, membership=membership):
        names = {"organisation": membership.organisation.name, "network": membership.network.name}
        if decision == "confirm":
            messages.success(request, _("%(organisation)s joined %(network)s.") % names)
        else:
            messages.success(
                request,
                _("The request of %(organisation)s to join %(network)s is declined.") % names,
            )
    return redirect("regions:network_review")


@require_safe
def organisation_options(request):
    """htmx: organisations of the asked kinds matching the typed name or code (datalist)."""
    kinds = [kind for kind in request.GET.get("soort", "").split(",") if kind]
    text = next(
        (value for key, value in request.GET.items() if key != "soort" and value.strip()), ""
    )
    options = [
        (organisation.code, describe_organisation(organisation))
        for organisation in selectors.search_organisations(
            text, kinds or [*Organisation.SCHOOL_KINDS, Organisation.Kind.COMPANY]
        )
    ]
    return render(request, "includes/search_options.html", {"options": options})


@require_safe
def company_choices(request):
    """htmx: companies matching the typed name or KvK number, as checkboxes to tick
    (`regio`: only the companies of that labour-market region)."""
    text = request.GET.get("partner_search", "")
    region_code = request.GET.get("regio", "")[:10]
    return render(
        request,
        "regions/includes/company_choices.html",
        {
            "results": selectors.search_organisations(
                text, [Organisation.Kind.COMPANY], region_code=region_code
            ),
            "searched": bool(text.strip()),
        },
    )
