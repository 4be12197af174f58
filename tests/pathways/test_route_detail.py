"""The route page (route_detail): who sees which route and what is on it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from pathways.models import Route, RouteEvent, RouteYear

from .helpers import PathwayTestCase


class RouteDetailTests(PathwayTestCase):
    def get(self, route, user=None):
        self.client.logout()
        if user is not None:
            self.login(user)
        return self.client.get(reverse("pathways:route-detail", args=[route.pk]))

    def test_a_draft_is_the_schools_own_until_it_is_first_sent(self):
        route = self.make_route()
        national = [
            self.make_national_user(role)
            for role in (Role.MINISTRY_STAFF, Role.INSPECTORATE_REVIEWER, Role.SBB_REVIEWER)
        ]
        for user in (self.alice, self.bob, self.victor):
            self.assertEqual(self.get(route, user).status_code, 200, user.username)
        for user in (*national, self.charlie, None):
            self.assertEqual(self.get(route, user).status_code, 404)
        # Sent to the partner and returned to draft: national roles see it from then on.
        RouteEvent.objects.create(
            route=route, action=RouteEvent.Action.SUBMITTED, actor=self.alice, from_state="draft"
        )
        for user in national:
            self.assertEqual(self.get(route, user).status_code, 200, user.username)
        self.assertEqual(self.get(route, self.charlie).status_code, 404)

    def test_an_active_route_is_public_without_agreement_details(self):
        route = self.make_route(status=Route.Status.ACTIVE)
        for user in (None, self.charlie):
            response = self.get(route, user)
            self.assertEqual(response.status_code, 200)
            self.assertFalse(response.context["may_see_documents"])
            self.assertNotContains(response, route.financial_arrangements)
        response = self.get(route, self.alice)
        self.assertContains(response, route.financial_arrangements)

    def test_the_audit_log_and_numbers_are_shown(self):
        route = self.make_route(status=Route.Status.ACTIVE)
        RouteYear.objects.create(
            route=route, school_year="2021/22", started=11, left_without_place=3
        )
        self.login(self.victor)
        self.client.post(reverse("pathways:route-end", args=[route.pk]), {"ended_on": "2024-07-31"})
        response = self.get(route, self.charlie)
        self.assertContains(response, "2021/22")
        events = response.context["events"]
        self.assertEqual([(e.actor, e.action) for e in events], [(self.victor, "ended")])
        self.assertContains(response, "Victor&#x27;s vmbo")

    def test_the_public_history_names_organisations_not_people(self):
        self.victor.first_name, self.victor.last_name = "Vincent", "Visser"
        self.victor.save()
        route = self.make_route(status=Route.Status.ACTIVE)
        self.login(self.victor)
        self.client.post(reverse("pathways:route-end", args=[route.pk]), {"ended_on": "2024-07-31"})
        for user in (None, self.charlie):
            with self.subTest(user=user):
                response = self.get(route, user)
                self.assertContains(response, "Victor&#x27;s vmbo")
                self.assertNotContains(response, "Vincent Visser")
        for user in (self.alice, self.make_national_user(Role.INSPECTORATE_REVIEWER)):
            with self.subTest(user=user.username):
                self.assertContains(self.get(route, user), "Vincent Visser (Victor&#x27;s vmbo)")

    def test_findings_are_shown_to_the_schools_before_activation(self):
        route = self.make_route(agreement_signed_on=None)
        response = self.get(route, self.alice)
        self.assertIn("DL-06", [f.rule for f in response.context["findings"]])
        self.assertIsNone(self.get(self.make_route(status=Route.Status.ACTIVE)).context["findings"])

    def test_query_count_does_not_grow_with_events_and_years(self):
        route = self.make_route(status=Route.Status.ACTIVE)
        self.login(self.alice)
        url = reverse("pathways:route-detail", args=[route.pk])
        RouteYear.objects.create(route=route, school_year="2020/21")
        route.events.create(action="year_recorded", actor=self.alice)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        for year in range(2021, 2031):
            RouteYear.objects.create(route=route, school_year=f"{year}/{str(year + 1)[-2:]}")
            route.events.create(action="year_recorded", actor=self.victor)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(url)
        self.assertEqual(len(response.context["years"]), 11)
        self.assertEqual(len(many), len(few))


class RouteNamesTests(PathwayTestCase):
    """Route pages name schools, companies, the region and the qualification with
    their codes beside them; rule findings by field label and source title."""

    def test_names_with_codes_on_the_route_page(self):
        import re

        route = self.make_route(duo_status="none")
        route.partners.add(self.company)
        self.login(self.alice)
        response = self.client.get(reverse("pathways:route-detail", args=[route.pk]))
        html = response.content.decode()
        for name in (
            "Victor&#x27;s vmbo (30AB)",
            "Alice&#x27;s ROC (25PZ)",
            "Zorggroep (KvK 12345678)",
            "Stedendriehoek en Noordwest Veluwe (AM06)",
            "Helpende zorg en welzijn (crebo 25498)",
        ):
            assert name in html, name
        # DL-09 (not registered with DUO): the field in words and the source's title, linked.
        rules_url = reverse("submissions:rules")
        assert f'href="{rules_url}#DL-09"' in html
        assert "Kamerbrief Sterk beroepsonderwijs, december 2020: “bij DUO aangemeld”" in html
        text = re.sub(r"<[^>]+>", " ", html)
        assert "duo_registration" not in text

    def test_names_with_codes_in_the_list(self):
        self.make_route()
        self.login(self.alice)
        response = self.client.get(reverse("pathways:route-list"))
        self.assertContains(response, "Helpende zorg en welzijn (crebo 25498), niveau 2")
        self.assertContains(response, "<td>Victor&#x27;s vmbo (30AB)</td>", html=True)
        self.assertContains(
            response, "<td>Stedendriehoek en Noordwest Veluwe (AM06)</td>", html=True
        )
        self.assertContains(response, "<td>vmbo-basis (bb)</td>", html=True)
