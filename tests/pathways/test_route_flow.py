"""The route's state machine through its views: each step allowed and refused
by role and status (send, return, confirm, DUO registration, end, school-year numbers)."""

import datetime

from django.conf import settings
from django.urls import reverse

from accounts.models import Role
from pathways.models import Route, RouteEvent, RouteYear

from .helpers import PathwayTestCase

S = Route.Status
ALL_STATUSES = list(S)

# action: (url name, POST data, statuses it is allowed from, status afterwards)
STEPS = {
    "submit": ("route-submit", {}, {S.DRAFT}, S.AWAITING_CONFIRMATION),
    "return": ("route-return", {"note": "Nog niet"}, {S.AWAITING_CONFIRMATION}, S.DRAFT),
    "confirm": ("route-confirm", {}, {S.AWAITING_CONFIRMATION}, S.VALIDATED),
    "duo": ("route-duo", {"status": "registered", "date": "2021-06-01"}, {S.VALIDATED}, S.ACTIVE),
    "end": ("route-end", {"ended_on": "2023-07-31"}, {S.ACTIVE}, S.ENDED),
}


class StateMachineTests(PathwayTestCase):
    """make_route(AWAITING_CONFIRMATION) was sent by Victor's vmbo: Alice's ROC confirms."""

    def attempt(self, user, step, status):
        url_name, data, _allowed, _target = STEPS[step]
        route = self.make_route(status=status)
        self.login(user)
        response = self.client.post(reverse(f"pathways:{url_name}", args=[route.pk]), data)
        route.refresh_from_db()
        return response, route

    def test_each_step_by_status_for_a_school_of_the_route(self):
        for step, (_url, _data, allowed, target) in STEPS.items():
            for status in ALL_STATUSES:
                # Alice is the partner for confirm; for the others either school will do.
                with self.subTest(step=step, status=status):
                    response, route = self.attempt(self.alice, step, status)
                    if status in allowed:
                        self.assertEqual(route.status, target)
                        event = route.events.get()
                        self.assertEqual(
                            (event.actor, event.from_state, event.to_state),
                            (self.alice, status.value, target.value),
                        )
                    else:
                        self.assertIn(response.status_code, (302, 200))
                        self.assertEqual(route.status, status)
                        self.assertFalse(route.events.exists())

    def test_the_school_that_sent_the_route_cannot_confirm_it(self):
        response, route = self.attempt(self.victor, "confirm", S.AWAITING_CONFIRMATION)
        self.assertEqual(route.status, S.AWAITING_CONFIRMATION)
        self.assertFalse(route.events.exists())

    def test_either_school_may_return_a_route_to_draft(self):
        for user in (self.victor, self.alice):
            with self.subTest(user=user.username):
                _response, route = self.attempt(user, "return", S.AWAITING_CONFIRMATION)
                self.assertEqual(route.status, S.DRAFT)
                self.assertEqual(route.events.get().note, "Nog niet")

    def test_others_cannot_take_any_step(self):
        outsiders = {
            "charlie": (self.charlie, 404),
            "ministry": (self.make_national_user(Role.MINISTRY_STAFF), 403),
            "inspectorate": (self.make_national_user(Role.INSPECTORATE_REVIEWER), 403),
        }
        for step, (_url, _data, allowed, _target) in STEPS.items():
            status = next(iter(allowed))
            for name, (user, expected) in outsiders.items():
                with self.subTest(step=step, user=name):
                    response, route = self.attempt(user, step, status)
                    # Charlie may see a public (active) route, so he gets 403 there.
                    if name == "charlie" and status in Route.PUBLIC_STATUSES:
                        expected = 403
                    self.assertEqual(response.status_code, expected)
                    self.assertEqual(route.status, status)
                    self.assertFalse(route.events.exists())

    def test_confirm_runs_the_rules_again_and_errors_block(self):
        # Sent while valid, then the qualification turned out to be level 3.
        route = self.make_route(status=S.AWAITING_CONFIRMATION, target_qualification=self.level3)
        self.login(self.alice)
        response = self.client.post(reverse("pathways:route-confirm", args=[route.pk]), follow=True)
        route.refresh_from_db()
        self.assertEqual(route.status, S.AWAITING_CONFIRMATION)
        self.assertIn("DL-03", [f.rule for f in response.context["findings"]])

    def test_duo_submitted_keeps_the_route_validated_and_registered_makes_it_active(self):
        route = self.make_route(status=S.VALIDATED)
        url = reverse("pathways:route-duo", args=[route.pk])
        self.login(self.victor)
        self.client.post(url, {"status": "submitted", "date": "2021-05-20"})
        route.refresh_from_db()
        self.assertEqual((route.status, route.duo_status), (S.VALIDATED, "submitted"))
        response = self.client.post(url, {"status": "registered", "date": ""})
        self.assertEqual(response.status_code, 200)
        self.assertIn("date", response.context["form"].errors)
        self.client.post(url, {"status": "registered", "date": "2021-06-01"})
        route.refresh_from_db()
        self.assertEqual(
            (route.status, route.duo_status, route.duo_date),
            (S.ACTIVE, "registered", datetime.date(2021, 6, 1)),
        )
        self.assertEqual(
            list(route.events.values_list("action", "to_state")),
            [("duo_recorded", "validated"), ("duo_recorded", "active")],
        )

    def test_the_duo_step_in_the_history_reads_in_the_readers_language(self):
        route = self.make_route(status=S.VALIDATED)
        self.login(self.alice)
        self.client.post(
            reverse("pathways:route-duo", args=[route.pk]),
            {"status": "registered", "date": "2021-06-01"},
        )
        url = reverse("pathways:route-detail", args=[route.pk])
        self.assertContains(self.client.get(url), "geregistreerd door DUO 1 juni 2021")
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        english = self.client.get(url)
        self.assertContains(english, "registered by DUO 1 June 2021")
        self.assertNotContains(english, "geregistreerd door DUO")

    def test_duo_registration_runs_the_rules_again(self):
        route = self.make_route(status=S.VALIDATED, agreement_signed_on=None)
        self.login(self.alice)
        self.client.post(
            reverse("pathways:route-duo", args=[route.pk]),
            {"status": "registered", "date": "2021-06-01"},
        )
        route.refresh_from_db()
        self.assertEqual((route.status, route.duo_status), (S.VALIDATED, "none"))
        self.assertFalse(route.events.exists())

    def test_a_route_cannot_end_before_it_starts(self):
        route = self.make_route(status=S.ACTIVE)
        self.login(self.alice)
        self.client.post(reverse("pathways:route-end", args=[route.pk]), {"ended_on": "2021-01-01"})
        route.refresh_from_db()
        self.assertEqual(route.status, S.ACTIVE)


