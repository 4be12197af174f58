"""The pathways indicator on the public map and the section on the region page."""

from django.urls import reverse

from pathways.models import Route
from regions import selectors as region_selectors

from .helpers import PathwayTestCase


class RegionHookTests(PathwayTestCase):
    def test_map_indicator_counts_active_routes_per_region(self):
        # The map draws regions that have a geometry.
        self.region.geometry = {
            "type": "Polygon",
            "coordinates": [[[6.1, 52.2], [6.2, 52.2], [6.2, 52.3], [6.1, 52.2]]],
        }
        self.region.save()
        indicator = region_selectors.get_indicator("pathways")
        self.assertEqual(indicator.count(), {})
        self.make_route(status=Route.Status.ACTIVE)
        self.make_route(status=Route.Status.ACTIVE, vmbo_track="kb")
        self.make_route(status=Route.Status.VALIDATED)
        self.make_route(status=Route.Status.ENDED)
        self.assertEqual(indicator.count(), {"AM06": 2})
        response = self.client.get(reverse("regions:map"), {"indicator": "pathways"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["total"], 2)

    def test_region_page_lists_active_routes_with_public_fields(self):
        active = self.make_route(status=Route.Status.ACTIVE)
        draft = self.make_route(vmbo_track="kb", switch_arrangement="Geheime afspraak")
        response = self.client.get(reverse("regions:region_detail", args=["AM06"]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, reverse("pathways:route-detail", args=[active.pk]))
        self.assertNotContains(response, reverse("pathways:route-detail", args=[draft.pk]))
        self.assertNotContains(response, active.financial_arrangements)
        other = self.client.get(reverse("regions:region_detail", args=["AM25"]))
        self.assertNotContains(other, reverse("pathways:route-detail", args=[active.pk]))
