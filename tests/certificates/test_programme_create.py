"""Registering a certificate programme: mbo school staff only, for their own school."""

import datetime

from django.urls import reverse

from accounts.models import Role
from certificates.models import CertificateProgramme, ProgrammeEvent
from regions.models import Organisation
from tests.base import BaseTestCase, make_user
from tests.qualifications.factories import ElectiveModuleFactory, VetCertificateFactory

URL = reverse("certificates:programme-create")


class ProgrammeCreateTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.certificate = VetCertificateFactory(
            elective=ElectiveModuleFactory(code="K0123"),
            code="C-1",
            title="Praktijkopleider",
            valid_from=datetime.date(2026, 8, 1),
        )
        cls.company = Organisation.objects.create(
            kind="company", code="12345678", name="Zorggroep Salland", region=cls.region
        )
        cls.far_company = Organisation.objects.create(
            kind="company", code="87654321", name="Bouwbedrijf Tilburg", region=cls.other_region
        )

    def data(self, **changes):
        data = {
            "name": "Praktijkopleider in deeltijd",
            "certificate": self.certificate.pk,
            "region": self.region.pk,
            "partners": [self.company.pk],
            "starts": "1-9-2027\n2028-02-01\n1-9-2027",
            "description": "Op dinsdagavond.",
        }
        data.update(changes)
        return data

    def test_alice_registers_a_programme_of_her_own_school(self):
        self.login(self.alice)
        form = self.client.get(URL)
        # Partner companies are found by search (test_programme_partner_search.py).
        self.assertContains(form, 'name="partner_search"')
        response = self.client.post(URL, self.data(school=self.other_school.pk))
        programme = CertificateProgramme.objects.get()
        self.assertRedirects(
            response, reverse("certificates:programme-detail", args=[programme.pk])
        )
        self.assertEqual(programme.school, self.school)  # never the school the form names
        self.assertEqual(
            list(programme.starts.values_list("starts_on", flat=True)),
            [datetime.date(2027, 9, 1), datetime.date(2028, 2, 1)],
        )
        self.assertEqual(list(programme.partners.all()), [self.company])
        event = programme.events.get()
        self.assertEqual((event.action, event.user), (ProgrammeEvent.Action.REGISTERED, self.alice))

    def test_bob_and_charlie_register_for_their_own_schools(self):
        for user, school in ((self.bob, self.school), (self.charlie, self.other_school)):
            self.login(user)
            self.client.post(URL, self.data(name=f"Traject {user.username}", partners=[]))
            self.assertEqual(
                CertificateProgramme.objects.get(name=f"Traject {user.username}").school, school
            )

    def test_others_may_not_register(self):
        self.assertEqual(self.client.get(URL).status_code, 302)  # to the login page
        vmbo = Organisation.objects.create(
            kind="vmbo", code="11AA", name="Vmbo", region=self.region
        )
        users = [make_user("vmbo-author", vmbo)]
        users += [
            self.make_national_user(role) for role in (Role.SBB_REVIEWER, Role.MINISTRY_STAFF)
        ]
        for user in users:
            self.login(user)
            self.assertEqual(self.client.get(URL).status_code, 403, user)
            self.assertEqual(self.client.post(URL, self.data()).status_code, 403, user)
        self.assertFalse(CertificateProgramme.objects.exists())

    def test_bad_input_is_explained_and_nothing_is_saved(self):
        self.login(self.alice)
        cases = [
            ({"starts": "31-2-2027"}, "is geen datum"),
            ({"starts": ""}, "Dit veld is vereist"),
            ({"starts": "1-9-2025"}, "geldig vanaf 1 augustus 2026"),
            ({"certificate": "999999"}, "Selecteer een geldige keuze"),
            ({"partners": [self.far_company.pk + 1000]}, "Selecteer een geldige keuze"),
            ({"name": ""}, "Dit veld is vereist"),
        ]
        for changes, message in cases:
            response = self.client.post(URL, self.data(**changes))
            self.assertEqual(response.status_code, 400, changes)
            self.assertContains(response, message, status_code=400)
        self.assertFalse(CertificateProgramme.objects.exists())
