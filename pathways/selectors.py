"""Reads for continuous pathways: who sees which routes, the monitoring
figures for the ministry, the map indicator and exports."""

import datetime
from types import SimpleNamespace

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import scope_to_organisation
from core import aggregates, exports
from qualifications.selectors import CACHE_TOPIC as QUALIFICATIONS_CACHE_TOPIC

from .documents import CSV_COLUMNS, document_to_csv_row, route_to_document
from .models import Route, RouteEvent, RouteYear

# The CBS 2020 division has 35 labour-market regions (AM99 is "not assignable").
NUMBER_OF_REGIONS = 35
UNASSIGNABLE_REGION = "AM99"

LIST_RELATED = (
    "vmbo_school",
    "mbo_institution",
    "region",
    "target_qualification",
    "target_qualification__file__domain",
)


def _base() -> QuerySet:
    return Route.objects.select_related(*LIST_RELATED)


def ever_sent() -> Q:
    """Routes that have left the draft at least once (sent to the partner school)."""
    return ~Q(status=Route.Status.DRAFT) | Exists(
        RouteEvent.objects.filter(route=OuterRef("pk"), action=RouteEvent.Action.SUBMITTED)
    )


def visible_routes(user) -> QuerySet:
    """Routes the user may see: public ones (active, ended) for everyone; others
    only for the two schools, and for national roles once the route has been sent
    to the partner school (a draft never sent is the schools' own work)."""
    public = Q(status__in=Route.PUBLIC_STATUSES)
    own = scope_to_organisation(Route.objects.all(), user, "vmbo_school", "mbo_institution")
    if user.is_authenticated and user.has_national_view:
        own = own.filter(ever_sent())
    return _base().filter(public | Q(pk__in=own.values("pk")))


def route_list(
    user,
    *,
    search: str = "",
    status: str = "",
    region: str = "",
    track: str = "",
    level: str = "",
    route_type: str = "",
    mine: bool = False,
    to_confirm: bool = False,
) -> QuerySet:
    """Visible routes, filtered. `search` matches school names/codes and the
    qualification's crebo or title; `mine` keeps only the user's school's routes;
    `to_confirm` only those waiting for the user's school to confirm them."""
    routes = visible_routes(user)
    if to_confirm:
        routes = routes.filter(pk__in=awaiting_confirmation_by(user).values("pk"))
    if mine and user.is_authenticated:
        routes = routes.filter(
            Q(vmbo_school_id=user.organisation_id) | Q(mbo_institution_id=user.organisation_id)
        )
    if search:
        routes = routes.filter(
            Q(vmbo_school__name__icontains=search)
            | Q(vmbo_school__code__iexact=search)
            | Q(mbo_institution__name__icontains=search)
            | Q(mbo_institution__code__iexact=search)
            | Q(target_qualification__crebo=search)
            | Q(target_qualification__title__icontains=search)
        )
    if status:
        routes = routes.filter(status=status)
    if region:
        routes = routes.filter(region__code=region)
    if track:
        routes = routes.filter(vmbo_track=track)
    if level:
        routes = routes.filter(target_qualification__level=level)
    if route_type:
        routes = routes.filter(route_type=route_type)
    return routes


def awaiting_confirmation_by(user) -> QuerySet:
    """Routes the partner school sent to the user's school for confirmation."""
    if not user.is_authenticated or user.organisation_id is None:
        return Route.objects.none()
    mine = Q(vmbo_school_id=user.organisation_id) | Q(mbo_institution_id=user.organisation_id)
    return (
        Route.objects.filter(mine, status=Route.Status.AWAITING_CONFIRMATION)
        .exclude(submitted_by_organisation_id=user.organisation_id)
        .order_by("pk")
    )


def get_visible_route(user, pk: int) -> Route | None:
    """One route the user may see, or None."""
    return visible_routes(user).filter(pk=pk).first()


def route_detail(route: Route) -> dict:
    """What the route page shows beside the route: partners, years, events."""
    years = list(route.years.all())
    return {
        "partners": list(route.partners.all()),
        "years": years,
        "events": list(route.events.select_related("actor", "actor__organisation")),
    }


