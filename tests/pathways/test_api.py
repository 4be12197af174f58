"""/api/pathways/: filters, scoping, the OpenAPI schema and the query count."""

from django.urls import reverse

from accounts.models import Role
from pathways.models import Route
from regions.models import Organisation

from .helpers import PathwayTestCase

URL = "/api/pathways/"


class PathwayApiTests(PathwayTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.tilburg_vmbo = Organisation.objects.create(
            kind="vmbo", code="31CD", name="Tilburg vmbo", region=cls.other_region
        )

    def ids(self, user=None, **params):
        self.client.logout()
        if user is not None:
            self.login(user)
        response = self.client.get(URL, params)
        self.assertEqual(response.status_code, 200)
        return {item["id"] for item in response.json()["results"]}

    def test_scoping(self):
        draft = self.make_route()
        awaiting = self.make_route(status=Route.Status.AWAITING_CONFIRMATION, vmbo_track="kb")
        active = self.make_route(status=Route.Status.ACTIVE)
        charlie_draft = self.make_route(
            vmbo_school=self.tilburg_vmbo,
            mbo_institution=self.other_school,
            region=self.other_region,
        )
        self.assertEqual(self.ids(), {active.pk})
        self.assertEqual(self.ids(self.charlie), {active.pk, charlie_draft.pk})
        for user in (self.alice, self.bob, self.victor):
            self.assertEqual(self.ids(user), {draft.pk, awaiting.pk, active.pk}, user.username)
        # Drafts never sent to the partner school are the schools' own.
        for role in (Role.MINISTRY_STAFF, Role.INSPECTORATE_REVIEWER, Role.SBB_REVIEWER):
            self.assertEqual(self.ids(self.make_national_user(role)), {awaiting.pk, active.pk})
        self.assertEqual(self.client.get(f"{URL}{draft.pk}/").status_code, 404)
        self.login(self.alice)
        response = self.client.get(f"{URL}{draft.pk}/")
        self.assertEqual(response.status_code, 200)
        self.client.logout()
        self.assertEqual(self.client.get(f"{URL}{draft.pk}/").status_code, 404)

    def test_filters(self):
        a = self.make_route(status=Route.Status.ACTIVE)
        b = self.make_route(
            status=Route.Status.ACTIVE,
            route_type="continuous",
            vmbo_track="tl",
            target_qualification=self.tech4,
            vmbo_school=self.tilburg_vmbo,
            mbo_institution=self.other_school,
            region=self.other_region,
        )
        c = self.make_route(status=Route.Status.ENDED, ended_on="2023-07-31", vmbo_track="kb")
        self.assertEqual(self.ids(region="AM06"), {a.pk, c.pk})
        self.assertEqual(self.ids(track="tl"), {b.pk})
        self.assertEqual(self.ids(level=2), {a.pk, c.pk})
        self.assertEqual(self.ids(type="continuous"), {b.pk})
        self.assertEqual(self.ids(status="ended"), {c.pk})
        self.assertEqual(self.ids(region="AM06", track="kb"), {c.pk})
        self.assertEqual(self.client.get(URL, {"track": "xx"}).status_code, 400)

    def test_public_fields_only(self):
        route = self.make_route(status=Route.Status.ACTIVE)
        item = self.client.get(f"{URL}{route.pk}/").json()
        self.assertEqual(item["vmbo_school"], {"code": "30AB", "name": "Victor's vmbo"})
        self.assertEqual((item["target_qualification"], item["level"]), ("25498", 2))
        self.assertEqual(item["sector"], "Zorg en welzijn")
        self.assertNotIn("financial_arrangements", item)
        self.assertNotIn("agreement_document", item)

    def test_read_only(self):
        self.login(self.alice)
        self.assertEqual(self.client.post(URL, {}).status_code, 405)

    def test_in_the_openapi_schema_with_its_filters(self):
        schema = self.client.get(reverse("api-schema"), {"format": "json"}).json()
        parameters = {p["name"] for p in schema["paths"]["/api/pathways/"]["get"]["parameters"]}
        self.assertTrue({"region", "track", "level", "type", "status"} <= parameters)

    def test_query_count_does_not_grow(self):
        for _ in range(3):
            self.make_route(status=Route.Status.ACTIVE)
        with self.assertNumQueries(2):  # count + page
            self.client.get(URL)
        for _ in range(20):
            self.make_route(status=Route.Status.ACTIVE)
        with self.assertNumQueries(2):
            response = self.client.get(URL)
        self.assertEqual(response.json()["count"], 23)
