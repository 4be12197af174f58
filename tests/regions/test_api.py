"""API: /api/regions/, /api/organisations/, /api/networks/ (public reads, filters;
proposing and joining need a school author)."""

from django.urls import reverse

from accounts.models import Role
from regions.models import Network, Organisation, Region
from tests.base import BaseTestCase

from .helpers import expected_regions, load_regions


class RegionApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_regions()

    def test_regions_are_public_without_geometry_by_default(self):
        response = self.client.get("/api/regions/")
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual({r["code"]: r["name"] for r in data}, expected_regions())
        self.assertNotIn("geometry", data[0])

    def test_geometry_on_request(self):
        data = self.client.get("/api/regions/", {"geometry": "1"}).json()
        self.assertTrue(all(r["geometry"]["type"] in {"Polygon", "MultiPolygon"} for r in data))

    def test_one_region_by_its_code_in_capitals_or_not(self):
        for code in ("AM06", "am06"):
            response = self.client.get(f"/api/regions/{code}/")
            self.assertEqual(response.status_code, 200, code)
            self.assertEqual(response.json(), {"code": "AM06", "name": expected_regions()["AM06"]})
        self.assertEqual(self.client.get("/api/regions/am77/").status_code, 404)

    def test_geojson_feature_of_one_region(self):
        for url in ("/api/regions/AM06/geojson", "/api/regions/AM06/geojson/"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            feature = response.json()
            self.assertEqual(feature["type"], "Feature")
            self.assertEqual(feature["properties"]["name"], expected_regions()["AM06"])
            self.assertEqual(feature["geometry"], Region.objects.get(code="AM06").geometry)
        self.assertEqual(self.client.get("/api/regions/AM77/geojson").status_code, 404)


class OrganisationApiTests(BaseTestCase):
    def test_filters_by_region_kind_and_search(self):
        Organisation.objects.create(
            kind="company", code="12345678", name="Zorg BV", region=self.region
        )

        def codes(**params):
            return sorted(
                o["code"] for o in self.client.get("/api/organisations/", params).json()["results"]
            )

        self.assertEqual(codes(region="AM06"), ["12345678", "25PZ"])
        self.assertEqual(codes(region="AM06", kind="company"), ["12345678"])
        self.assertEqual(codes(kind="mbo"), ["25PZ", "26QA"])
        self.assertEqual(codes(search="zorg"), ["12345678"])
        first = self.client.get("/api/organisations/", {"kind": "company"}).json()["results"][0]
        self.assertEqual(first["region"], "AM06")


class NetworkApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.zorg = Network.objects.create(
            name="Zorgroute", kind="vmbo_mbo", sector="Zorg", region=cls.region, status="active"
        )
        cls.sto = Network.objects.create(
            name="STO", kind="sto", sector="Techniek", region=cls.other_region, status="active"
        )
        cls.proposal = Network.objects.create(
            name="Proposal", kind="sto", region=cls.region, status="proposed"
        )

    def names(self, **params):
        return sorted(
            n["name"] for n in self.client.get("/api/networks/", params).json()["results"]
        )

    def test_public_read_with_filters_and_no_proposals(self):
        self.assertEqual(self.names(), ["STO", "Zorgroute"])
        self.assertEqual(self.names(region="AM06"), ["Zorgroute"])
        self.assertEqual(self.names(kind="sto"), ["STO"])
        self.assertEqual(self.names(sector="zorg"), ["Zorgroute"])
        self.assertEqual(self.client.get(f"/api/networks/{self.proposal.pk}/").status_code, 404)

    def test_proposing_needs_a_school_author(self):
        payload = {"name": "Nieuw", "kind": "sto", "region": "AM06", "sector": "Techniek"}
        self.assertIn(self.client.post("/api/networks/", payload).status_code, (401, 403))
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        self.assertEqual(self.client.post("/api/networks/", payload).status_code, 403)
        self.assertFalse(Network.objects.filter(name="Nieuw").exists())
        self.login(self.alice)
        response = self.client.post("/api/networks/", payload)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["status"], "proposed")
        network = Network.objects.get(name="Nieuw")
        self.assertEqual(network.memberships.get().organisation, self.school)

    def test_a_proposal_is_read_by_its_organisation_and_administrators_only(self):
        mine = Network.objects.create(name="Mine", kind="sto", region=self.region)
        mine.memberships.create(organisation=self.school, role="lead")
        url = f"/api/networks/{mine.pk}/"
        for user, status, listed in (
            (None, 404, False),
            (self.alice, 200, True),
            (self.bob, 200, True),
            (self.charlie, 404, False),
            (self.make_national_user(Role.SBB_REVIEWER), 404, False),
            (self.make_national_user(Role.ADMINISTRATOR), 200, True),
        ):
            self.client.logout()
            if user:
                self.login(user)
            name = user.username if user else "anonymous"
            self.assertEqual(self.client.get(url).status_code, status, name)
            self.assertEqual("Mine" in self.names(), listed, name)

    def test_status_cannot_be_set_by_the_proposer(self):
        self.login(self.alice)
        payload = {"name": "Sneaky", "kind": "sto", "region": "AM06", "status": "active"}
        self.client.post("/api/networks/", payload)
        self.assertEqual(Network.objects.get(name="Sneaky").status, "proposed")

    def test_joining_needs_login_and_is_for_ones_own_organisation(self):
        url = f"/api/networks/{self.zorg.pk}/join/"
        self.assertIn(self.client.post(url).status_code, (401, 403))
        self.login(self.charlie)
        response = self.client.post(url, {"organisation": "25PZ"})
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json()["organisation"], "26QA")
        self.assertEqual(self.client.post(url).status_code, 400)
        # Charlie cannot see, so cannot join, Alice's organisation's proposal.
        self.assertEqual(
            self.client.post(f"/api/networks/{self.proposal.pk}/join/").status_code, 404
        )

    def test_list_queries_do_not_grow(self):
        with self.assertNumQueries(3):  # count, page, members
            self.client.get("/api/networks/")
        for number in range(10):
            Network.objects.create(
                name=f"N{number}", kind="sto", region=self.region, status="active"
            )
        with self.assertNumQueries(3):
            self.client.get("/api/networks/")


class ApiSchemaTests(BaseTestCase):
    def test_the_filters_are_in_the_openapi_schema(self):
        schema = self.client.get(reverse("api-schema"), {"format": "json"}).json()

        def parameters(path):
            return {p["name"] for p in schema["paths"][path]["get"].get("parameters", [])}

        self.assertIn("geometry", parameters("/api/regions/"))
        self.assertTrue({"region", "kind", "search"} <= parameters("/api/organisations/"))
        self.assertTrue({"region", "kind", "sector", "search"} <= parameters("/api/networks/"))
        self.assertIn("/api/regions/{code}/geojson/", schema["paths"])