def may_see_agreement(user, route: Route) -> bool:
    """The agreement's data (signed on, arrangements, fallbacks): the two schools,
    ministry staff, the inspectorate and administrators."""
    if not user.is_authenticated:
        return False
    if user.role in (Role.MINISTRY_STAFF, Role.INSPECTORATE_REVIEWER, Role.ADMINISTRATOR):
        return True
    return user.role == Role.SCHOOL_AUTHOR and user.organisation_id in route.school_ids()


def may_see_documents(user, route: Route) -> bool:
    """The uploaded agreement and PTA/OER documents themselves (least privilege):
    the two schools and the inspectorate only. Ministry staff see the route's data,
    not the signed documents."""
    if not user.is_authenticated:
        return False
    if user.role == Role.INSPECTORATE_REVIEWER:
        return True
    return user.role == Role.SCHOOL_AUTHOR and user.organisation_id in route.school_ids()


# Students who left an integrated route with no place (motie Kwint) -------------------


def routes_with_students_without_place(user) -> QuerySet:
    """Integrated routes of the user's schools where students left with no place yet."""
    routes = scope_to_organisation(Route.objects.all(), user, "vmbo_school", "mbo_institution")
    return (
        routes.filter(route_type=Route.RouteType.INTEGRATED)
        .annotate(without_place=Sum("years__left_without_place"))
        .filter(without_place__gt=0)
        .select_related(*LIST_RELATED)
        .order_by("-without_place", "pk")
    )


def students_without_place_total() -> dict:
    """For the ministry: students who left integrated routes with no place, and on how
    many routes."""
    years = RouteYear.objects.filter(
        route__route_type=Route.RouteType.INTEGRATED, left_without_place__gt=0
    )
    totals = years.aggregate(
        students=Sum("left_without_place"), routes=Count("route", distinct=True)
    )
    return {"students": totals["students"] or 0, "routes": totals["routes"] or 0}


# Coverage -----------------------------------------------------------------------------


def active_route_counts() -> dict[str, int]:
    """Active routes per region code: the map indicator."""
    rows = (
        Route.objects.filter(status=Route.Status.ACTIVE)
        .values("region__code")
        .annotate(n=Count("pk"))
    )
    return {row["region__code"]: row["n"] for row in rows}


def active_routes_in_region(region_code: str) -> QuerySet:
    """The active routes of one region, for its public page."""
    return (
        _base()
        .filter(status=Route.Status.ACTIVE, region__code=region_code)
        .order_by("target_qualification__title", "pk")
    )


def regions_with_routes() -> dict:
    """How many labour-market regions have at least one active route, out of 35."""
    counts = active_route_counts()
    covered = [code for code, n in counts.items() if n and code != UNASSIGNABLE_REGION]
    return {"covered": len(covered), "total": NUMBER_OF_REGIONS}


def coverage_by_region() -> list[dict]:
    """Per region: active routes by level, sector (domain) and type.

    One query; the rows are grouped in Python. Regions without routes are left out.
    """
    rows = (
        Route.objects.filter(status=Route.Status.ACTIVE)
        .values(
            "region__code",
            "region__name",
            "target_qualification__level",
            "target_qualification__file__domain__title",
            "route_type",
        )
        .annotate(n=Count("pk"))
        .order_by("region__code")
    )
    regions: dict[str, dict] = {}
    for row in rows:
        entry = regions.setdefault(
            row["region__code"],
            {
                "code": row["region__code"],
                "name": row["region__name"],
                "total": 0,
                "levels": {1: 0, 2: 0, 3: 0, 4: 0},
                "types": dict.fromkeys(Route.RouteType.values, 0),
                "sectors": {},
            },
        )
        n = row["n"]
        entry["total"] += n
        entry["levels"][row["target_qualification__level"]] += n
        entry["types"][row["route_type"]] += n
        sector = row["target_qualification__file__domain__title"]
        entry["sectors"][sector] = entry["sectors"].get(sector, 0) + n
    result = list(regions.values())
    for entry in result:
        entry["level_list"] = [entry["levels"][level] for level in (1, 2, 3, 4)]
        entry["sector_list"] = sorted(entry["sectors"].items())
    return result


