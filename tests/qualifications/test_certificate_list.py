"""The public certificates page: search by word, sector and level, pagination, empty states."""

import datetime

import pytest
from django.urls import reverse

from qualifications.models import SectorChamber
from tests.base import BaseTestCase

from .factories import (
    CoreTaskFactory,
    ElectiveModuleFactory,
    QualificationFactory,
    VetCertificateFactory,
)

URL = reverse("qualifications:certificate-list")


class CertificateListTests(BaseTestCase):
    @pytest.fixture(autouse=True)
    def _query_guard(self, django_assert_max_num_queries):
        self.assert_max_queries = django_assert_max_num_queries

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.care = SectorChamber.objects.create(number="1", title="Zorg, welzijn en sport")
        cls.building = SectorChamber.objects.create(number="2", title="Bouw en techniek")
        qualification = QualificationFactory(title="Verzorgende-IG", crebo="25498", level=3)
        qualification.file.sector_chamber = cls.care
        qualification.file.save()
        task = CoreTaskFactory(file=qualification.file, code="B1-K1", title="Biedt zorg")
        cls.part = VetCertificateFactory(
            core_task=task,
            qualification=qualification,
            code="C-ZORG",
            title="Persoonlijke verzorging",
            level=3,
            valid_from=datetime.date(2026, 8, 1),
        )
        builder = QualificationFactory(title="Timmerman", crebo="25100", level=2)
        builder.file.sector_chamber = cls.building
        builder.file.save()
        VetCertificateFactory(
            core_task=CoreTaskFactory(file=builder.file, code="B1-K1"),
            qualification=builder,
            code="C-BOUW",
            title="Kozijnen plaatsen",
        )
        VetCertificateFactory(
            elective=ElectiveModuleFactory(code="K0123", title="Praktijkopleider", level=4),
            code="C-KD",
            title="Praktijkopleider in de zorg",
        )

    def titles(self, response) -> list[str]:
        return [certificate.title for certificate in response.context["page_obj"]]

    def test_anyone_sees_the_certificates_with_code_level_part_and_date(self):
        for user in (None, self.alice, self.bob, self.charlie):
            if user:
                self.login(user)
            response = self.client.get(URL)
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, "Persoonlijke verzorging (C-ZORG)")
            self.assertContains(response, "Verzorgende-IG</a> (crebo 25498)")
            self.assertContains(response, "1 augustus 2026")
            self.assertContains(response, "Praktijkopleider</a> (K0123)")

    def test_search_by_word_code_crebo_sector_and_level(self):
        cases = [
            ({"q": "verzorging"}, ["Persoonlijke verzorging"]),
            ({"q": "c-bouw"}, ["Kozijnen plaatsen"]),
            ({"q": "25498"}, ["Persoonlijke verzorging"]),
            ({"q": "K0123"}, ["Praktijkopleider in de zorg"]),
            ({"q": "zorg"}, ["Persoonlijke verzorging", "Praktijkopleider in de zorg"]),
            ({"sector": self.building.pk}, ["Kozijnen plaatsen"]),
            ({"level": 2}, ["Kozijnen plaatsen"]),  # the level of its qualification
            ({"level": 4}, ["Praktijkopleider in de zorg"]),  # the level of its keuzedeel
            ({"q": "zorg", "level": 3}, ["Persoonlijke verzorging"]),
        ]
        for params, expected in cases:
            response = self.client.get(URL, params)
            self.assertEqual(sorted(self.titles(response)), sorted(expected), params)

    def test_no_match_and_bad_filters_show_an_empty_state_not_an_error(self):
        response = self.client.get(URL, {"q": "onbestaand"})
        self.assertContains(response, "Geen certificaat")
        response = self.client.get(URL, {"level": "9", "sector": "abc", "page": "x"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.titles(response), [])

    def test_pages_of_twenty_with_a_bounded_number_of_queries(self):
        for number in range(45):
            VetCertificateFactory(elective=ElectiveModuleFactory(), code=f"X-{number}")
        with self.assert_max_queries(3):  # count, the sectors for the filter, the page
            response = self.client.get(URL, {"page": 3})
        self.assertEqual(len(self.titles(response)), 8)


def test_an_empty_register_says_so(client, db):
    response = client.get(URL)
    assert "Er zijn nog geen mbo-certificaten" in response.content.decode()
