"""The input boundary (core.boundary): hostile values get a 400 with a plain
sentence, whichever way they come in, and nothing is stored (issue 12,
findings 2, 6 and 9). Each test names the way in."""

import io
import json
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Role
from experiments.models import Experiment
from pathways.models import Route
from submissions.models import Submission
from tests.pathways.helpers import PathwayTestCase
from tests.pathways.test_import_pathways import document as pathway_document
from tests.submissions.helpers import DraftTestCase, SubmissionTestCase, form_data

LONE_SURROGATE = '"\\ud800"'  # as JSON text: a lone surrogate escape
SUBMISSIONS_API = reverse("submission-list")


def with_value(document: dict, field: str, raw_json_value: str) -> bytes:
    """The document as JSON text with `field` set to the raw JSON `raw_json_value`
    (e.g. 1e999 or "\\ud800", which json.dumps cannot write)."""
    marker = "__HOSTILE__"
    text = json.dumps({**document, field: marker})
    return text.replace(f'"{marker}"', raw_json_value).encode()


class ApiBodyTests(SubmissionTestCase):
    """POST and PATCH /api/submissions/: the API's JSON parser is the boundary."""

    def post(self, body: bytes):
        self.login(self.alice)
        return self.client.post(SUBMISSIONS_API, body, content_type="application/json")

    def test_a_lone_surrogate_is_refused_and_no_row_is_created(self):
        body = b'{"document": ' + with_value(self.valid(), "title", LONE_SURROGATE) + b"}"
        response = self.post(body)
        self.assertEqual(response.status_code, 400)
        self.assertIn("surrogaat", response.json()["detail"])
        self.assertFalse(Submission.objects.exists())
        # The list still answers for everyone.
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        self.assertEqual(self.client.get(SUBMISSIONS_API).status_code, 200)

    def test_nul_and_control_characters_are_refused(self):
        for raw in ('"a\\u0000b"', '"a\\u0007b"'):
            body = b'{"document": ' + with_value(self.valid(), "title", raw) + b"}"
            response = self.post(body)
            self.assertEqual(response.status_code, 400, raw)
            self.assertIn("stuurteken", response.json()["detail"])
        self.assertFalse(Submission.objects.exists())

    def test_non_finite_and_out_of_range_numbers_are_refused(self):
        for raw in ("1e999", "-1e999", "2147483648", "NaN"):
            body = b'{"document": ' + with_value(self.valid(), "hours", raw) + b"}"
            response = self.post(body)
            self.assertEqual(response.status_code, 400, raw)
            self.assertTrue(response.json()["detail"], raw)
        self.assertFalse(Submission.objects.exists())

    def test_json_nested_5000_deep_is_refused_without_a_recursion_error(self):
        response = self.post(b'{"document": ' + b"[" * 5000 + b"]" * 5000 + b"}")
        self.assertEqual(response.status_code, 400)
        self.assertIn("te diep genest", response.json()["detail"])
        self.assertFalse(Submission.objects.exists())

    def test_a_body_over_the_limit_is_refused_unread(self):
        with self.settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
            body = json.dumps({"document": {**self.valid(), "title": "x" * 2000}}).encode()
            response = self.post(body)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Submission.objects.exists())

    def test_an_end_date_in_the_year_9999_is_refused(self):
        body = b'{"document": ' + with_value(self.valid(), "end_date", '"9999-12-31"') + b"}"
        response = self.post(body)
        self.assertEqual(response.status_code, 400)
        self.assertIn("2200", response.json()["detail"])

    def test_a_patch_with_a_nul_leaves_the_draft_as_it_was(self):
        created = self.post(json.dumps({"document": self.valid()}).encode())
        self.assertEqual(created.status_code, 201, created.content)
        submission = Submission.objects.get()
        before = (submission.draft, submission.revision)
        body = (
            b'{"revision": %d, "document": ' % submission.revision
            + with_value(self.valid(), "title", '"x\\u0000"')
            + b"}"
        )
        response = self.client.patch(
            reverse("submission-detail", args=[submission.pk]),
            body,
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 400)
        submission.refresh_from_db()
        self.assertEqual((submission.draft, submission.revision), before)


