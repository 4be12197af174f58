"""Open data downloads: the regions with their map indicators (GeoJSON, CSV,
XLSX) and every active pathway (CSV, XLSX), linked from the map and the list."""

import csv
import datetime
import io
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from pathways.models import Route
from regions.models import Organisation
from regions.selectors import INDICATORS

from .helpers import OoapiTestCase

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[6.0, 52.0], [6.2, 52.0], [6.2, 52.2], [6.0, 52.2], [6.0, 52.0]]],
}


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


class RegionDownloadTests(OoapiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.region.geometry = SQUARE
        cls.region.save()
        # A name a spreadsheet would run as a formula.
        cls.other_region.name = '=HYPERLINK("http://example.org")'
        cls.other_region.save()

    def test_geojson_has_every_region_with_a_geometry_and_every_indicator(self):
        response = self.client.get(reverse("opendata:regions-geojson"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/geo+json"
        body = json.loads(response.content)
        assert body["type"] == "FeatureCollection"
        assert [f["id"] for f in body["features"]] == ["AM06"]  # AM25 has no geometry
        feature = body["features"][0]
        assert feature["geometry"] == SQUARE
        assert set(INDICATORS) <= set(feature["properties"])
        assert feature["properties"]["pathways"] == 1  # the one active route
        assert feature["properties"]["approved_programmes"] == 1  # region of its school
        assert set(body["indicators"]) == set(INDICATORS)

    def test_csv_has_every_region_and_neutralises_formulas(self):
        rows = read_csv(self.client.get(reverse("opendata:regions-csv")))
        header = rows[0]
        assert header[:2] == ["code", "name"] and set(INDICATORS) <= set(header)
        by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
        assert set(by_code) == {"AM06", "AM25"}
        assert by_code["AM06"]["pathways"] == "1"
        assert by_code["AM25"]["name"] == '\'=HYPERLINK("http://example.org")'

    def test_xlsx_has_numbers_as_numbers_and_no_formulas(self):
        response = self.client.get(reverse("opendata:regions-xlsx"))
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet, rows = read_xlsx(response)
        header = rows[0]
        with translation.override("nl"):
            pathways = str(INDICATORS["pathways"].label)
        # For people: Dutch headings, the name beside the code, the indicators' labels.
        assert header[:2] == ["Regiocode", "Regio"] and pathways in header
        by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
        assert by_code["AM06"][pathways] == 1
        assert by_code["AM25"]["Regio"].startswith("'=")
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)

    def test_the_map_links_to_the_downloads(self):
        page = self.client.get(reverse("regions:map")).content.decode()
        for name in ("regions-geojson", "regions-csv", "regions-xlsx"):
            assert reverse(f"opendata:{name}") in page


class PathwayDownloadTests(OoapiTestCase):
    def test_csv_has_every_active_route_and_only_those(self):
        rows = read_csv(self.client.get(reverse("opendata:pathways-csv")))
        header = rows[0]
        assert len(rows) == 2  # the draft route is not published
        row = dict(zip(header, rows[1], strict=True))
        assert row["vmbo_brin"] == "30AB" and row["mbo_brin"] == "25PZ"
        assert row["crebo"] == "25498" and row["level"] == "2"
        assert row["start_date"] == "2024-08-01"

    def test_xlsx_neutralises_a_formula_in_a_school_name(self):
        Organisation.objects.filter(code="30AB").update(name="@SUM(1+1)")
        sheet, rows = read_xlsx(self.client.get(reverse("opendata:pathways-xlsx")))
        row = dict(zip(rows[0], rows[1], strict=True))
        assert row["vmbo-school"] == "'@SUM(1+1)"
        assert row["Niveau"] == 2

    def test_xlsx_is_for_people_with_real_dates_and_labels(self):
        sheet, rows = read_xlsx(self.client.get(reverse("opendata:pathways-xlsx")))
        header = rows[0]
        assert header[:4] == [
            "vmbo-school",
            "BRIN vmbo-school",
            "mbo-instelling",
            "BRIN mbo-instelling",
        ]
        row = dict(zip(header, rows[1], strict=True))
        assert row["BRIN vmbo-school"] == "30AB" and row["Crebo"] == "25498"
        assert row["Startdatum"] == datetime.datetime(2024, 8, 1)  # a date cell, not text
        assert sheet.cell(row=2, column=header.index("Startdatum") + 1).is_date
        with translation.override("nl"):
            integrated = str(Route.RouteType.INTEGRATED.label)
        assert row["Soort route"] == integrated  # the label, not the stored "integrated"
        assert all(cell.data_type != "f" for r in sheet.iter_rows() for cell in r)

    def test_the_pathway_list_links_to_the_downloads(self):
        page = self.client.get(reverse("pathways:route-list")).content.decode()
        assert reverse("opendata:pathways-csv") in page
        assert reverse("opendata:pathways-xlsx") in page

    def test_query_count_does_not_grow_with_the_routes(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                assert self.client.get(reverse("opendata:pathways-xlsx")).status_code == 200
            return len(queries)

        before = count()
        for n in range(5):
            school = Organisation.objects.create(
                kind="vmbo", code=f"{50 + n}XY", name=f"Vmbo {n}", region=self.region
            )
            Route.objects.create(
                vmbo_school=school,
                mbo_institution=self.school,
                region=self.region,
                route_type="continuous",
                vmbo_track="kb",
                target_qualification=self.level3,
                location="mbo",
                start_date=self.route.start_date,
                status=Route.Status.ACTIVE,
                duo_status="registered",
            )
        assert count() == before
