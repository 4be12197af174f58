"""Every CSV download has an XLSX twin (issue 10, point 10): in the URL
configuration, and beside every link to a CSV on the pages that offer one."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import Role
from tests.base import BaseTestCase
from tests.experiments.factories import experiment

HREF = re.compile(r'href="([^"]*)"')


def url_patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def test_every_csv_address_has_an_xlsx_twin():
    patterns = set(url_patterns())
    csv = {pattern for pattern in patterns if pattern.endswith(".csv")}
    assert csv, "no CSV downloads found"
    missing = [p for p in sorted(csv) if p.removesuffix(".csv") + ".xlsx" not in patterns]
    assert missing == []


class TwinLinksTest(BaseTestCase):
    """A page that links a CSV links its XLSX twin with the same filters."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        slug = experiment("ruimte-voor-de-regio").slug
        cls.pages = [
            "/leerroutes/",
            "/leerroutes/monitor/",
            "/regios/kaart/",
            f"/experimenten/{slug}/deelnemers/?status=applied",
            f"/experimenten/{slug}/voortgang/",
        ]

    def test_each_csv_link_has_an_xlsx_link_beside_it(self):
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        seen = 0
        for page in self.pages:
            response = self.client.get(page)
            assert response.status_code == 200, page
            links = set(HREF.findall(response.content.decode()))
            for link in links:
                path, _, query = link.partition("?")
                if path.endswith(".csv"):
                    seen += 1
                    twin = path.removesuffix(".csv") + ".xlsx" + ("?" + query if query else "")
                    assert twin in links, f"{page}: {link} has no XLSX twin"
        assert seen >= len(self.pages)
