"""The public list of certificate programmes: search, region filter, pages, empty states."""

import pytest
from django.urls import reverse

from tests.base import BaseTestCase

from .factories import CertificateProgrammeFactory

URL = reverse("certificates:programme-list")


class ProgrammeListTests(BaseTestCase):
    @pytest.fixture(autouse=True)
    def _query_guard(self, django_assert_max_num_queries):
        self.assert_max_queries = django_assert_max_num_queries

    def names(self, response) -> list[str]:
        return [programme.name for programme in response.context["page_obj"]]

    def test_everyone_sees_all_schools_programmes_only_school_staff_may_register(self):
        CertificateProgrammeFactory(school=self.school, name="Van Alice")
        CertificateProgrammeFactory(school=self.other_school, name="Van Charlie")
        create = reverse("certificates:programme-create")
        for user, may_register in (
            (None, False),
            (self.alice, True),
            (self.bob, True),
            (self.charlie, True),
        ):
            if user:
                self.login(user)
            response = self.client.get(URL)
            self.assertEqual(sorted(self.names(response)), ["Van Alice", "Van Charlie"])
            self.assertEqual(create in response.content.decode(), may_register, user)

    def test_search_and_region_filter(self):
        CertificateProgrammeFactory(school=self.school, name="Zorg in de avond")
        CertificateProgrammeFactory(school=self.other_school, name="Bouw overdag")
        self.assertEqual(self.names(self.client.get(URL, {"q": "avond"})), ["Zorg in de avond"])
        self.assertEqual(self.names(self.client.get(URL, {"q": "26QA"})), ["Bouw overdag"])
        response = self.client.get(URL, {"region": self.other_region.pk})
        self.assertEqual(self.names(response), ["Bouw overdag"])
        response = self.client.get(URL, {"q": "niets"})
        self.assertContains(response, "Geen certificaattraject")
        response = self.client.get(URL, {"region": "x"})
        self.assertEqual((response.status_code, self.names(response)), (200, []))

    def test_empty_state(self):
        self.assertContains(self.client.get(URL), "Er zijn nog geen certificaattrajecten")

    def test_pages_of_twenty_with_a_bounded_number_of_queries(self):
        for number in range(25):
            CertificateProgrammeFactory(school=self.school, name=f"Traject {number:02d}")
        with self.assert_max_queries(4):  # regions for the filter, count, page, start dates
            response = self.client.get(URL, {"page": 2})
        self.assertEqual(len(self.names(response)), 5)
