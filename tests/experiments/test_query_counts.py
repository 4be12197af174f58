"""Query counts of the experiments pages do not grow with the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role
from tests.base import make_user

from .factories import experiment, make_applications, make_schools, make_submission

REGIONAL = "ruimte-voor-de-regio"
PAGES = [
    "/experimenten/",
    f"/experimenten/{REGIONAL}/",
    f"/experimenten/{REGIONAL}/deelnemers/",
    f"/experimenten/{REGIONAL}/deelnemers.csv",
    f"/experimenten/{REGIONAL}/voortgang/",
    f"/experimenten/{REGIONAL}/voortgang.csv",
]
MAX_QUERIES = 10


def _fill(regional, author, count, start):
    schools = make_schools(count, start=start)
    make_applications(regional, schools[: count // 2], "2020/21", status="admitted")
    make_applications(regional, schools[count // 2 :], "2021/22")
    for school in schools[: count // 2]:
        make_submission(school, author, regional, state="draft")


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("url", PAGES)
def test_queries_are_bounded_and_do_not_grow_with_rows(
    client, db, url, django_assert_max_num_queries
):
    regional = experiment(REGIONAL)
    ocw = make_schools(1, kind="ministry", start=0)[0]
    minister = make_user("minister", ocw, Role.MINISTRY_STAFF)
    client.force_login(minister)
    _fill(regional, minister, 4, start=10)
    few = _queries(client, url)
    _fill(regional, minister, 20, start=30)
    with django_assert_max_num_queries(MAX_QUERIES):
        many = _queries(client, url)
    assert many == few, (few, many)
