"""The import page: who may use it, upload, progress fragment, history and details."""

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from qualifications.models import ElectiveModule, ImportRun, QualificationFile
from qualifications.services import import_sbb_file, stored_import_path
from tests.base import BaseTestCase

from .factories import dump_tables, expected_from_xml, parse_trusted, sample_paths

IMPORT_URL = reverse("qualifications:import")
DEMO_CSV = "qualifications/demo/keuzedelen.csv"


def upload(path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/xml")


class ImportPageTests(BaseTestCase):
    @pytest.fixture(autouse=True)
    def _fixtures(self, django_assert_max_num_queries, settings):
        self.assert_max_queries = django_assert_max_num_queries
        media = tempfile.mkdtemp()
        settings.MEDIA_ROOT = media
        yield
        shutil.rmtree(media, ignore_errors=True)

    def setUp(self):
        self.sbb_user = self.make_national_user(Role.SBB_REVIEWER)

    def test_anonymous_is_sent_to_login(self):
        for url in (
            IMPORT_URL,
            reverse("qualifications:import-detail", args=[1]),
            reverse("qualifications:import-status", args=[1]),
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith(reverse("login")))

    def test_school_authors_and_other_national_roles_are_refused(self):
        run = ImportRun.objects.create(kind=ImportRun.Kind.SBB_XML, file_name="x.xml")
        others = [self.alice, self.bob, self.charlie]
        others += [self.make_national_user(Role.INSPECTORATE_REVIEWER)]
        others += [self.make_national_user(Role.MINISTRY_STAFF)]
        for user in others:
            self.login(user)
            for url in (
                IMPORT_URL,
                reverse("qualifications:import-detail", args=[run.pk]),
                reverse("qualifications:import-status", args=[run.pk]),
            ):
                self.assertEqual(self.client.get(url).status_code, 403, (user, url))
            response = self.client.post(IMPORT_URL, {"sbb_files": [upload(sample_paths()[0])]})
            self.assertEqual(response.status_code, 403)
        self.assertFalse(QualificationFile.objects.exists())

    def test_sbb_reviewer_uploads_files_and_sees_results_and_history(self):
        self.login(self.sbb_user)
        paths = sample_paths()[:2]
        with open(DEMO_CSV, "rb") as handle:
            csv_upload = SimpleUploadedFile("keuzedelen.csv", handle.read(), "text/csv")
        response = self.client.post(
            IMPORT_URL, {"sbb_files": [upload(p) for p in paths], "electives_csv": csv_upload}
        )
        self.assertEqual(response.status_code, 302)
        runs = list(ImportRun.objects.order_by("pk"))
        self.assertEqual(
            [run.file_name for run in runs], [p.name for p in paths] + ["keuzedelen.csv"]
        )
        self.assertIn("runs=" + ",".join(str(run.pk) for run in runs), response["Location"])

        page = self.client.get(response["Location"])
        content = page.content.decode()
        for run in runs:
            self.assertEqual(run.status, ImportRun.Status.SUCCEEDED)
            self.assertEqual(run.started_by, self.sbb_user)
            self.assertTrue(stored_import_path(run).exists())
            # Result in the fragment, and a row in the history table with a detail link.
            self.assertIn(f'id="import-run-{run.pk}"', content)
            self.assertIn(
                f"{run.added} toegevoegd, 0 gewijzigd, {run.unchanged} ongewijzigd", content
            )
            self.assertIn(reverse("qualifications:import-detail", args=[run.pk]), content)
        self.assertNotIn('hx-trigger="every 1s"', content)
        for path in paths:
            self.assertTrue(
                QualificationFile.objects.filter(crebo=expected_from_xml(path)["crebo"]).exists()
            )
        self.assertTrue(ElectiveModule.objects.exists())

        # The same file again: no changes.
        response = self.client.post(IMPORT_URL, {"sbb_files": [upload(paths[0])]}, follow=True)
        self.assertContains(response, "geen wijzigingen")

    def test_bad_file_shows_the_error_and_changes_nothing(self):
        self.login(self.sbb_user)
        before = dump_tables()
        bad = SimpleUploadedFile("broken.xml", b"<sbb><dossiers>", content_type="text/xml")
        response = self.client.post(IMPORT_URL, {"sbb_files": [bad]}, follow=True)
        run = ImportRun.objects.get()
        self.assertEqual(run.status, ImportRun.Status.FAILED)
        self.assertIn("broken.xml, regel 1: ", run.error)
        self.assertContains(response, run.error)
        self.assertEqual(dump_tables(), before)

    def test_form_errors_are_shown(self):
        self.login(self.sbb_user)
        response = self.client.post(IMPORT_URL, {})
        self.assertContains(response, "Kies ten minste één bestand", status_code=400)
        text = SimpleUploadedFile("notes.txt", b"hello")
        response = self.client.post(IMPORT_URL, {"sbb_files": [text]})
        self.assertContains(response, "notes.txt", status_code=400)
        self.assertFalse(ImportRun.objects.exists())

    def test_status_fragment_polls_until_finished(self):
        self.login(self.sbb_user)
        run = ImportRun.objects.create(
            kind=ImportRun.Kind.SBB_XML, file_name="pending.xml", status=ImportRun.Status.RUNNING
        )
        url = reverse("qualifications:import-status", args=[run.pk])
        response = self.client.get(url)
        self.assertContains(response, f'hx-get="{url}"')
        self.assertContains(response, 'hx-trigger="every 1s"')
        self.assertContains(response, "<progress")
        run.status = ImportRun.Status.SUCCEEDED
        run.added = 7
        run.save()
        response = self.client.get(url)
        self.assertNotContains(response, "hx-trigger")
        self.assertContains(response, "7 toegevoegd")

    def test_detail_lists_the_changes(self):
        self.login(self.sbb_user)
        self.client.post(IMPORT_URL, {"sbb_files": [upload(sample_paths()[2])]})
        run = ImportRun.objects.get()
        response = self.client.get(reverse("qualifications:import-detail", args=[run.pk]))
        self.assertContains(response, "<h1>", count=1)
        first_objects = [change["object"] for change in run.changes[:100]]
        for label in first_objects:
            self.assertContains(response, f'<th scope="row">{label}</th>')
        self.assertEqual(
            len(re.findall(r'<th scope="row">', response.content.decode())), len(first_objects)
        )

    def test_administrator_may_use_the_page(self):
        self.login(self.make_national_user(Role.ADMINISTRATOR))
        self.assertEqual(self.client.get(IMPORT_URL).status_code, 200)

    def test_history_is_paginated_with_a_bounded_number_of_queries(self):
        self.login(self.sbb_user)
        response = self.client.get(IMPORT_URL)
        self.assertContains(response, "Nog geen imports")

        def make_runs(count):
            ImportRun.objects.bulk_create(
                ImportRun(
                    kind=ImportRun.Kind.SBB_XML,
                    file_name=f"file-{i}.xml",
                    started_by=[self.sbb_user, self.alice, None][i % 3],
                    status=ImportRun.Status.SUCCEEDED,
                )
                for i in range(count)
            )

        make_runs(3)
        with self.assert_max_queries(8):
            response = self.client.get(IMPORT_URL)
        self.assertContains(response, "file-2.xml")
        self.assertContains(response, "opdrachtregel")  # a run started with manage.py
        self.assertContains(response, "<td>alice</td>", html=False)
        make_runs(60)
        with self.assert_max_queries(8):
            response = self.client.get(IMPORT_URL)
        self.assertContains(response, "Pagina 1 van 4")
        response = self.client.get(IMPORT_URL + "?page=4")
        self.assertContains(response, "file-0.xml")

    def test_detail_of_a_command_line_run(self):
        self.login(self.sbb_user)
        result = import_sbb_file(sample_paths()[0])
        response = self.client.get(
            reverse("qualifications:import-detail", args=[result.import_run.pk])
        )
        self.assertContains(response, "opdrachtregel")
        self.assertContains(response, sample_paths()[0].name)

    def test_detail_names_changed_fields_in_words_and_leaves_out_derived_ones(self):
        path = sample_paths()[1]
        import_sbb_file(path)
        tree = parse_trusted(path)
        dossier = tree.getroot().find("dossiers/dossier")
        old_title = dossier.get("titel")
        dossier.set("titel", old_title + " (nieuwe versie)")
        dossier.find("dossiercrebos/dossiercrebo").set("Datum_einde_instroom", "01-08-2027")
        newer = Path(settings.MEDIA_ROOT) / "newer.xml"
        tree.write(newer, encoding="utf-8", xml_declaration=True)
        run = import_sbb_file(newer).import_run
        recorded = {change["field"] for change in run.changes}
        self.assertTrue({"title", "normalized_title", "end_of_intake"} <= recorded)

        self.login(self.sbb_user)
        response = self.client.get(reverse("qualifications:import-detail", args=[run.pk]))

        cells = re.findall(r"<td>([^<]*)</td>", response.content.decode())
        self.assertIn("titel", cells)
        self.assertIn("einde instroom", cells)
        self.assertIn(old_title + " (nieuwe versie)", cells)
        self.assertNotIn("normalized_title", response.content.decode())
        self.assertNotIn("end_of_intake", cells)
        self.assertEqual(
            len(re.findall(r'<th scope="row">', response.content.decode())),
            len([c for c in run.changes if c.get("field") != "normalized_title"]),
        )