class UploadTests(SubmissionTestCase):
    """/indieningen/nieuw/: an uploaded document passes rules.engine.parse_bytes."""

    def test_hostile_documents_are_refused_with_a_message_and_not_stored(self):
        cases = {
            "1e999": ("hours", "1e999", "1e999"),
            "lone surrogate": ("title", LONE_SURROGATE, "surrogaat"),
            "NUL": ("title", '"a\\u0000"', "stuurteken"),
            "huge hours": ("hours", "2147483648", "2147483647"),
            "year 9999": ("start_date", '"9999-12-31"', "2200"),
        }
        for name, (field, raw, expected) in cases.items():
            response = self.upload(with_value(self.valid(), field, raw))
            self.assertEqual(response.status_code, 400, name)
            self.assertContains(response, expected, status_code=400, msg_prefix=name)
        self.assertFalse(Submission.objects.exists())


class LongFileNameTests(PathwayTestCase):
    """A file name of 1,000 characters is a form error on every upload form (the
    route form's typed text stays: tests/pathways), not a stored row or a 500."""

    def test_the_json_and_csv_upload_forms_refuse_the_name_with_a_sentence(self):
        name = "d" * 996 + ".json"
        document = json.dumps({"kind": "practice_statement"}).encode()
        cases = (
            (self.alice, reverse("submissions:upload"), "document"),
            (self.alice, reverse("statements:upload"), "document"),
            (self.ministry_user, "/experimenten/{slug}/deelnemers/importeren/", "file"),
        )
        slug = Experiment.objects.values_list("slug", flat=True).first()  # from the seeds
        for user, url, field in cases:
            url = url.format(slug=slug)
            self.login(user)
            response = self.client.post(url, {field: SimpleUploadedFile(name, document)})
            # The form again with the error (400, or 200 on the practice statement page).
            self.assertIn(response.status_code, (200, 400), url)
            self.assertContains(
                response, "kortere naam", status_code=response.status_code, msg_prefix=url
            )
        self.assertFalse(Submission.objects.exists())


class QueryStringTests(PathwayTestCase):
    """Every query parameter passes config.middleware.InputBoundaryMiddleware."""

    URLS = (
        "/regios/?q=%00",
        "/api/organisations/?search=%00",
        "/api/networks/?search=%00",
        "/indieningen/?q=%00",
        "/indieningen/concept/zoek/organisaties/?contributors-0-organisation=%00",
        "/kwalificaties/?q=a%01b",
        "/leerroutes/?q=" + "x" * 10_000,
        "/kwalificaties/import/?runs=99999999999999999999",
    )

    def test_hostile_query_values_get_400_with_a_sentence(self):
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        for url in self.URLS:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 400, url)
            if url.startswith("/api/"):
                self.assertIn("stuurteken", response.json()["detail"])
            else:
                self.assertTemplateUsed(response, "bad_request.html")

    def test_ordinary_searches_still_work(self):
        self.login(self.alice)
        for url in (
            "/regios/?q=Deventer",
            "/api/organisations/?search=25PZ",
            "/leerroutes/?q=zorg",
        ):
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_a_run_number_beyond_the_database_is_ignored_not_a_crash(self):
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        response = self.client.get("/kwalificaties/import/?runs=1,2147483648")
        self.assertEqual(response.status_code, 200)


