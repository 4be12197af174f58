"""The reference-data imports pass the input boundary (issue 12, finding 6 and 9,
for the CSVs of issue 15): a control character in a cell, a
study load beyond any programme or with more digits than Python reads, a level
of thousands of digits and a date in 9999 are refused naming file and line,
and nothing is written — instead of "an unexpected error" (PostgreSQL refuses a
NUL and an integer beyond 32 bits) or a stored value. And an uploaded file
with a name of 1,000 characters is a form error, not a 500."""

import shutil
import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from qualifications.certificate_import import CertificatesImportError, import_certificates_csv
from qualifications.models import ElectiveModule, ImportRun, VetCertificate
from qualifications.services import ElectivesImportError, import_electives_csv
from tests.base import BaseTestCase

from .factories import ElectiveModuleFactory

ELECTIVES = "code,title,level,sbu,certificate\n"
CERTIFICATES = "code,title,level,attached_to,qualification,core_task,keuzedeel,valid_from\n"


def write(tmp_path, text: str):
    path = tmp_path / "bestand.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("K0123,Zorg\x00x,2,240,no", "control character"),
        ("K0123,Zorg\x01x,2,240,no", "control character"),
        ("K0123,Zorg,2,2147483648,no", "10000"),
        ("K0123,Zorg,2," + "9" * 5000 + ",no", "10000"),
        ("K0123,Zorg,2,²,no", "positive whole number"),
        ("K0123,Zorg," + "1" * 5000 + ",240,no", "is not empty, 1, 2, 3 or 4"),
    ],
)
def test_hostile_keuzedelen_rows_are_refused_naming_the_line(tmp_path, row, expected, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(ElectivesImportError) as raised:
        import_electives_csv(write(tmp_path, ELECTIVES + row + "\n"))
    assert "bestand.csv, line 2" in str(raised.value)
    assert expected in str(raised.value)
    assert not ElectiveModule.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("C1,Certificaat\x00,2,keuzedeel,,,K0123,2026-08-01", "control character"),
        ("C1,=cmd|' /C calc'!A0\x1b,2,keuzedeel,,,K0123,2026-08-01", "control character"),
        ("C1,Certificaat,2,keuzedeel,,,K0123,9999-12-31", "2200"),
        ("C1,Certificaat," + "2" * 5000 + ",keuzedeel,,,K0123,2026-08-01", "1, 2, 3 or 4"),
    ],
)
def test_hostile_certificate_rows_are_refused_naming_the_line(tmp_path, row, expected, settings):
    settings.LANGUAGE_CODE = "en"
    ElectiveModuleFactory(code="K0123")
    with pytest.raises(CertificatesImportError) as raised:
        import_certificates_csv(write(tmp_path, CERTIFICATES + row + "\n"))
    assert "bestand.csv" in str(raised.value)
    assert expected in str(raised.value)
    assert not VetCertificate.objects.exists()


class LongFileNameTests(BaseTestCase):
    @pytest.fixture(autouse=True)
    def _media(self, settings):
        media = tempfile.mkdtemp()
        settings.MEDIA_ROOT = media
        yield
        shutil.rmtree(media, ignore_errors=True)

    def test_a_file_name_of_1000_characters_is_a_form_error_and_nothing_is_queued(self):
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        upload = SimpleUploadedFile("k" * 996 + ".csv", ELECTIVES.encode(), "text/csv")
        response = self.client.post(reverse("qualifications:import"), {"electives_csv": upload})
        self.assertContains(response, "200", status_code=400)
        self.assertContains(response, "kortere naam", status_code=400)
        self.assertFalse(ImportRun.objects.exists())

    def test_a_long_name_of_accented_letters_is_stored_within_the_file_system_limit(self):
        """150 characters pass the form, but "é" takes two bytes: 300 bytes are more
        than a file system allows in one name."""
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        upload = SimpleUploadedFile(
            "é" * 150 + ".csv", (ELECTIVES + "K0123,Zorg,2,240,no\n").encode(), "text/csv"
        )
        response = self.client.post(reverse("qualifications:import"), {"electives_csv": upload})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ImportRun.objects.get().status, ImportRun.Status.SUCCEEDED)
