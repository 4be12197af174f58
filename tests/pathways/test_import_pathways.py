"""`manage.py import_pathways FILE` and `manage.py export_pathways`: JSON and CSV,
all or nothing, errors with item or line numbers, and the export round trip."""

import copy
import io
import json

from django.core.management import CommandError, call_command

from pathways.documents import route_to_document
from pathways.models import Route, RouteEvent
from tests.rules.factories import CONTINUOUS_PATHWAY

from .helpers import PathwayTestCase


def document(**overrides) -> dict:
    """The example continuous pathway of the rule tests, with `overrides`."""
    return {**copy.deepcopy(CONTINUOUS_PATHWAY), **overrides}


class ImportTests(PathwayTestCase):
    def write(self, name, content) -> str:
        path = self.tmp / name
        path.write_text(content, encoding="utf-8")
        return str(path)

    def setUp(self):
        super().setUp()
        import tempfile
        from pathlib import Path

        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.tmp = Path(directory.name)

    def run_import(self, path):
        out, err = io.StringIO(), io.StringIO()
        call_command("import_pathways", path, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_one_document_is_imported_as_active_and_twice_changes_nothing(self):
        path = self.write("route.json", json.dumps(document()))
        self.run_import(path)
        route = Route.objects.get()
        self.assertEqual(route.status, Route.Status.ACTIVE)
        self.assertEqual(route_to_document(route), document())
        self.run_import(path)
        self.assertEqual(Route.objects.count(), 1)
        self.assertEqual(RouteEvent.objects.filter(action="imported").count(), 1)

    def test_a_list_with_one_bad_item_imports_nothing_and_names_the_item(self):
        items = [
            document(),
            document(vmbo_track="kb", target_qualification="25499"),
            document(vmbo_track="tl", vmbo_school="99ZZ"),
        ]
        path = self.write("routes.json", json.dumps(items))
        out, err = io.StringIO(), io.StringIO()
        with self.assertRaises(CommandError):
            call_command("import_pathways", path, stdout=out, stderr=err)
        self.assertFalse(Route.objects.exists())
        lines = err.getvalue().splitlines()
        self.assertTrue(any(line.startswith("routes.json, item 2: DL-03") for line in lines), lines)
        self.assertTrue(
            any(line.startswith("routes.json, item 3: ORG-01") for line in lines), lines
        )
        self.assertFalse(any("item 1" in line for line in lines))

    def test_unreadable_json_names_the_line(self):
        path = self.write("broken.json", '[\n{"format": \n')
        err = io.StringIO()
        with self.assertRaises(CommandError):
            call_command("import_pathways", path, stderr=err)
        self.assertIn("broken.json, line 3", err.getvalue())

    def test_csv_errors_name_the_line(self):
        out = io.StringIO()
        self.make_route(status=Route.Status.ACTIVE)
        call_command("export_pathways", "--format", "csv", stdout=out)
        header, row = out.getvalue().splitlines()
        bad = row.replace(",integrated,bb,", ",integrated,gl,")
        path = self.write("routes.csv", "\n".join([header, row, bad]) + "\n")
        Route.objects.all().delete()
        err = io.StringIO()
        with self.assertRaises(CommandError):
            call_command("import_pathways", path, stderr=err)
        self.assertIn("routes.csv, line 3: DL-03", err.getvalue())
        self.assertNotIn("line 2", err.getvalue())
        self.assertFalse(Route.objects.exists())

    def test_csv_without_the_columns_is_refused(self):
        path = self.write("routes.csv", "a,b\n1,2\n")
        err = io.StringIO()
        with self.assertRaises(CommandError):
            call_command("import_pathways", path, stderr=err)
        self.assertIn("routes.csv, line 1: ", err.getvalue())


class ExportRoundTripTests(PathwayTestCase):
    def export(self, fmt):
        out = io.StringIO()
        call_command("export_pathways", "--format", fmt, stdout=out)
        return out.getvalue()

    def round_trip(self, fmt, name):
        self.make_route(status=Route.Status.ACTIVE)
        self.make_route(
            status=Route.Status.VALIDATED,
            route_type="continuous",
            vmbo_track="tl",
            target_qualification=self.tech4,
            switch_arrangement='Met "aanhalingstekens", komma\'s en\neen nieuwe regel',
            fallback_destinations=[],
            basis="experiment",
            start_date="2021-09-01",
        )
        first = self.export(fmt)
        Route.objects.all().delete()
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / name
            path.write_text(first, encoding="utf-8")
            call_command("import_pathways", str(path), stdout=io.StringIO())
        return first, self.export(fmt)

    def test_json_round_trip(self):
        first, second = self.round_trip("json", "routes.json")
        self.assertEqual(len(json.loads(first)), 2)
        self.assertEqual(json.loads(second), json.loads(first))

    def test_csv_round_trip(self):
        first, second = self.round_trip("csv", "routes.csv")
        self.assertEqual(second, first)
        self.assertEqual(first.count("\n"), 4)  # header, two rows, one inside quotes