class FormTests(DraftTestCase):
    """Forms: dates and numbers out of range are form errors; the typed text stays."""

    def test_an_end_date_in_9999_and_hours_beyond_the_database_are_form_errors(self):
        submission = self.make_draft("cross_over")
        self.login(self.alice)
        main = {
            "title": "Medewerker zorg en facilitair",
            "start_date": "2021-08-01",
            "end_date": "9999-12-31",
        }
        response = self.post_editor(submission, form_data("cross_over", main, {"parts": []}))
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "2200", status_code=400)
        self.assertContains(response, "Medewerker zorg en facilitair", status_code=400)

        practice = self.make_draft("practice_programme")
        response = self.post_editor(
            practice,
            form_data("practice_programme", {"title": "Pilot", "hours": "2147483648"}, {}),
        )
        self.assertEqual(response.status_code, 400)
        submission.refresh_from_db()
        practice.refresh_from_db()
        self.assertNotIn("end_date", submission.draft)
        self.assertNotIn("hours", practice.draft)

    def test_the_editors_search_action_with_a_nul_is_refused_instead_of_failing(self):
        """The search button posts the form; on PostgreSQL a NUL in the query failed.
        The form-post boundary (config.middleware) refuses it with a sentence."""
        submission = self.make_draft("cross_over")
        self.login(self.alice)
        data = form_data(
            "cross_over",
            {"title": "Zoek", "qualification_search": "zorg\x00"},
            {"parts": []},
            action="search",
        )
        before = (submission.draft, submission.revision)
        response = self.post_editor(submission, data)
        self.assertEqual(response.status_code, 400)
        self.assertTemplateUsed(response, "bad_request.html")
        self.assertContains(response, "qualification_search", status_code=400)
        submission.refresh_from_db()
        self.assertEqual((submission.draft, submission.revision), before)


class RouteFormTests(PathwayTestCase):
    def test_a_route_cannot_end_on_9999_12_31(self):
        route = self.make_route(status=Route.Status.ACTIVE)
        self.login(self.alice)
        response = self.client.post(
            reverse("pathways:route-end", args=[route.pk]), {"ended_on": "9999-12-31"}
        )
        route.refresh_from_db()
        self.assertEqual(route.status, Route.Status.ACTIVE)
        self.assertIsNone(route.ended_on)
        self.assertNotEqual(response.status_code, 500)


class CommandLineTests(PathwayTestCase):
    """`import_pathways` and `validate` read files through the same boundary."""

    def setUp(self):
        super().setUp()
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.tmp = Path(directory.name)

    def write(self, name, data: bytes) -> str:
        path = self.tmp / name
        path.write_bytes(data)
        return str(path)

    def import_error(self, path) -> str:
        err = io.StringIO()
        with self.assertRaises(CommandError):
            call_command("import_pathways", path, stdout=io.StringIO(), stderr=err)
        return err.getvalue()

    def test_import_of_deeply_nested_json_is_refused_without_a_traceback(self):
        message = self.import_error(self.write("diep.json", b"[" * 5000 + b"]" * 5000))
        self.assertIn("diep.json", message)
        self.assertIn("te diep genest", message)
        self.assertFalse(Route.objects.exists())

    def test_import_refuses_hostile_values_in_json_and_csv(self):
        message = self.import_error(
            self.write("routes.json", with_value(pathway_document(), "location", LONE_SURROGATE))
        )
        self.assertIn("surrogaat", message)
        message = self.import_error(
            self.write(
                "routes.json",
                with_value(pathway_document(), "start_date", '"9999-12-31"'),
            )
        )
        self.assertIn("2200", message)
        from pathways.documents import CSV_COLUMNS

        header = ",".join(CSV_COLUMNS)
        row = ",".join("x\x01" if column == "location" else "" for column in CSV_COLUMNS)
        message = self.import_error(self.write("routes.csv", f"{header}\n{row}\n".encode()))
        self.assertIn("routes.csv", message)
        self.assertIn(" 2: ", message)  # the line
        self.assertIn("stuurteken", message)
        self.assertFalse(Route.objects.exists())

    def test_import_of_a_csv_with_a_nul_byte_is_refused_without_a_traceback(self):
        self.import_error(self.write("routes.csv", b"basis,\x00\n1,2\n"))
        self.assertFalse(Route.objects.exists())

    def test_validate_refuses_a_lone_surrogate_with_exit_2(self):
        path = self.write("doc.json", with_value(pathway_document(), "location", LONE_SURROGATE))
        out = io.StringIO()
        with self.assertRaises(SystemExit) as exited:
            call_command("validate", path, stdout=out)
        self.assertEqual(exited.exception.code, 2)
        output = json.loads(out.getvalue())
        self.assertEqual(output["findings"][0]["rule"], "FMT-01")
        # The message names the field by its label (in Dutch, as validate writes).
        self.assertIn("Waar de route wordt verzorgd", output["findings"][0]["message"])
