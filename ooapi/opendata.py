"""Open data downloads for the public map and the pathway list (/open-data/):
the labour-market regions with every map indicator as GeoJSON, CSV and XLSX,
and every active continuous pathway as CSV and XLSX. Public facts only.

The CSV keeps its stable machine column names (`vmbo_brin`, `start_date`, …) for
reuse; its XLSX twin is the same table for people (`core.exports`): headings in
the page's language, a name before its code, labels instead of stored values and
real dates."""

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import exports
from pathways.models import Route
from pathways.selectors import routes_for_export
from regions import selectors as regions

REGION_COLUMNS = ("code", "name")
PATHWAY_COLUMNS = (
    "vmbo_brin",
    "vmbo_school",
    "mbo_brin",
    "mbo_institution",
    "region_code",
    "region_name",
    "crebo",
    "qualification",
    "level",
    "route_type",
    "vmbo_track",
    "location",
    "basis",
    "start_date",
    "duo_registration_date",
)


# The XLSX's columns: (index in a PATHWAY_COLUMNS row, heading), names before codes.
def _pathway_headings() -> list[tuple[int, str]]:
    return [
        (1, _("vmbo school")),
        (0, _("BRIN vmbo school")),
        (3, _("mbo institution")),
        (2, _("BRIN mbo institution")),
        (5, _("Region")),
        (4, _("Region code")),
        (7, _("Qualification")),
        (6, _("Crebo")),
        (8, _("Level")),
        (9, _("Type of route")),
        (10, _("vmbo track")),
        (11, _("Location")),
        (12, _("Basis")),
        (13, _("Start date")),
        (14, _("Registered with DUO on")),
    ]


# Stored values shown by their label in the XLSX: index in a row → Route field.
LABELLED_FIELDS = {9: "route_type", 10: "vmbo_track", 11: "location", 12: "basis"}


def _indicators() -> list:
    return list(regions.INDICATORS.values())


def _region_rows():
    """(header, rows): every region with one column per map indicator."""
    indicators = _indicators()
    counts = {indicator.name: indicator.count() for indicator in indicators}
    header = [*REGION_COLUMNS, *(indicator.name for indicator in indicators)]
    rows = [
        [
            region.code,
            region.name,
            *(int(counts[indicator.name].get(region.code, 0)) for indicator in indicators),
        ]
        for region in regions.region_list().defer("geometry")
    ]
    return header, rows


@require_safe
def regions_geojson(request):
    """A FeatureCollection: each region's geometry with its code, name and indicators."""
    indicators = _indicators()
    counts = {indicator.name: indicator.count() for indicator in indicators}
    features = [
        {
            "type": "Feature",
            "id": region.code,
            "properties": {
                "code": region.code,
                "name": region.name,
                **{
                    indicator.name: int(counts[indicator.name].get(region.code, 0))
                    for indicator in indicators
                },
            },
            "geometry": region.geometry,
        }
        for region in regions.regions_for_map()
    ]
    body = {
        "type": "FeatureCollection",
        "indicators": {indicator.name: str(indicator.label) for indicator in indicators},
        "features": features,
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/geo+json"
    )
    response["Content-Disposition"] = 'attachment; filename="regio-indicatoren.geojson"'
    return response


@require_safe
def regions_csv(request):
    header, rows = _region_rows()
    return exports.csv_response("regio-indicatoren.csv", header, rows)


@require_safe
def regions_xlsx(request):
    _codes, rows = _region_rows()
    header = [_("Region code"), _("Region"), *(str(i.label) for i in _indicators())]
    return exports.xlsx_response(
        "regio-indicatoren.xlsx", header, rows, sheet_title="regio-indicatoren"
    )


def _pathway_rows():
    for route in routes_for_export(Route.Status.ACTIVE):
        qualification = route.target_qualification
        yield [
            route.vmbo_school.code,
            route.vmbo_school.name,
            route.mbo_institution.code,
            route.mbo_institution.name,
            route.region.code,
            route.region.name,
            qualification.crebo,
            qualification.title,
            qualification.level,
            route.route_type,
            route.vmbo_track,
            route.location,
            route.basis,
            route.start_date,
            route.duo_date,
        ]


@require_safe
def pathways_csv(request):
    return exports.csv_response("leerroutes.csv", PATHWAY_COLUMNS, _pathway_rows())


@require_safe
def pathways_xlsx(request):
    headings = _pathway_headings()
    labels = {
        index: {value: str(label) for value, label in Route._meta.get_field(name).flatchoices}
        for index, name in LABELLED_FIELDS.items()
    }
    rows = (
        [labels[i].get(row[i], row[i]) if i in labels else row[i] for i, _heading in headings]
        for row in _pathway_rows()
    )
    return exports.xlsx_response(
        "leerroutes.xlsx", [heading for _i, heading in headings], rows, sheet_title="leerroutes"
    )