def _quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_quarter(day: datetime.date) -> datetime.date:
    month = day.month + 3
    return datetime.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)


def quarter_label(entry: dict) -> str:
    """A quarter of `coverage_over_time` as the reader writes it ("2021 Q3", "2021 K3")."""
    return _("%(year)s Q%(quarter)s") % entry


def coverage_over_time(today: datetime.date | None = None) -> list[dict]:
    """Routes active per quarter (`year`, `quarter` 1–4), from the first start to the
    current quarter.

    A route counts in a quarter when it is (or was) active: DUO-registered,
    started on or before the quarter's last day, and not ended before its first day.
    """
    today = today or timezone.localdate()
    spans = list(
        Route.objects.filter(status__in=Route.PUBLIC_STATUSES).values_list(
            "start_date", "ended_on", "region__code"
        )
    )
    if not spans:
        return []
    quarter = _quarter_start(min(start for start, _end, _region in spans))
    last = _quarter_start(today)
    result = []
    while quarter <= last:
        following = _next_quarter(quarter)
        end = following - datetime.timedelta(days=1)
        running = [
            region
            for start, ended, region in spans
            if start <= end and (ended is None or ended >= quarter)
        ]
        result.append(
            {
                "year": quarter.year,
                "quarter": (quarter.month - 1) // 3 + 1,
                "routes": len(running),
                "regions": len({code for code in running if code != UNASSIGNABLE_REGION}),
            }
        )
        quarter = following
    return result


