"""Reads of the regions app: regions, organisations, networks, and the map's
indicators.

Other apps plug into the map and the region page without touching this app:

- `register_indicator(name, label, count, changes_with=models)` adds (or replaces)
  a map indicator; `count()` returns `{region_code: number}`. Call it from your
  AppConfig.ready(). With `changes_with`, the counts are kept in the cache
  (core.aggregates) until a row of one of those models is saved or deleted.
  The indicators `participating_schools`, `approved_programmes` and `pathways`
  are registered here with zero counts until their apps replace them.
- `register_region_section(name, title, template, context)` adds a section to
  the region page; `context(region)` returns the template's extra context.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.permissions import user_has_role
from core import aggregates
from core.pagecache import TABLE_TOPIC

from . import svgmap
from .models import Network, NetworkEvent, NetworkMembership, Organisation, Region

# --- Indicators for the map -------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """A number per region that the map can colour by."""

    name: str
    label: str
    count: Callable[[], dict[str, int]]
    # Models whose changes change the counts: the counts are cached when there are any.
    changes_with: tuple = ()

    @property
    def cache_topic(self) -> str:
        return f"indicator:{self.name}"

    def counts(self) -> dict[str, int]:
        if not self.changes_with:
            return self.count()
        return aggregates.cached(self.cache_topic, "counts", self.count)


INDICATORS: dict[str, Indicator] = {}
DEFAULT_INDICATOR = "networks"


def register_indicator(
    name: str, label, count: Callable[[], dict[str, int]], changes_with=()
) -> None:
    """Add or replace the map indicator `name`; `count()` returns {region_code: number}.

    `changes_with`: the models whose saves and deletes change the counts; the counts
    are then cached until one does (bulk writers call `aggregates.invalidate`)."""
    indicator = Indicator(name=name, label=label, count=count, changes_with=tuple(changes_with))
    INDICATORS[name] = indicator
    if indicator.changes_with:
        aggregates.invalidate_on_change(indicator.cache_topic, *indicator.changes_with)


def count_active_networks() -> dict[str, int]:
    """Active networks per region code."""
    rows = (
        Network.objects.filter(status=Network.Status.ACTIVE)
        .values("region__code")
        .annotate(number=Count("pk"))
    )
    return {row["region__code"]: row["number"] for row in rows}


def no_data_yet() -> dict[str, int]:
    """Placeholder for an indicator whose app has not registered its counts yet."""
    return {}


register_indicator(
    "networks",
    _("Active regional networks"),
    count_active_networks,
    changes_with=(Network, Region),
)
register_indicator("participating_schools", _("Schools in an experiment"), no_data_yet)
register_indicator("approved_programmes", _("Approved regional programmes"), no_data_yet)
register_indicator("pathways", _("Continuous pathways vmbo–mbo"), no_data_yet)


def get_indicator(name: str | None) -> Indicator | None:
    """The indicator called `name`, or None when there is none."""
    return INDICATORS.get(name or DEFAULT_INDICATOR)


def indicator_values(indicator: Indicator, regions) -> dict[str, int]:
    """The indicator's number for every region code (zero where it has no data)."""
    counts = indicator.counts()
    return {region.code: int(counts.get(region.code, 0)) for region in regions}


# --- Region page sections contributed by other apps ---------------------------------


@dataclass(frozen=True)
class RegionSection:
    """A section of the region page, contributed by another app."""

    name: str
    title: str
    template: str
    context: Callable[[Region], dict]


REGION_SECTIONS: dict[str, RegionSection] = {}


def register_region_section(name: str, title, template: str, context: Callable) -> None:
    """Add or replace a section of the region page (e.g. programmes, pathways)."""
    REGION_SECTIONS[name] = RegionSection(
        name=name, title=title, template=template, context=context
    )


def region_sections(region: Region) -> list[dict]:
    """The registered sections with their context, in registration order."""
    return [
        {"section": section, "context": section.context(region)}
        for section in REGION_SECTIONS.values()
    ]


# --- Regions and organisations --------------------------------------------------------


def region_list(search: str = "") -> QuerySet[Region]:
    """Regions with the number of organisations and active networks, optionally searched."""
    regions = Region.objects.defer("geometry").annotate(
        organisation_count=Count("organisations", distinct=True),
        network_count=Count(
            "networks", filter=Q(networks__status=Network.Status.ACTIVE), distinct=True
        ),
    )
    if search:
        regions = regions.filter(Q(name__icontains=search) | Q(code__iexact=search))
    return regions.order_by("code")


def regions_for_map() -> list[Region]:
    """All regions that have a geometry, with it."""
    return list(Region.objects.exclude(geometry__isnull=True).order_by("code"))


def map_outlines():
    """The map's frame and simplified region outlines (`svgmap.outline`), cached
    until the regions table changes (any write to it renews its version)."""
    topic = TABLE_TOPIC.format(Region._meta.db_table)
    return aggregates.cached(topic, "map-outlines", lambda: svgmap.outline(regions_for_map()))


def get_region(code: str) -> Region:
    """The region with this code, or 404."""
    return get_object_or_404(Region.objects.defer("geometry"), code=code.upper())


def region_organisations(region: Region, kind: str = "") -> QuerySet[Organisation]:
    """Schools and companies in a region (public bodies are not regional)."""
    organisations = Organisation.objects.filter(
        region=region,
        kind__in=[
            Organisation.Kind.VET_INSTITUTION,
            Organisation.Kind.PREVOCATIONAL_SCHOOL,
            Organisation.Kind.COMPANY,
        ],
    )
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations.order_by("kind", "name")


