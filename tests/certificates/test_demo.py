"""The demo certificates (CSV) and the demo certificate programme: loaded on the SBB
samples and demo schools, idempotent, skipped when what they need is missing."""

import io

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase

from certificates.demo import load_demo_programmes
from certificates.models import CertificateProgramme
from portal.management.commands.load_demo import DEMO_CERTIFICATES_CSV
from qualifications.models import VetCertificate
from regions.demo import load_demo_organisations


class DemoProgrammeTests(TestCase):
    def test_nothing_happens_without_the_school_and_certificate(self):
        self.assertEqual(load_demo_programmes(), 0)
        self.assertFalse(CertificateProgramme.objects.exists())

    def test_demo_certificates_and_programme_load_once(self):
        call_command("import_regions", stdout=io.StringIO())
        load_demo_organisations()
        sbb_files = sorted(str(path) for path in (settings.DATA_DIR / "sbb").glob("*.xml"))
        call_command("import_sbb", *sbb_files, stdout=io.StringIO())
        call_command(
            "import_keuzedelen",
            str(settings.BASE_DIR / "qualifications" / "demo" / "keuzedelen.csv"),
            stdout=io.StringIO(),
        )
        call_command("import_certificates", str(DEMO_CERTIFICATES_CSV), stdout=io.StringIO())
        self.assertEqual(VetCertificate.objects.exclude(code="").count(), 5)
        self.assertEqual(load_demo_programmes(), 1)
        self.assertEqual(load_demo_programmes(), 0)
        programme = CertificateProgramme.objects.get()
        self.assertEqual((programme.school.code, programme.region.code), ("99XA", "AM06"))
        self.assertEqual(programme.partners.count(), 2)
        self.assertEqual(programme.starts.count(), 2)