def _counts_by_status() -> list[tuple[str, int]]:
    counts = dict(Route.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return [(status.label, counts.get(status.value, 0)) for status in Route.Status]


# The cache topic (core.aggregates) of the figures computed from routes; pathways.apps
# connects it to the save and delete signals of the models they are computed from.
CACHE_TOPIC = "pathways"


def _structure_version() -> str:
    """Names of qualifications and sectors appear in the figures too."""
    return aggregates.version(QUALIFICATIONS_CACHE_TOPIC)


def monitoring_overview(today: datetime.date | None = None) -> dict:
    """Everything the ministry's monitoring page shows; cached for today's date until a
    route, its school years or events, a school or a region changes."""
    if today is not None:
        return _monitoring_overview(today)
    today = timezone.localdate()
    return aggregates.cached(
        CACHE_TOPIC,
        f"monitoring:{today.isoformat()}:{_structure_version()}",
        lambda: _monitoring_overview(today),
    )


def _monitoring_overview(today: datetime.date) -> dict:
    return {
        "by_region": coverage_by_region(),
        "regions_covered": regions_with_routes(),
        "over_time": coverage_over_time(today),
        "without_place": students_without_place_total(),
        "by_status": _counts_by_status(),
    }


# Export -------------------------------------------------------------------------------


def routes_for_export(status: str = "") -> QuerySet:
    """Every route (or those with `status`), for export by the command or ministry staff."""
    routes = _base().order_by("pk")
    return routes.filter(status=status) if status else routes


def export_documents(routes) -> list[dict]:
    """The routes as interchange documents."""
    return [route_to_document(route) for route in routes]


# What `route_to_document` reads of a route, as plain values: a national export then
# builds no model instances (four per route with the related rows), which was most of
# its time. `test_a_long_download_is_streamed_in_pieces_with_the_same_text` checks
# that the text is the same as from the model instances.
_DOCUMENT_FIELDS = (
    "basis",
    "route_type",
    "vmbo_track",
    "target_qualification_id",
    "location",
    "start_date",
    "exam_responsible",
    "agreement_signed_on",
    "switch_arrangement",
    "financial_arrangements",
    "fallback_destinations",
    "combined_pta_oer",
    "duo_status",
    "duo_date",
)
_DOCUMENT_CODES = ("vmbo_school", "mbo_institution", "region")


def _csv_rows(routes):
    values = routes.values(*_DOCUMENT_FIELDS, *(f"{name}__code" for name in _DOCUMENT_CODES))
    for value in values.iterator(chunk_size=500):
        route = SimpleNamespace(
            **{name: value[name] for name in _DOCUMENT_FIELDS},
            **{name: SimpleNamespace(code=value[f"{name}__code"]) for name in _DOCUMENT_CODES},
        )
        row = document_to_csv_row(route_to_document(route))
        yield [row[column] for column in CSV_COLUMNS]


def export_csv_chunks(routes):
    """The download's CSV (as `export_csv(routes, for_download=True)`) in pieces: the
    routes are read from the database in batches, as plain values, not all at once."""
    return exports.csv_chunks(CSV_COLUMNS, _csv_rows(routes))


def export_csv(routes, *, for_download: bool = False) -> str:
    """The routes as CSV text (header row, columns as in `documents.CSV_COLUMNS`).

    `for_download`: a byte-order mark and neutralised formulas (`core.exports`),
    for people who open it in a spreadsheet; the command line writes the
    interchange text exactly as stored.
    """
    rows = (
        [row[column] for column in CSV_COLUMNS]
        for row in (document_to_csv_row(route_to_document(route)) for route in routes)
    )
    return exports.csv_text(CSV_COLUMNS, rows, bom=for_download, safe=for_download)


def export_xlsx(status: str = "") -> bytes:
    """The ministry's XLSX download of every route ever sent (or those with `status`),
    in the active language. Building it takes seconds at national scale, so the file
    is cached until the routes, schools, regions or qualifications change."""
    language = translation.get_language() or ""

    def build() -> bytes:
        header, rows = export_table(routes_for_export(status).filter(ever_sent()))
        return exports.xlsx_bytes(header, rows, sheet_title=_("Routes"))

    return aggregates.cached(
        CACHE_TOPIC, f"export-xlsx:{status}:{language}:{_structure_version()}", build
    )


def export_table(routes) -> tuple[list, list[list]]:
    """The routes as a table for people (the XLSX download): names beside codes,
    labels instead of stored values, real dates."""
    header = [
        _("Status"),
        _("vmbo school"),
        _("BRIN vmbo school"),
        _("mbo institution"),
        _("BRIN mbo institution"),
        _("Region"),
        _("Region code"),
        _("Type of route"),
        _("vmbo track"),
        _("Target qualification"),
        _("Crebo"),
        _("Level"),
        _("Location"),
        _("Start date"),
        _("Exam responsibility"),
        _("Basis"),
        _("Agreement signed on"),
        _("Combined PTA/OER"),
        _("DUO registration"),
        _("DUO registration date"),
        _("Ended on"),
    ]
    # Plain values, not seven model instances per route, and the choices' labels
    # once per export (get_FOO_display per cell hashes the lazy choices each time).
    columns = (
        "status",
        "vmbo_school__name",
        "vmbo_school__code",
        "mbo_institution__name",
        "mbo_institution__code",
        "region__name",
        "region__code",
        "route_type",
        "vmbo_track",
        "target_qualification__title",
        "target_qualification__crebo",
        "target_qualification__level",
        "location",
        "start_date",
        "exam_responsible",
        "basis",
        "agreement_signed_on",
        "combined_pta_oer",
        "duo_status",
        "duo_date",
        "ended_on",
    )
    labels = {
        index: {value: str(label) for value, label in Route._meta.get_field(name).flatchoices}
        for index, name in enumerate(columns)
        if "__" not in name and Route._meta.get_field(name).choices
    }
    yes_no = {True: _("yes"), False: _("no")}
    flag = columns.index("combined_pta_oer")

    def row(values):
        row = list(values)
        for index, names in labels.items():
            row[index] = names.get(row[index], row[index])
        row[flag] = yes_no[bool(row[flag])]
        return row

    rows = [row(values) for values in routes.values_list(*columns)]
    return header, rows


REGION_SECTION_LIMIT = 20


def region_section_context(region) -> dict:
    """Context of the pathways section on a region page: its active routes (public fields)."""
    routes = active_routes_in_region(region.code)
    return {
        "routes": list(routes[:REGION_SECTION_LIMIT]),
        "total": routes.count(),
        "limit": REGION_SECTION_LIMIT,
    }