class SchoolYearTests(PathwayTestCase):
    def post_year(self, route, user, **counts):
        self.login(user)
        data = {
            "school_year": "2021/22",
            "started": 12,
            "left_to_vmbo_bb": 1,
            "left_to_mbo_2": 0,
            "left_to_other_mbo": 0,
            "left_to_entree": 0,
            "left_without_place": 2,
            **counts,
        }
        return self.client.post(reverse("pathways:route-year", args=[route.pk]), data)

    def test_numbers_are_recorded_for_active_and_ended_routes_only(self):
        for status in ALL_STATUSES:
            with self.subTest(status=status):
                route = self.make_route(status=status)
                self.post_year(route, self.victor)
                recorded = RouteYear.objects.filter(route=route).exists()
                self.assertEqual(recorded, status in (S.ACTIVE, S.ENDED))

    def test_recording_the_same_year_again_corrects_it(self):
        route = self.make_route(status=S.ACTIVE)
        self.post_year(route, self.alice)
        self.post_year(route, self.victor, started=13)
        year = RouteYear.objects.get(route=route)
        self.assertEqual((year.started, year.left_without_place), (13, 2))
        self.assertEqual(route.events.filter(action=RouteEvent.Action.YEAR_RECORDED).count(), 2)

    def test_negative_numbers_and_bad_school_years_are_refused(self):
        route = self.make_route(status=S.ACTIVE)
        response = self.post_year(route, self.alice, started=-1)
        self.assertIn("started", response.context["form"].errors)
        response = self.post_year(route, self.alice, school_year="21/22")
        self.assertIn("school_year", response.context["form"].errors)
        self.assertFalse(RouteYear.objects.exists())

    def test_a_school_year_typed_in_full_is_kept_and_shortened(self):
        route = self.make_route(status=S.ACTIVE)
        self.login(self.alice)
        page = self.client.get(reverse("pathways:route-year", args=[route.pk]))
        self.assertNotContains(page, 'maxlength="7"')
        for typed in ("2021-2022", "2021/2022", "2021-22"):
            with self.subTest(typed=typed):
                self.post_year(route, self.alice, school_year=typed)
        self.assertEqual(list(route.years.values_list("school_year", flat=True)), ["2021/22"])

    def test_a_school_year_whose_years_do_not_follow_is_refused(self):
        route = self.make_route(status=S.ACTIVE)
        for typed in ("2021/23", "2021-2023"):
            with self.subTest(typed=typed):
                response = self.post_year(route, self.alice, school_year=typed)
                self.assertIn("school_year", response.context["form"].errors)
                self.assertContains(response, f'value="{typed}"')
        self.assertFalse(RouteYear.objects.exists())

    def test_charlie_cannot_record_numbers(self):
        route = self.make_route(status=S.ACTIVE)
        self.assertEqual(self.post_year(route, self.charlie).status_code, 403)
        self.assertFalse(RouteYear.objects.exists())
