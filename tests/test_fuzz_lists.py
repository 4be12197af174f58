"""Fuzzing every list: hostile values in every query parameter of every page
and API endpoint that takes no path parameter, as an anonymous visitor, a
school author and an SBB reviewer — never a server error (issue 12, deliver 5).

Nothing here is a hand-written list of URLs. The pages come from the URL
configuration (every pattern without a path parameter); a page's query
parameters are the fields of its GET forms and the parameters of its own
links, plus the common `q`, `page` and `sort`. The API endpoints and their
parameters (filtersets, search, pagination) come from the OpenAPI schema that
drf-spectacular derives from the views. A new list page or endpoint is fuzzed
without touching this file. On PostgreSQL too: run it with DATABASE_URL set.
"""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator

from accounts.models import Role
from tests.base import BaseTestCase
from tests.rules.factories import build_reference_data

# As they stand in a query string (already percent-encoded where needed).
# Refused at the door (config.middleware.InputBoundaryMiddleware) with a 400
# and a sentence, whatever the parameter's name: sent in every parameter at once.
REFUSED_VALUES = {
    "NUL": "%00",
    "NUL inside": "zorg%00x",
    "control characters": "a%01%1Fb",
    "10,000 characters": "x" * 10_000,
    "huge integer": "9" * 20,
    "huge negative integer": "-" + "9" * 30,
    "beyond 63 bits": "9223372036854775808",
}
# Let through to the views, which must cope: sent in each parameter on its own.
HOSTILE_VALUES = {
    "lone surrogate (WTF-8)": "%ED%A0%80",
    "invalid UTF-8": "%FF%FE",
    "1e999": "1e999",
    "NaN": "NaN",
    "year 9999": "9999-12-31",
    "impossible date": "2026-02-30",
    "negative": "-1",
    "beyond 32 bits": "2147483648",
    "largest 64-bit": "9223372036854775807",
    "list syntax": "1,2,,99999999999999999999,-3",
    "markup": "%3Cscript%3E%27%22",
}
COMMON_PARAMETERS = ("q", "page", "sort")
# Not lists: the admin has its own checks, the language switch and logout are
# POST-only, the schema and Swagger UI are documentation.
SKIPPED_PREFIXES = ("admin/", "i18n/", "api/schema/", "api/docs/", "uitloggen/", "health")


def parameterless_paths() -> list[str]:
    """Every URL of the configuration that takes no path parameter, as /path/."""
    paths = []

    def walk(patterns, prefix: str):
        for pattern in patterns:
            text = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + text)
            elif isinstance(pattern, URLPattern):
                full = prefix + text
                if any(mark in full for mark in "<(?"):
                    continue
                route = full.replace("^", "").replace("$", "").replace("\\", "")
                paths.append("/" + route)

    walk(get_resolver().url_patterns, "")
    return sorted({path for path in paths if not path[1:].startswith(SKIPPED_PREFIXES)})


def api_query_parameters() -> dict[str, list[str]]:
    """GET endpoints of the API without a path parameter, with their query parameters."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    endpoints = {}
    for path, operations in schema["paths"].items():
        if "{" in path or "get" not in operations:
            continue
        endpoints[path] = sorted(
            {p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"}
        )
    return endpoints


class _QueryNames(HTMLParser):
    """Names of the fields of a page's GET forms and of its own links' parameters."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.names: set[str] = set()
        self.in_get_form = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.in_get_form = (attributes.get("method") or "get").lower() == "get"
        elif tag in ("input", "select", "textarea") and self.in_get_form:
            if attributes.get("name"):
                self.names.add(attributes["name"])
        elif tag == "a" and attributes.get("href"):
            link = urlsplit(attributes["href"])
            if link.query and link.path in ("", self.path):
                self.names.update(name for name, _value in parse_qsl(link.query))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_get_form = False


def page_query_parameters(content: bytes, path: str) -> list[str]:
    parser = _QueryNames(path)
    parser.feed(content.decode("utf-8", errors="replace"))
    return sorted(parser.names | set(COMMON_PARAMETERS))


class FuzzListsTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_reference_data()

    def users(self):
        return {
            "anonymous": None,
            "school author": self.alice,
            "SBB reviewer": self.make_national_user(Role.SBB_REVIEWER),
        }

    def fuzz(self, path: str, parameters: list[str], label: str) -> int:
        """GET `path` with each refused value in all parameters at once (400) and
        each other hostile value in each parameter (no 500); count the requests."""
        sent = 0
        for name, value in REFUSED_VALUES.items():
            url = f"{path}?" + "&".join(f"{parameter}={value}" for parameter in parameters)
            with self.subTest(label, url=url[:200], value=name):
                self.assertEqual(self.client.get(url).status_code, 400)
            sent += 1
        for parameter in parameters:
            for name, value in HOSTILE_VALUES.items():
                url = f"{path}?{parameter}={value}"
                with self.subTest(label, url=url[:200], value=name):
                    response = self.client.get(url)
                    self.assertLess(response.status_code, 500)
                sent += 1
        return sent

    def test_the_configuration_yields_the_lists_the_issue_names(self):
        """A guard on the derivation: if it found nothing, nothing would be fuzzed."""
        pages = parameterless_paths()
        for expected in ("/regios/", "/indieningen/", "/leerroutes/", "/kwalificaties/import/"):
            self.assertIn(expected, pages)
        endpoints = api_query_parameters()
        self.assertIn("search", endpoints["/api/organisations/"])
        self.assertIn("search", endpoints["/api/networks/"])
        self.assertIn("valid_on", endpoints["/api/qualifications/"])

    def test_no_list_page_answers_500_to_hostile_query_values(self):
        pages = parameterless_paths()
        sent = 0
        for role, user in self.users().items():
            self.client.logout()
            if user is not None:
                self.login(user)
            for path in pages:
                if path.startswith("/api/"):
                    continue
                plain = self.client.get(path)
                self.assertLess(plain.status_code, 500, f"{role} {path}")
                parameters = COMMON_PARAMETERS
                if plain.status_code == 200 and "html" in plain.get("Content-Type", ""):
                    parameters = page_query_parameters(plain.content, path)
                sent += self.fuzz(path, parameters, f"{role} {path}")
        self.assertGreater(sent, 500)

    def test_no_api_list_answers_500_to_hostile_query_values(self):
        endpoints = api_query_parameters()
        self.assertGreater(len(endpoints), 5)
        for role, user in self.users().items():
            self.client.logout()
            if user is not None:
                self.login(user)
            for path, parameters in endpoints.items():
                self.fuzz(path, parameters or list(COMMON_PARAMETERS), f"{role} {path}")


def test_hostile_values_are_written_as_a_query_string_can_carry_them():
    """No value may hold a raw character the test client would have to encode."""
    for value in [*REFUSED_VALUES.values(), *HOSTILE_VALUES.values()]:
        assert re.fullmatch(r"[\x21-\x7e]+", value), value
