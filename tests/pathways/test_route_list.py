"""The route list (route_list): public routes for everyone, drafts for the two
schools and national roles, filters, the no-place flag and the query count."""

import pytest
from django.urls import reverse

from accounts.models import Role
from pathways.models import Route, RouteYear
from regions.models import Organisation

from .helpers import PathwayTestCase

LIST = reverse("pathways:route-list")


class RouteListTests(PathwayTestCase):
    def listed(self, user=None, **params):
        self.client.logout()
        if user is not None:
            self.login(user)
        response = self.client.get(LIST, params)
        self.assertEqual(response.status_code, 200)
        return {route.pk for route in response.context["page"].object_list}

    def test_scoping(self):
        draft = self.make_route()
        active = self.make_route(status=Route.Status.ACTIVE, vmbo_track="kb")
        ended = self.make_route(status=Route.Status.ENDED, vmbo_track="gl")
        self.assertEqual(self.listed(), {active.pk, ended.pk})
        self.assertEqual(self.listed(self.charlie), {active.pk, ended.pk})
        for user in (self.alice, self.bob, self.victor):
            self.assertEqual(self.listed(user), {draft.pk, active.pk, ended.pk}, user.username)
        # A draft never sent to the partner school is the schools' own.
        ministry = self.make_national_user(Role.MINISTRY_STAFF)
        self.assertEqual(self.listed(ministry), {active.pk, ended.pk})

    def test_filters_and_search(self):
        other_vmbo = Organisation.objects.create(
            kind="vmbo", code="31CD", name="Tilburg vmbo", region=self.other_region
        )
        a = self.make_route(status=Route.Status.ACTIVE)
        b = self.make_route(
            status=Route.Status.ACTIVE,
            route_type="continuous",
            vmbo_track="tl",
            target_qualification=self.tech4,
            vmbo_school=other_vmbo,
            mbo_institution=self.other_school,
            region=self.other_region,
        )
        self.assertEqual(self.listed(region="AM25"), {b.pk})
        self.assertEqual(self.listed(track="bb"), {a.pk})
        self.assertEqual(self.listed(level="4"), {b.pk})
        self.assertEqual(self.listed(route_type="integrated"), {a.pk})
        self.assertEqual(self.listed(q="Tilburg"), {b.pk})
        self.assertEqual(self.listed(q="25498"), {a.pk})
        self.assertEqual(self.listed(self.charlie, mine="on"), {b.pk})
        response = self.client.get(LIST, {"q": "nothing like this"})
        self.assertContains(response, "empty-state")

    def test_only_schools_are_offered_their_own_routes(self):
        self.assertNotContains(self.client.get(LIST), 'name="mine"')
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        self.assertNotContains(self.client.get(LIST), 'name="mine"')
        self.login(self.alice)
        self.assertContains(self.client.get(LIST), 'name="mine"')

    def test_students_without_place_are_flagged_to_both_schools_only(self):
        route = self.make_route(status=Route.Status.ACTIVE)
        continuous = self.make_route(status=Route.Status.ACTIVE, route_type="continuous")
        RouteYear.objects.create(route=route, school_year="2021/22", left_without_place=2)
        RouteYear.objects.create(route=route, school_year="2022/23", left_without_place=1)
        RouteYear.objects.create(route=continuous, school_year="2021/22", left_without_place=4)
        for user in (self.alice, self.victor):
            self.login(user)
            flagged = self.client.get(LIST).context["flagged"]
            self.assertEqual([(r.pk, r.without_place) for r in flagged], [(route.pk, 3)])
        self.login(self.charlie)
        self.assertEqual(self.client.get(LIST).context["flagged"], [])

    def test_home_page_of_a_school_author_shows_the_flag(self):
        route = self.make_route(status=Route.Status.ACTIVE)
        RouteYear.objects.create(route=route, school_year="2021/22", left_without_place=2)
        self.login(self.victor)
        response = self.client.get(reverse("home"))
        self.assertContains(response, reverse("pathways:route-detail", args=[route.pk]))
        self.login(self.charlie)
        response = self.client.get(reverse("home"))
        self.assertNotContains(response, reverse("pathways:route-detail", args=[route.pk]))


@pytest.fixture
def routes_factory(db):
    """Make `n` active routes (and one school author) for a query-count test."""
    from qualifications.models import Domain, Qualification, QualificationFile
    from regions.models import Region
    from tests.base import make_user

    region = Region.objects.create(code="AM06", name="Stedendriehoek")
    vmbo = Organisation.objects.create(kind="vmbo", code="30AB", name="vmbo", region=region)
    mbo = Organisation.objects.create(kind="mbo", code="25PZ", name="ROC", region=region)
    domain = Domain.objects.create(number="1", title="Zorg")
    file = QualificationFile.objects.create(
        number="1", crebo="23001", title="D", status="Vastgesteld", domain=domain
    )
    qualification = Qualification.objects.create(
        file=file, sbb_id="1", chapter=1, crebo="25498", title="Helpende", level=2
    )
    user = make_user("author", mbo)

    def make(n):
        for index in range(n):
            Route.objects.create(
                vmbo_school=vmbo,
                mbo_institution=mbo,
                region=region,
                route_type="integrated",
                vmbo_track="bb",
                target_qualification=qualification,
                location="vmbo",
                start_date=f"2021-08-{index % 28 + 1:02d}",
                status=Route.Status.ACTIVE,
                duo_status="registered",
            )
        return user

    return make


@pytest.mark.parametrize("rows", [1, 30])
def test_list_query_count_does_not_grow(
    client, routes_factory, django_assert_max_num_queries, rows
):
    user = routes_factory(rows)
    client.force_login(user)
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(rows, 25)
