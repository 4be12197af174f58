"""Regional keuzedelen of the register in the keuzedelen API: listed after the
national ones, filterable, with school, region, learning outcomes and uses."""

import pytest

from .factories import ElectiveModuleFactory
from .register_factories import RegionalElectiveFactory, RegionalElectiveUseFactory


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.django_db
def test_regional_keuzedelen_in_the_api(client, django_assert_max_num_queries):
    national = ElectiveModuleFactory()
    regional = RegionalElectiveFactory(title="Zorgtechnologie in de wijk")
    use = RegionalElectiveUseFactory(elective=regional, title="Helpende zorg Tilburg")
    with django_assert_max_num_queries(5):
        listed = results(client.get("/api/keuzedelen/"))
    assert [(e["code"], e["is_regional"]) for e in listed] == [
        (national.code, False),
        (regional.code, True),
    ]
    assert listed[0]["school"] is None and listed[0]["used_in"] == []
    body = client.get(f"/api/keuzedelen/{regional.code}/").json()
    assert body["school"] == {"code": regional.school.code, "name": regional.school.name}
    assert body["region"] == {"code": regional.region.code, "name": regional.region.name}
    assert body["learning_outcomes"] == [{"code": "E1", "text": "Werkt met domotica"}]
    assert body["described_in"] == regional.source_title
    assert body["used_in"] == [
        {
            "title": "Helpende zorg Tilburg",
            "school": {"code": use.school.code, "name": use.school.name},
            "approved_on": "2026-11-15",
        }
    ]


@pytest.mark.django_db
def test_filters_national_regional_and_region(client):
    national = ElectiveModuleFactory()
    regional = RegionalElectiveFactory()
    RegionalElectiveFactory(school__region__code="AM25")
    codes = [e["code"] for e in results(client.get("/api/keuzedelen/", {"is_regional": "false"}))]
    assert codes == [national.code]
    codes = [
        e["code"]
        for e in results(
            client.get("/api/keuzedelen/", {"is_regional": "true", "region": regional.region.code})
        )
    ]
    assert codes == [regional.code]


@pytest.mark.django_db
def test_query_count_does_not_grow(client, django_assert_max_num_queries):
    RegionalElectiveUseFactory.create_batch(3)
    ElectiveModuleFactory.create_batch(3)
    with django_assert_max_num_queries(5):
        client.get("/api/keuzedelen/")
    RegionalElectiveUseFactory.create_batch(15)
    with django_assert_max_num_queries(5):
        assert len(results(client.get("/api/keuzedelen/"))) > 10
