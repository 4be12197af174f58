"""The public page of one certificate programme."""

from django.urls import reverse

from regions.models import Organisation
from tests.base import BaseTestCase
from tests.qualifications.factories import (
    CoreTaskFactory,
    QualificationFactory,
    VetCertificateFactory,
)

from .factories import CertificateProgrammeFactory


class ProgrammeDetailTests(BaseTestCase):
    def setUp(self):
        self.programme = CertificateProgrammeFactory(school=self.school, name="Avondtraject")
        self.company = Organisation.objects.create(
            kind="company", code="12345678", name="Zorggroep Salland", region=self.region
        )
        self.programme.partners.add(self.company)
        self.url = reverse("certificates:programme-detail", args=[self.programme.pk])

    def test_anyone_sees_school_certificate_region_partners_and_dates(self):
        for user in (None, self.alice, self.bob, self.charlie):
            if user:
                self.login(user)
            response = self.client.get(self.url)
            self.assertContains(response, "Alice&#x27;s ROC (25PZ)")
            self.assertContains(response, "Zorggroep Salland (KvK 12345678)")
            self.assertContains(response, "1 september 2027")
            self.assertContains(response, str(self.programme.certificate.title))
            self.assertContains(response, "(AM06)")

    def test_only_the_schools_staff_see_the_change_link_and_history(self):
        edit = reverse("certificates:programme-edit", args=[self.programme.pk])
        for user, shown in ((self.alice, True), (self.bob, True), (self.charlie, False)):
            self.login(user)
            response = self.client.get(self.url)
            self.assertEqual(edit in response.content.decode(), shown, user)

    def test_an_unknown_programme_is_a_404(self):
        url = reverse("certificates:programme-detail", args=[self.programme.pk + 1])
        self.assertEqual(self.client.get(url).status_code, 404)


class ProgrammeOnACoreTaskTests(BaseTestCase):
    def test_the_qualification_reads_with_its_crebo_beside_it(self):
        qualification = QualificationFactory(title="Helpende zorg en welzijn", crebo="25498")
        certificate = VetCertificateFactory(
            core_task=CoreTaskFactory(qualification=qualification, code="P2-K1")
        )
        programme = CertificateProgrammeFactory(school=self.school, certificate=certificate)
        response = self.client.get(reverse("certificates:programme-detail", args=[programme.pk]))
        self.assertContains(response, "Helpende zorg en welzijn</a> (crebo 25498)")
