"""The certificate programme form names its partner companies by search (name or
KvK number, the companies of the school's region), as the route form does: no
long list of every company to scroll through."""

import datetime

from django.urls import reverse

from certificates.models import CertificateProgramme
from regions.models import Organisation
from tests.base import BaseTestCase
from tests.qualifications.factories import ElectiveModuleFactory, VetCertificateFactory

from .factories import CertificateProgrammeFactory

CREATE = reverse("certificates:programme-create")
COMPANIES = reverse("regions:company_choices")


class ProgrammePartnerSearchTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.certificate = VetCertificateFactory(
            elective=ElectiveModuleFactory(code="K0123"), valid_from=datetime.date(2026, 8, 1)
        )
        cls.company = Organisation.objects.create(
            kind="company", code="12345678", name="Zorggroep Salland", region=cls.region
        )
        cls.far_company = Organisation.objects.create(
            kind="company", code="87654321", name="Zorggroep Tilburg", region=cls.other_region
        )

    def data(self, **changes):
        data = {
            "name": "Praktijkopleider in deeltijd",
            "certificate": self.certificate.pk,
            "region": self.region.pk,
            "starts": "1-9-2027",
            "description": "",
        }
        data.update(changes)
        return data

    def test_the_form_searches_the_companies_of_the_schools_region(self):
        self.login(self.alice)
        html = self.client.get(CREATE).content.decode()
        self.assertIn('<input type="search" name="partner_search"', html)
        self.assertIn(f'hx-get="{COMPANIES}?regio={self.region.code}"', html)
        # None chosen yet, so none listed: the search finds them.
        self.assertNotIn('name="partners"', html)
        self.assertNotIn("Zorggroep", html)

        found = self.client.get(
            COMPANIES, {"partner_search": "zorggroep", "regio": self.region.code}
        )
        self.assertContains(found, f'name="partners" value="{self.company.pk}"')
        self.assertContains(found, "Zorggroep Salland (12345678)")
        self.assertNotContains(found, "Zorggroep Tilburg")
        # Without a region the search covers every company (the route form).
        everywhere = self.client.get(COMPANIES, {"partner_search": "zorggroep"})
        self.assertContains(everywhere, "Zorggroep Tilburg")

    def test_a_company_found_is_saved_and_shown_ticked_when_changing(self):
        self.login(self.alice)
        self.client.post(CREATE, self.data(partners=[self.company.pk]))
        programme = CertificateProgramme.objects.get()
        self.assertEqual(list(programme.partners.all()), [self.company])
        edit = reverse("certificates:programme-edit", args=[programme.pk])
        html = self.client.get(edit).content.decode()
        self.assertRegex(html, rf'name="partners"[^>]*value="{self.company.pk}"[^>]*checked')
        self.assertIn("Zorggroep Salland (12345678)", html)
        self.assertNotIn("Zorggroep Tilburg", html)

    def test_without_javascript_the_search_button_lists_companies_and_saves_nothing(self):
        self.login(self.alice)
        data = self.data(partner_search="zorggroep", action="search_partners")
        response = self.client.post(CREATE, data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(CertificateProgramme.objects.exists())
        html = response.content.decode()
        self.assertIn(f'name="partners" value="{self.company.pk}"', html)
        self.assertNotIn("Zorggroep Tilburg", html)
        # What was typed is kept, and no error is shown for a search.
        self.assertIn('value="Praktijkopleider in deeltijd"', html)
        self.assertIn('value="zorggroep"', html)
        self.assertNotIn("form-field--invalid", html)

    def test_the_search_button_on_the_change_form_saves_nothing(self):
        programme = CertificateProgrammeFactory(school=self.school, name="Oude naam")
        edit = reverse("certificates:programme-edit", args=[programme.pk])
        self.login(self.alice)
        response = self.client.post(
            edit, self.data(name="Nieuwe naam", partner_search="salland", action="search_partners")
        )
        self.assertContains(response, f'name="partners" value="{self.company.pk}"')
        programme.refresh_from_db()
        self.assertEqual(programme.name, "Oude naam")
