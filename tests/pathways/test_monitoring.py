"""Monitoring for the ministry (view monitoring, selectors behind it)."""

import datetime

from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from pathways import selectors
from pathways.models import Route, RouteYear
from regions.models import Organisation

from .helpers import PathwayTestCase

S = Route.Status


class MonitoringTests(PathwayTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        tilburg_vmbo = Organisation.objects.create(
            kind="vmbo", code="31CD", name="Tilburg vmbo", region=cls.other_region
        )
        common = {
            "basis": "law",
            "location": "vmbo",
            "exam_responsible": "mbo",
            "combined_pta_oer": True,
        }
        deventer = {
            "vmbo_school": cls.vmbo_school,
            "mbo_institution": cls.school,
            "region": cls.region,
        }
        registered = {"duo_status": "registered", "duo_date": datetime.date(2021, 6, 1)}
        cls.a = Route.objects.create(
            **common,
            **deventer,
            **registered,
            status=S.ACTIVE,
            route_type="integrated",
            vmbo_track="bb",
            target_qualification=cls.level2,
            start_date=datetime.date(2021, 8, 1),
        )
        cls.b = Route.objects.create(
            **common,
            **deventer,
            **registered,
            status=S.ACTIVE,
            route_type="integrated",
            vmbo_track="kb",
            target_qualification=cls.level2,
            start_date=datetime.date(2022, 1, 10),
        )
        cls.c = Route.objects.create(
            **common,
            **registered,
            status=S.ACTIVE,
            route_type="continuous",
            vmbo_track="tl",
            target_qualification=cls.tech4,
            start_date=datetime.date(2021, 10, 1),
            vmbo_school=tilburg_vmbo,
            mbo_institution=cls.other_school,
            region=cls.other_region,
        )
        cls.d = Route.objects.create(
            **common,
            **deventer,
            **registered,
            status=S.ENDED,
            route_type="continuous",
            vmbo_track="gl",
            target_qualification=cls.level3,
            start_date=datetime.date(2021, 8, 1),
            ended_on=datetime.date(2021, 12, 15),
        )
        cls.draft = Route.objects.create(
            **common,
            **deventer,
            status=S.DRAFT,
            route_type="continuous",
            vmbo_track="gl",
            target_qualification=cls.level3,
            start_date=datetime.date(2022, 8, 1),
        )
        RouteYear.objects.create(
            route=cls.a, school_year="2021/22", started=10, left_without_place=2
        )
        RouteYear.objects.create(
            route=cls.a, school_year="2022/23", started=8, left_without_place=1
        )
        RouteYear.objects.create(
            route=cls.c, school_year="2021/22", started=9, left_without_place=4
        )

    def test_by_region_counts_active_routes_by_level_type_and_sector(self):
        rows = {row["code"]: row for row in selectors.coverage_by_region()}
        self.assertEqual(set(rows), {"AM06", "AM25"})
        self.assertEqual(rows["AM06"]["total"], 2)
        self.assertEqual(rows["AM06"]["level_list"], [0, 2, 0, 0])
        self.assertEqual(rows["AM06"]["types"], {"continuous": 0, "integrated": 2})
        self.assertEqual(rows["AM06"]["sector_list"], [("Zorg en welzijn", 2)])
        self.assertEqual(rows["AM25"]["level_list"], [0, 0, 0, 1])
        self.assertEqual(rows["AM25"]["sector_list"], [("Techniek", 1)])

    def test_regions_with_at_least_one_route(self):
        self.assertEqual(selectors.regions_with_routes(), {"covered": 2, "total": 35})
        Route.objects.filter(region=self.other_region).update(status=S.ENDED, ended_on="2022-01-01")
        self.assertEqual(selectors.regions_with_routes(), {"covered": 1, "total": 35})

    def test_coverage_over_time_per_quarter(self):
        quarters = selectors.coverage_over_time(today=datetime.date(2022, 3, 31))
        self.assertEqual(
            [(q["year"], q["quarter"], q["routes"], q["regions"]) for q in quarters],
            [(2021, 3, 2, 1), (2021, 4, 3, 2), (2022, 1, 3, 2)],
        )
        with translation.override("en"):
            self.assertEqual(selectors.quarter_label(quarters[0]), "2021 Q3")
        with translation.override("nl"):
            self.assertEqual(selectors.quarter_label(quarters[0]), "2021 K3")

    def test_students_without_place_count_only_integrated_routes(self):
        self.assertEqual(selectors.students_without_place_total(), {"students": 3, "routes": 1})

    def test_page_for_ministry_staff(self):
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        response = self.client.get(reverse("pathways:monitoring"))
        self.assertEqual(response.status_code, 200)
        overview = response.context["overview"]
        self.assertEqual(overview["regions_covered"]["covered"], 2)
        self.assertEqual(dict(overview["by_status"])[S.ACTIVE.label], 3)
        self.assertContains(response, "2 van 35")
        # Both counts in the sentence have their own plural (ngettext).
        self.assertContains(response, "3 leerlingen verlieten")
        self.assertContains(response, "(op 1 route;")
        # The chart of coverage over time gets the table's numbers (json_script).
        chart = response.context["over_time_chart"]
        quarters = overview["over_time"]
        self.assertGreater(len(quarters), 1)
        self.assertEqual(chart["labels"], [q["label"] for q in quarters])
        self.assertEqual(chart["datasets"][0]["data"], [q["routes"] for q in quarters])
        self.assertEqual(chart["datasets"][1]["data"], [q["regions"] for q in quarters])
        self.assertContains(response, '<script id="over-time-data" type="application/json">')
        self.assertContains(response, 'data-chart-source="over-time-data"')
        self.assertContains(response, 'id="over-time"')  # the table beside it

    def test_page_is_refused_to_others(self):
        url = reverse("pathways:monitoring")
        self.assertEqual(self.client.get(url).status_code, 302)
        for user in (self.alice, self.charlie, self.make_national_user(Role.INSPECTORATE_REVIEWER)):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 403)

    def test_ministry_home_shows_the_figures(self):
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        response = self.client.get(reverse("home"))
        self.assertContains(response, reverse("pathways:monitoring"))
        self.assertContains(response, "2 van 35")
