"""route_to_document: exactly the `continuous_pathway` interchange document, and the
engine's verdict on it."""

import datetime
import json

from django.conf import settings

from pathways.documents import csv_row_to_document, document_to_csv_row, route_to_document
from pathways.services import check_route

from .helpers import PathwayTestCase


def example_from_the_docs() -> dict:
    """The `continuous_pathway` example of docs/interchange.md, read from the file."""
    text = (settings.DATA_DIR.parent / "docs" / "interchange.md").read_text()
    section = text.split("### `continuous_pathway`", 1)[1]
    return json.loads(section.split("```json", 1)[1].split("```", 1)[0])


class RouteToDocumentTests(PathwayTestCase):
    def test_same_keys_and_shape_as_the_documented_example(self):
        example = example_from_the_docs()
        document = route_to_document(
            self.make_route(duo_status="registered", duo_date=datetime.date(2021, 6, 1))
        )
        self.assertEqual(set(document), set(example))
        self.assertEqual(set(document["agreement"]), set(example["agreement"]))
        self.assertEqual(set(document["duo_registration"]), set(example["duo_registration"]))
        # The helper route has the example's values apart from the school codes.
        expected = {**example, "vmbo_school": "30AB", "mbo_institution": "25PZ"}
        expected["agreement"] = {
            **example["agreement"],
            "switch_arrangement": document["agreement"]["switch_arrangement"],
            "financial_arrangements": document["agreement"]["financial_arrangements"],
        }
        self.assertEqual(document, expected)

    def test_a_good_route_has_only_the_duo_warning_until_registered(self):
        route = self.make_route()
        self.assertEqual(
            [(f.rule, f.severity) for f in check_route(route).findings], [("DL-09", "warning")]
        )
        route.duo_status = "registered"
        self.assertEqual(check_route(route).findings, [])

    def test_empty_optional_values_are_null_not_empty_strings(self):
        document = route_to_document(self.make_route(agreement_signed_on=None))
        self.assertIsNone(document["agreement"]["signed_on"])
        self.assertIsNone(document["duo_registration"]["date"])

    def test_csv_row_round_trip(self):
        document = route_to_document(self.make_route())
        self.assertEqual(csv_row_to_document(document_to_csv_row(document)), document)
