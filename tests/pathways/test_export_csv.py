"""The CSV download for ministry staff (view export_csv)."""

import csv
import datetime
import io

from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from core import exports
from pathways.documents import CSV_COLUMNS
from pathways.models import Route

from .helpers import PathwayTestCase

URL = reverse("pathways:export-csv")


def body_of(response) -> str:
    """The CSV download as text (with its byte-order mark)."""
    return response.content.decode("utf-8")


XLSX_URL = reverse("pathways:export-xlsx")


class ExportCsvTests(PathwayTestCase):
    def test_ministry_staff_download_every_route(self):
        active = self.make_route(status=Route.Status.ACTIVE)
        self.make_route(status=Route.Status.AWAITING_CONFIRMATION, vmbo_track="kb")
        self.make_route(vmbo_track="gl")  # a draft never sent: not exported
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        body = body_of(response)
        self.assertTrue(body.startswith("\ufeff"))  # Excel reads the accents
        rows = list(csv.DictReader(io.StringIO(body[1:])))
        self.assertEqual(list(rows[0]), CSV_COLUMNS)
        self.assertEqual(sorted(row["vmbo_track"] for row in rows), ["bb", "kb"])
        only_active = body_of(self.client.get(URL, {"status": "active"}))[1:]
        rows = list(csv.DictReader(io.StringIO(only_active)))
        self.assertEqual([row["duo_registration.status"] for row in rows], [active.duo_status])
        self.assertEqual(rows[0]["agreement.fallback_destinations"], "vmbo-bb;mbo-2")

    def test_a_long_download_is_streamed_in_pieces_with_the_same_text(self):
        from pathways import selectors

        for track in ("bb", "kb", "gl"):
            self.make_route(status=Route.Status.ACTIVE, vmbo_track=track)
        routes = selectors.routes_for_export().filter(selectors.ever_sent())
        whole = selectors.export_csv(routes, for_download=True)
        pieces = list(
            exports.csv_chunks(CSV_COLUMNS, selectors._csv_rows(routes), rows_per_chunk=1)
        )
        self.assertEqual(len(pieces), 4)
        self.assertEqual("".join(pieces), whole)
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        self.assertEqual(body_of(self.client.get(URL)), whole)

    def test_others_are_refused(self):
        reviewer = self.make_national_user(Role.SBB_REVIEWER)
        for url in (URL, XLSX_URL):
            self.client.logout()
            self.assertEqual(self.client.get(url).status_code, 302)
            for user in (self.alice, self.victor, reviewer):
                self.login(user)
                self.assertEqual(self.client.get(url).status_code, 403)

    def test_text_a_school_typed_is_no_formula_in_the_download(self):
        self.make_route(status=Route.Status.ACTIVE, switch_arrangement="=cmd|' /C calc'!A0")
        self.make_route(
            status=Route.Status.ACTIVE,
            vmbo_track="kb",
            financial_arrangements='=HYPERLINK("http://x.example")',
        )
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        body = body_of(self.client.get(URL))[1:]
        rows = list(csv.DictReader(io.StringIO(body)))
        self.assertEqual(
            sorted(row["agreement.switch_arrangement"] for row in rows)[0],
            "'=cmd|' /C calc'!A0",
        )
        self.assertIn(
            """'=HYPERLINK("http://x.example")""",
            [row["agreement.financial_arrangements"] for row in rows],
        )
        sheet = load_workbook(io.BytesIO(self.client.get(XLSX_URL).content)).active
        for row in sheet.iter_rows():
            for cell in row:
                self.assertNotEqual(cell.data_type, "f", cell.value)

    def test_the_command_line_keeps_the_interchange_text(self):
        from pathways.selectors import export_csv, routes_for_export

        self.make_route(switch_arrangement="=1+1")
        text = export_csv(routes_for_export())
        self.assertFalse(text.startswith("\ufeff"))
        self.assertIn(",=1+1,", text)

    def test_xlsx_has_names_beside_codes_and_real_dates(self):
        route = self.make_route(status=Route.Status.ACTIVE)
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = self.client.get(XLSX_URL)
        self.assertEqual(response.status_code, 200)
        self.assertIn("leerroutes.xlsx", response["Content-Disposition"])
        sheet = load_workbook(io.BytesIO(response.content)).active
        header = [cell.value for cell in sheet[1]]
        row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
        self.assertEqual(row["vmbo school"], "Victor's vmbo")
        self.assertEqual(row["BRIN vmbo school"], "30AB")
        self.assertEqual(row["Target qualification"], route.target_qualification.title)
        self.assertEqual(row["Crebo"], route.target_qualification.crebo)
        self.assertEqual(row["Region code"], "AM06")
        self.assertIsInstance(row["Start date"], datetime.datetime)
        self.assertEqual(row["Start date"].date(), route.start_date)
