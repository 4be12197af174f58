"""Fuzzing the OOAPI publication: hostile values in every query parameter the
official specification gives each endpoint we serve — lists and single records
alike — and never a server error (issue 12, deliver 5).

`tests/test_fuzz_lists.py` finds pages in the URL configuration and API
parameters in our own schema; the OOAPI endpoints take their parameters
(`pageSize`, `pageNumber`, `expand`, `since`, …) from the official file instead,
and most of them sit under an identifier. Both lists come from the sources here:
the endpoints from `ooapi/urls.py`, their parameters from the specification.
"""

import re

from django.urls import URLPattern

from ooapi import urls as ooapi_urls
from ooapi.ids import uid
from ooapi.selectors import course_id, organization_id, specification_id
from tests.test_fuzz_lists import HOSTILE_VALUES, REFUSED_VALUES

from .helpers import PREFIX, OoapiTestCase, specification

# Our URL keyword where the specification names its path parameter otherwise.
SPECIFICATION_NAMES = {"specification_id": "educationSpecificationId"}


def camel(name: str) -> str:
    """organization_id -> organizationId (the specification's path parameter)."""
    if name in SPECIFICATION_NAMES:
        return SPECIFICATION_NAMES[name]
    head, *rest = name.split("_")
    return head + "".join(word.title() for word in rest)


def served_paths() -> list[str]:
    """Our endpoints as the specification writes them: /organizations/{organizationId}/programs."""
    paths = []
    for pattern in ooapi_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name == "unknown":
            continue
        route = re.sub(
            r"<str:(\w+)>", lambda match: "{" + camel(match.group(1)) + "}", str(pattern.pattern)
        )
        paths.append("/" + route)
    return paths


def query_parameters(path: str) -> list[str]:
    """The query parameters the specification gives GET `path`."""
    spec = specification()
    shared = spec["components"]["parameters"]
    operation = spec["paths"][path]
    names = []
    for parameter in operation["get"].get("parameters", []) + operation.get("parameters", []):
        if "$ref" in parameter:
            parameter = shared[parameter["$ref"].rsplit("/", 1)[-1]]
        if parameter["in"] == "query":
            names.append(parameter["name"])
    return names


class OoapiFuzzTests(OoapiTestCase):
    def identifiers(self) -> dict[str, str]:
        program = uid("program", f"regionaal-{self.programme.pk}")
        offerings = self.client.get(f"{PREFIX}/programs/{program}/offerings?since=2000-01-01")
        return {
            "organizationId": organization_id("25PZ"),
            "educationSpecificationId": specification_id("qualification", "25498"),
            "programId": program,
            "courseId": course_id("K0123"),
            "offeringId": offerings.json()["items"][0]["offeringId"],
        }

    def test_every_endpoint_we_serve_is_in_the_specification_and_found_here(self):
        paths = served_paths()
        self.assertGreater(len(paths), 15)
        ids = self.identifiers()
        for path in paths:
            with self.subTest(path=path):
                self.assertTrue(path in specification()["paths"], path)
                url = PREFIX + path.format(**ids)
                # The identifiers name published records: a 200, so the fuzzing
                # below reaches the code behind the identifier.
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_no_endpoint_answers_500_to_hostile_query_values(self):
        ids = self.identifiers()
        sent = 0
        for path in served_paths():
            url = PREFIX + path.format(**ids)
            parameters = query_parameters(path) or ["q"]
            for name, value in REFUSED_VALUES.items():
                query = "&".join(f"{parameter}={value}" for parameter in parameters)
                with self.subTest(path, value=name):
                    self.assertEqual(self.client.get(f"{url}?{query}").status_code, 400)
                sent += 1
            for parameter in parameters:
                for name, value in HOSTILE_VALUES.items():
                    with self.subTest(path, parameter=parameter, value=name):
                        response = self.client.get(f"{url}?{parameter}={value}")
                        self.assertLess(response.status_code, 500)
                    sent += 1
        self.assertGreater(sent, 1000)

    def test_a_page_far_beyond_the_last_is_an_empty_page(self):
        """The largest 64-bit page number: its offset does not fit a database integer."""
        for path in ("/programs", "/organizations", "/courses", "/education-specifications"):
            with self.subTest(path=path):
                response = self.client.get(f"{PREFIX}{path}?pageNumber=9223372036854775807")
                self.assertEqual(response.status_code, 200)
                body = response.json()
                self.assertEqual(body["items"], [])
                self.assertFalse(body["hasNextPage"])
                self.assertTrue(body["hasPreviousPage"])
