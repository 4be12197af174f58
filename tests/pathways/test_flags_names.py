"""The routes with students who left without a place, on the school's home page
and the routes page: each school by name with its BRIN code beside it."""

from django.urls import reverse

from pathways.models import Route, RouteYear

from .helpers import PathwayTestCase


class FlaggedRouteNamesTests(PathwayTestCase):
    def setUp(self):
        route = self.make_route(status=Route.Status.ACTIVE)
        RouteYear.objects.create(route=route, school_year="2021/22", left_without_place=2)
        self.expected = (
            "Helpende zorg en welzijn (crebo 25498) — Victor&#x27;s vmbo (30AB) · "
            "Alice&#x27;s ROC (25PZ)</a>: 2 leerlingen"
        )

    def test_the_home_page_names_both_schools_with_their_brin_codes(self):
        self.login(self.alice)
        self.assertContains(self.client.get(reverse("home")), self.expected)

    def test_the_routes_page_names_both_schools_with_their_brin_codes(self):
        self.login(self.victor)
        self.assertContains(self.client.get(reverse("pathways:route-list")), self.expected)
