"""The certificates CSV on the import page: SBB only, outcome, errors with line numbers, audit."""

import shutil
import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from qualifications.models import ImportRun, VetCertificate
from tests.base import BaseTestCase

from .factories import CoreTaskFactory, QualificationFactory

IMPORT_URL = reverse("qualifications:import")
HEADER = "code,title,level,attached_to,qualification,core_task,keuzedeel,valid_from\n"


def csv_upload(text: str, name: str = "certificaten.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


class CertificatesUploadTests(BaseTestCase):
    @pytest.fixture(autouse=True)
    def _media(self, settings):
        media = tempfile.mkdtemp()
        settings.MEDIA_ROOT = media
        yield
        shutil.rmtree(media, ignore_errors=True)

    def setUp(self):
        self.sbb_user = self.make_national_user(Role.SBB_REVIEWER)
        qualification = QualificationFactory(crebo="25498")
        CoreTaskFactory(file=qualification.file, code="B1-K1")

    def test_alice_bob_and_charlie_cannot_upload_certificates(self):
        for user in (self.alice, self.bob, self.charlie):
            self.login(user)
            response = self.client.post(
                IMPORT_URL,
                {"certificates_csv": csv_upload(HEADER + "C-1,T,3,part,25498,B1-K1,,2026-08-01\n")},
            )
            self.assertEqual(response.status_code, 403)
        self.assertFalse(VetCertificate.objects.exists())
        self.assertFalse(ImportRun.objects.exists())

    def test_sbb_uploads_certificates_and_the_run_records_who_and_what(self):
        self.login(self.sbb_user)
        response = self.client.post(
            IMPORT_URL,
            {
                "certificates_csv": csv_upload(
                    HEADER + "C-1,Verzorgen,3,part,25498,B1-K1,,2026-08-01\n"
                )
            },
        )
        self.assertEqual(response.status_code, 302)
        run = ImportRun.objects.get()
        self.assertEqual(
            (run.kind, run.status, run.started_by, run.added),
            (ImportRun.Kind.CERTIFICATES_CSV, ImportRun.Status.SUCCEEDED, self.sbb_user, 1),
        )
        self.assertEqual(VetCertificate.objects.get().code, "C-1")
        detail = self.client.get(reverse("qualifications:import-detail", args=[run.pk]))
        self.assertContains(detail, "C-1")

    def test_a_bad_line_is_reported_with_its_number_and_nothing_is_written(self):
        self.login(self.sbb_user)
        text = (
            HEADER
            + "C-1,Goed,3,part,25498,B1-K1,,2026-08-01\nC-2,Fout,3,part,25498,B7-K7,,2026-08-01\n"
        )
        response = self.client.post(IMPORT_URL, {"certificates_csv": csv_upload(text)}, follow=True)
        self.assertEqual(response.status_code, 200)
        run = ImportRun.objects.get()
        self.assertEqual(run.status, ImportRun.Status.FAILED)
        self.assertIn("regel 3", run.error)
        self.assertContains(response, "regel 3")
        self.assertFalse(VetCertificate.objects.exists())

    def test_a_file_that_is_not_csv_is_refused_in_the_form(self):
        self.login(self.sbb_user)
        response = self.client.post(
            IMPORT_URL, {"certificates_csv": csv_upload("x", name="certificaten.xlsx")}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ImportRun.objects.exists())
