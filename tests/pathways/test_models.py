"""Database constraints of the pathways models."""

from django.db import IntegrityError, transaction

from pathways.models import Route, RouteYear

from .helpers import PathwayTestCase


class ConstraintTests(PathwayTestCase):
    def assert_refused(self, make):
        with self.assertRaises(IntegrityError), transaction.atomic():
            make()

    def test_the_two_schools_differ(self):
        self.assert_refused(lambda: self.make_route(mbo_institution=self.vmbo_school))

    def test_active_only_when_registered_with_duo(self):
        self.assert_refused(lambda: self.make_route(status=Route.Status.ACTIVE, duo_status="none"))

    def test_unknown_values_are_refused(self):
        self.assert_refused(lambda: self.make_route(vmbo_track="xx"))
        self.assert_refused(lambda: self.make_route(status="approved"))

    def test_school_year_numbers(self):
        route = self.make_route(status=Route.Status.ACTIVE)
        RouteYear.objects.create(route=route, school_year="2021/22", started=3)
        self.assert_refused(lambda: RouteYear.objects.create(route=route, school_year="2021/22"))
        self.assert_refused(
            lambda: RouteYear.objects.create(route=route, school_year="2022/23", left_to_entree=-1)
        )
