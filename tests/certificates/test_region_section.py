"""Certificate programmes on the region page and as a map indicator."""

import datetime

from django.urls import reverse

from certificates import selectors
from regions.selectors import INDICATORS
from tests.base import BaseTestCase

from .factories import CertificateProgrammeFactory


class RegionSectionTests(BaseTestCase):
    def test_programmes_to_come_show_on_the_region_page(self):
        CertificateProgrammeFactory(school=self.school, name="Komt nog")
        CertificateProgrammeFactory(
            school=self.school, name="Al voorbij", starts=[datetime.date(2020, 9, 1)]
        )
        response = self.client.get(reverse("regions:region_detail", args=[self.region.code]))
        self.assertContains(response, "Komt nog")
        self.assertNotContains(response, "Al voorbij")
        response = self.client.get(reverse("regions:region_detail", args=[self.other_region.code]))
        self.assertContains(response, "Geen certificaattrajecten")

    def test_the_map_indicator_counts_programmes_with_a_start_to_come(self):
        CertificateProgrammeFactory(
            school=self.school, starts=[datetime.date(2027, 9, 1), datetime.date(2028, 2, 1)]
        )
        CertificateProgrammeFactory(school=self.school)
        CertificateProgrammeFactory(school=self.other_school, starts=[datetime.date(2020, 9, 1)])
        self.assertEqual(selectors.upcoming_programme_counts(), {"AM06": 2})
        self.assertIs(
            INDICATORS["certificate_programmes"].count, selectors.upcoming_programme_counts
        )
        response = self.client.get(reverse("regions:map"), {"indicator": "certificate_programmes"})
        self.assertEqual(response.status_code, 200)
