"""Open data downloads for the public map and the pathway list (/open-data/):
the labour-market regions with every map indicator as GeoJSON, CSV and XLSX,
and every active continuous pathway as CSV and XLSX. Public facts only."""

import json

from django.http import HttpResponse
from django.views.decorators.http import require_GET

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


@require_GET
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


@require_GET
def regions_csv(request):
    header, rows = _region_rows()
    return exports.csv_response("regio-indicatoren.csv", header, rows)


@require_GET
def regions_xlsx(request):
    header, rows = _region_rows()
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
            route.start_date.isoformat(),
            route.duo_date.isoformat() if route.duo_date else "",
        ]


@require_GET
def pathways_csv(request):
    return exports.csv_response("leerroutes.csv", PATHWAY_COLUMNS, _pathway_rows())


@require_GET
def pathways_xlsx(request):
    return exports.xlsx_response(
        "leerroutes.xlsx", PATHWAY_COLUMNS, _pathway_rows(), sheet_title="leerroutes"
    )
