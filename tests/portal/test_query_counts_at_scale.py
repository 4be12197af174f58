"""Query counts per page do not grow with the data: each list, queue, monitor and map
page makes the same number of queries on a small and on a three times larger country."""

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import Role, User
from portal.national import USERNAME_PREFIX, generate_national

pytestmark = pytest.mark.django_db

PAGES = {
    "": [
        "/kwalificaties/",
        "/kwalificaties/?q=zorg",
        "/kwalificaties/keuzedelen/",
        "/regios/",
        "/regios/kaart/",
        "/regios/kaart/?indicator=pathways",
        "/regios/AM06/",
        "/regios/netwerken/",
        "/leerroutes/",
        "/api/qualifications/",
        "/api/keuzedelen/",
        "/api/organisations/",
        "/api/networks/",
        "/api/pathways/",
        "/api/regions/",
    ],
    Role.SCHOOL_AUTHOR: ["/", "/indieningen/", "/leerroutes/", "/meldingen/", "/api/submissions/"],
    Role.SBB_REVIEWER: ["/", "/indieningen/", "/indieningen/beoordelen/", "/api/submissions/"],
    Role.MINISTRY_STAFF: [
        "/",
        "/experimenten/",
        "/experimenten/ruimte-voor-de-regio/deelnemers/",
        "/experimenten/ruimte-voor-de-regio/voortgang/",
        "/experimenten/pilot-praktijkgerichte-programmas/deelnemers/",
        "/leerroutes/monitor/",
    ],
}


class _RollBack(Exception):
    pass


def _query_counts(scale: float) -> dict[tuple[str, str], int]:
    """Queries per (role, page) on a country of the scale, rolled back afterwards."""
    counts = {}
    try:
        with transaction.atomic():
            generate_national(scale=scale, seed=3, log=lambda line: None)
            for role, urls in PAGES.items():
                client = Client()
                if role:
                    user = (
                        User.objects.filter(username__startswith=USERNAME_PREFIX, role=role)
                        .order_by("pk")
                        .first()
                    )
                    client.force_login(user)
                for url in urls:
                    cache.clear()
                    with CaptureQueriesContext(connection) as queries:
                        response = client.get(url)
                    assert response.status_code == 200, (role, url, response.status_code)
                    counts[(role, url)] = len(queries)
            raise _RollBack
    except _RollBack:
        return counts


def test_query_counts_do_not_grow_with_the_data():
    small, large = _query_counts(0.01), _query_counts(0.03)
    grown = {page: (small[page], large[page]) for page in small if large[page] != small[page]}
    assert grown == {}
