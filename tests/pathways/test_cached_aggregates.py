"""The monitor's figures, the map's pathway counts and the ministry's XLSX download
are cached (core.aggregates) and follow every change of the routes they count."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from pathways import selectors
from pathways.models import Route, RouteYear
from regions.selectors import get_indicator, indicator_values

from .helpers import PathwayTestCase

S = Route.Status


def active_in_monitor() -> int:
    return dict(selectors.monitoring_overview()["by_status"])[S.ACTIVE.label]


class CachedAggregateTests(PathwayTestCase):
    def test_the_monitor_is_read_from_the_cache_until_a_route_changes(self):
        route = self.make_route(status=S.ACTIVE)
        self.assertEqual(active_in_monitor(), 1)
        with self.assertNumQueries(0):
            self.assertEqual(active_in_monitor(), 1)

        route.status = S.ENDED
        route.save()
        self.assertEqual(active_in_monitor(), 0)

        self.make_route(status=S.ACTIVE, vmbo_track="kb")
        self.assertEqual(active_in_monitor(), 1)

        Route.objects.get(vmbo_track="kb").delete()
        self.assertEqual(active_in_monitor(), 0)

    def test_the_monitor_follows_a_school_year_with_students_without_a_place(self):
        route = self.make_route(status=S.ACTIVE)
        self.assertEqual(selectors.monitoring_overview()["without_place"]["students"], 0)
        RouteYear.objects.create(route=route, school_year="2022/23", left_without_place=2)
        self.assertEqual(selectors.monitoring_overview()["without_place"]["students"], 2)

    def test_the_map_indicator_follows_a_new_active_route(self):
        indicator = get_indicator("pathways")
        regions = [self.region]
        self.assertEqual(indicator_values(indicator, regions), {self.region.code: 0})
        with self.assertNumQueries(0):
            indicator_values(indicator, regions)
        self.make_route(status=S.ACTIVE)
        self.assertEqual(indicator_values(indicator, regions), {self.region.code: 1})

    def test_the_xlsx_download_follows_a_changed_route_and_a_renamed_school(self):
        route = self.make_route(status=S.ACTIVE)
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        url = reverse("pathways:export-xlsx")

        def tracks_and_schools():
            sheet = load_workbook(io.BytesIO(self.client.get(url).content)).active
            rows = list(sheet.iter_rows(min_row=2, values_only=True))
            return [(row[8], row[1]) for row in rows]

        first = tracks_and_schools()
        self.assertEqual(len(first), 1)
        route.vmbo_track = "kb"
        route.save()
        second = tracks_and_schools()
        self.assertNotEqual(second, first)
        self.vmbo_school.name = "Hernoemde vmbo-school"
        self.vmbo_school.save()
        self.assertEqual(tracks_and_schools()[0][1], "Hernoemde vmbo-school")