def organisation_list(*, region: str = "", kind: str = "", search: str = "") -> QuerySet:
    """Organisations, filtered by region code, kind and a search on name, code or municipality."""
    organisations = Organisation.objects.select_related("region").defer("region__geometry")
    if region:
        organisations = organisations.filter(region__code=region.upper())
    if kind:
        organisations = organisations.filter(kind=kind)
    if search:
        organisations = organisations.filter(
            Q(name__icontains=search) | Q(code__iexact=search) | Q(municipality__icontains=search)
        )
    return organisations.order_by("name")


# --- Networks ---------------------------------------------------------------------


def _network_base() -> QuerySet[Network]:
    return (
        Network.objects.select_related("region")
        .defer("region__geometry")
        .annotate(
            member_count=Count(
                "memberships",
                filter=Q(memberships__status=NetworkMembership.Status.CONFIRMED),
                distinct=True,
            )
        )
    )


def visible_networks(user) -> QuerySet[Network]:
    """Networks the user may see: confirmed (active or ended) for everyone; also
    their own organisation's proposals for school authors; everything for
    administrators."""
    networks = _network_base()
    if user_has_role(user, [Role.ADMINISTRATOR]):
        return networks
    public = Q(status__in=Network.PUBLIC_STATUSES)
    if user.is_authenticated:
        own = Network.objects.filter(memberships__organisation=user.organisation_id).values("pk")
        return networks.filter(public | Q(pk__in=own))
    return networks.filter(public)


def network_list(
    user, *, region: str = "", kind: str = "", sector: str = "", search: str = ""
) -> QuerySet[Network]:
    """Visible networks, filtered by region code, kind, sector and a search on the name."""
    networks = visible_networks(user)
    if region:
        networks = networks.filter(region__code=region.upper())
    if kind:
        networks = networks.filter(kind=kind)
    if sector:
        networks = networks.filter(sector__icontains=sector)
    if search:
        networks = networks.filter(Q(name__icontains=search) | Q(description__icontains=search))
    return networks.order_by("name")


def region_networks(region: Region) -> QuerySet[Network]:
    """The public networks of a region."""
    return (
        _network_base()
        .filter(region=region, status__in=Network.PUBLIC_STATUSES)
        .order_by("status", "name")
    )


def get_visible_network(user, pk: int) -> Network:
    """A network the user may see, or 404."""
    return get_object_or_404(visible_networks(user), pk=pk)


def network_members(network: Network, *, include_requests: bool = False) -> QuerySet:
    """Memberships of a network with their organisations."""
    statuses = [NetworkMembership.Status.CONFIRMED]
    if include_requests:
        statuses.append(NetworkMembership.Status.REQUESTED)
    return (
        network.memberships.filter(status__in=statuses)
        .select_related("organisation")
        .order_by("role", "organisation__name")
    )


def network_events(network: Network) -> QuerySet[NetworkEvent]:
    """The audit log of a network, oldest first."""
    return network.events.select_related("actor", "membership__organisation")


def user_membership(user, network: Network) -> NetworkMembership | None:
    """The membership of the user's organisation in the network, if any."""
    if not user.is_authenticated:
        return None
    return network.memberships.filter(organisation=user.organisation_id).first()


def pending_proposals() -> QuerySet[Network]:
    """Proposed networks waiting for an administrator, oldest first."""
    return (
        _network_base()
        .filter(status=Network.Status.PROPOSED)
        .prefetch_related("memberships__organisation")
        .order_by("created_at", "pk")
    )


def pending_join_requests() -> QuerySet[NetworkMembership]:
    """Requests to join an active network, waiting for an administrator."""
    return (
        NetworkMembership.objects.filter(
            status=NetworkMembership.Status.REQUESTED, network__status=Network.Status.ACTIVE
        )
        .select_related("network", "organisation", "network__region")
        .defer("network__region__geometry")
        .order_by("pk")
    )


def find_organisation(code: str, kinds) -> Organisation | None:
    """The organisation of one of these kinds with exactly this code (BRIN or KvK), or None."""
    return Organisation.objects.filter(kind__in=kinds, code__iexact=code.strip()).first()


def search_organisations(
    query: str, kinds, limit: int = 10, region_code: str = ""
) -> list[Organisation]:
    """Organisations of these kinds whose name holds the query or whose code starts
    with it (only those of the region with `region_code`, when given)."""
    query = query.strip()
    if not query:
        return []
    organisations = Organisation.objects.filter(kind__in=kinds)
    if region_code:
        organisations = organisations.filter(region__code=region_code)
    return list(
        organisations.filter(Q(name__icontains=query) | Q(code__istartswith=query))
        .only("code", "name", "kind")
        .order_by("name")[:limit]
    )


def describe_organisation(organisation: Organisation) -> str:
    """An organisation's name with its code (BRIN or KvK), as people read it."""
    return f"{organisation.name} ({organisation.code})"


# --- Region codes (for REG-01 in rules.reference_rules) -----------------------------

# The CBS code for "niet in te delen": in the division, but not a labour-market region.
UNASSIGNABLE_REGION = "AM99"
REGION_CODE = re.compile(r"^AM\d{2}$")


def is_region_code(code: str) -> bool:
    """True when `code` has the shape of a CBS labour-market region code (AM06)."""
    return bool(REGION_CODE.match(code))
