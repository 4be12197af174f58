"""The OOAPI lists on a generated country: paginated in the database, so a page costs
the same number of queries on a small and on a three times larger country, and a
page holds only its own records.

A list of programs unites two sources (approved programmes and active routes); its
page reads the full rows of each source that has records on it, so its count depends
on which sources the page shows, never on the number of records: those lists are held
to the bound of both sources instead."""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ooapi.ids import uid
from ooapi.selectors import specification_id
from pathways.models import Route
from portal.national import generate_national
from regions.models import Organisation

pytestmark = pytest.mark.django_db

# Pages that can show records of both program sources (see above).
MIXED = {
    "/ooapi/v5/education-specifications",
    "/ooapi/v5/programs",
    "/ooapi/v5/programs?sort=-name&q=zorg",
    "/ooapi/v5/organizations/{mbo}/programs",
}
LISTS = [
    "/ooapi/v5/organizations",
    "/ooapi/v5/organizations?organizationType=institute",
    "/ooapi/v5/organizations?organizationType=school&q=a",
    "/ooapi/v5/programs",
    "/ooapi/v5/programs?programType=track&pageNumber=2",
    "/ooapi/v5/programs?sort=-name&q=zorg",
    "/ooapi/v5/courses",
    "/ooapi/v5/education-specifications?educationSpecificationType=cluster",
    "/ooapi/v5/education-specifications?educationSpecificationType=privateProgram",
    "/ooapi/v5/education-specifications",
    "/ooapi/v5/courses?level=secondary%20vocational%20education%202",
    "/ooapi/v5/organizations/{mbo}/programs",
    # Nested lists: only the organization's own programs are read and built.
    "/ooapi/v5/organizations/{mbo}/courses",
    "/ooapi/v5/organizations/{mbo}/education-specifications",
    "/ooapi/v5/organizations/{mbo}/offerings",
    # A specification's children and programs: only its own rows are read.
    "/ooapi/v5/education-specifications/{dossier}/education-specifications",
    "/ooapi/v5/education-specifications/{qualification}/programs",
]


class _RollBack(Exception):
    pass


def _measure(scale: float) -> tuple[dict[str, int], dict[str, int]]:
    """(queries, items) per list on a country of the scale, rolled back afterwards."""
    counts, items = {}, {}
    try:
        with transaction.atomic():
            generate_national(scale=scale, seed=3, log=lambda line: None)
            mbo = (
                Organisation.objects.filter(
                    kind=Organisation.Kind.VET_INSTITUTION,
                    pathways_as_mbo_institution__status="active",
                )
                .order_by("code")
                .first()
            )
            target = Route.objects.filter(status="active").order_by("pk").first()
            crebo = target.target_qualification.crebo
            client = Client()
            for path in LISTS:
                url = path.format(
                    mbo=uid("organization", mbo.code),
                    dossier=specification_id("dossier", target.target_qualification.file.crebo),
                    qualification=specification_id("qualification", crebo),
                )
                cache.clear()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                assert response.status_code == 200, (url, response.content[:300])
                counts[path] = len(queries)
                items[path] = len(response.json()["items"])
            raise _RollBack
    except _RollBack:
        return counts, items


def test_ooapi_lists_cost_the_same_queries_on_a_larger_country():
    (small, _), (large, large_items) = _measure(0.01), _measure(0.03)
    grown = {
        path: (small[path], large[path])
        for path in small
        if path not in MIXED and large[path] != small[path]
    }
    assert grown == {}, large
    # Both sources on one page: the routes-only page plus the programmes' count, rows
    # and qualifications, and the organization lookup (for an organization's programs).
    both = large["/ooapi/v5/programs?programType=track&pageNumber=2"] + 4
    assert {path: large[path] for path in MIXED if large[path] > both} == {}, large
    assert max(large.values()) <= 16, large
    # Full pages of the default size (10).
    assert large_items["/ooapi/v5/organizations"] == 10
    assert large_items["/ooapi/v5/programs"] == 10
    assert large_items["/ooapi/v5/courses"] == 10
    assert large_items["/ooapi/v5/education-specifications"] == 10
    # The nested lists measured are not empty.
    for nested in ("courses", "education-specifications", "offerings"):
        assert large_items[f"/ooapi/v5/organizations/{{mbo}}/{nested}"] > 0, nested
    assert large_items["/ooapi/v5/education-specifications/{dossier}/education-specifications"]
    assert large_items["/ooapi/v5/education-specifications/{qualification}/programs"]


def test_paging_through_the_organizations_meets_every_one_once_in_name_order():
    generate_national(scale=0.03, seed=3, log=lambda line: None)
    client = Client()
    for order in ("name", "-name"):
        names, page = [], 1
        while True:
            body = client.get(f"/ooapi/v5/organizations?sort={order}&pageNumber={page}").json()
            names += [item["name"][0]["value"] for item in body["items"]]
            if not body["hasNextPage"]:
                break
            page += 1
        assert body["totalPages"] == page
        schools = Organisation.objects.filter(kind__in=Organisation.SCHOOL_KINDS).count()
        assert len(names) == len(set(names)) == schools + 1
        expected = sorted(names, key=str.lower, reverse=order.startswith("-"))
        assert names == expected
