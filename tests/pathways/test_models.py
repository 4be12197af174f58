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


class RouteEventNoteTests(PathwayTestCase):
    def test_dates_in_the_history_read_as_the_ui_writes_dates(self):
        from django.utils import translation

        from pathways.models import RouteEvent

        route = self.make_route()
        duo = RouteEvent(
            route=route, action=RouteEvent.Action.DUO_RECORDED, note="registered 2021-06-01"
        )
        ended = RouteEvent(route=route, action=RouteEvent.Action.ENDED, note="2026-07-31")
        other = RouteEvent(route=route, action=RouteEvent.Action.ENDED, note="no date")
        with translation.override("nl"):
            self.assertEqual(ended.note_display(), "31 juli 2026")
            self.assertTrue(duo.note_display().endswith(" 1 juni 2021"), duo.note_display())
            self.assertEqual(other.note_display(), "no date")
        with translation.override("en"):
            self.assertEqual(ended.note_display(), "31 July 2026")
