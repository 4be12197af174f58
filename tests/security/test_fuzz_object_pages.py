"""Fuzzing the pages and endpoints that sit under an object (a region, a dossier,
a submission, a route, a statement…): hostile values in every query parameter,
never a server error (issue 12, deliver 5).

`tests/test_fuzz_lists.py` covers every URL without a path parameter; these
need an object to exist. The permission matrix already knows how to reach every
URL with one (its entries' kwargs) and who may see it, so the URLs come from
there: every GET entry with a path parameter, requested as a role that gets
through, with each hostile value in each parameter of the page's own GET forms
and links (plus `q`, `page` and `sort`). The OOAPI has its own fuzz test
(tests/ooapi/test_fuzz_parameters.py). On PostgreSQL too: run it with
DATABASE_URL set.
"""

from django.test import Client, TestCase
from django.urls import reverse

from tests.test_fuzz_lists import COMMON_PARAMETERS, HOSTILE_VALUES, page_query_parameters

from .test_permission_matrix import ADMIN, ANON, INSP, MATRIX, MIN, OTHER, OWN, SBB, build_objects

# The role each URL is requested as: the first in this order that gets through.
PREFERENCE = (OWN, SBB, INSP, MIN, ADMIN, OTHER, ANON)


class FuzzObjectPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.objects = build_objects()

    def client_as(self, role: str) -> Client:
        client = Client()
        if role != ANON:
            client.force_login(self.objects.users[role])
        return client

    def targets(self) -> list[tuple[str, str, str]]:
        """(name, url, role) of every GET entry of the matrix with a path parameter."""
        found = []
        for name, entry in sorted(MATRIX.items()):
            kwargs = entry.kwargs(self.objects)
            if entry.method != "get" or not kwargs or name.startswith("ooapi:"):
                continue
            role = next((role for role in PREFERENCE if role in entry.allowed), None)
            if role is not None:
                found.append((name, reverse(name, kwargs=kwargs), role))
        return found

    def test_the_matrix_yields_the_object_pages(self):
        names = {name for name, _url, _role in self.targets()}
        self.assertGreater(len(names), 40)
        for expected in (
            "regions:region_detail",
            "qualifications:dossier-detail",
            "submissions:detail",
            "pathways:route-detail",
            "statements:detail",
            "statements:verify",
            "certificates:programme-detail",
            "qualifications:part-path",
        ):
            self.assertIn(expected, names)

    def test_no_object_page_answers_500_to_hostile_query_values(self):
        sent = 0
        clients = {}
        for name, url, role in self.targets():
            client = clients.setdefault(role, self.client_as(role))
            plain = client.get(url)
            self.assertLess(plain.status_code, 500, f"{role} {url}")
            parameters = COMMON_PARAMETERS
            if plain.status_code == 200 and "html" in plain.get("Content-Type", ""):
                parameters = page_query_parameters(plain.content, url)
            for parameter in parameters:
                for label, value in HOSTILE_VALUES.items():
                    with self.subTest(name, role=role, parameter=parameter, value=label):
                        response = client.get(f"{url}?{parameter}={value}")
                        self.assertLess(response.status_code, 500)
                    sent += 1
        self.assertGreater(sent, 1000)
