"""The keuzedelen page and the register of regional keuzedelen: it filters
national and regional ones and shows each regional one's school, region and use."""

import pytest
from django.conf import settings
from django.urls import reverse

from .factories import ElectiveModuleFactory
from .register_factories import RegionalElectiveFactory, RegionalElectiveUseFactory

URL = reverse("qualifications:elective-list")


def in_english(client):
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})


def listed_codes(response) -> list[str]:
    return [elective.code for elective in response.context["page_obj"].object_list]


@pytest.mark.django_db
def test_national_first_then_regional_and_filtered_by_kind(client):
    national = ElectiveModuleFactory()
    regional = RegionalElectiveFactory()
    assert listed_codes(client.get(URL)) == [national.code, regional.code]
    assert listed_codes(client.get(URL, {"kind": "national"})) == [national.code]
    assert listed_codes(client.get(URL, {"kind": "regional"})) == [regional.code]
    # An unknown choice is a form error and an empty list, never a 500.
    response = client.get(URL, {"kind": "anders"})
    assert response.status_code == 200
    assert listed_codes(response) == []


@pytest.mark.django_db
def test_search_finds_a_regional_keuzedeel_by_its_rk_code(client):
    regional = RegionalElectiveFactory(title="Zorgtechnologie in de wijk")
    ElectiveModuleFactory(title="Zorgtechnologie verkennen")
    assert listed_codes(client.get(URL, {"q": regional.code.lower()})) == [regional.code]
    assert listed_codes(client.get(URL, {"q": "wijk"})) == [regional.code]


@pytest.mark.django_db
def test_a_regional_row_shows_school_region_and_how_often_it_is_named(client):
    regional = RegionalElectiveFactory()
    RegionalElectiveUseFactory.create_batch(2, elective=regional)
    in_english(client)
    html = client.get(URL, {"kind": "regional"}).content
    html = html.decode()
    assert f"{regional.school.name} ({regional.school.code})" in html
    assert f"{regional.region.name} ({regional.region.code})" in html
    assert "Named by 2 other approved programmes." in html


@pytest.mark.django_db
def test_dutch_by_default(client):
    RegionalElectiveUseFactory()
    RegionalElectiveFactory()
    html = client.get(URL, {"kind": "regional"}).content.decode()
    assert "Genoemd door 1 andere goedgekeurde opleiding." in html
    assert "Nog door geen andere goedgekeurde opleiding genoemd." in html
    assert "Regionaal (RK-codes)" in html


@pytest.mark.django_db
def test_query_count_does_not_grow_with_regional_rows(client, django_assert_max_num_queries):
    RegionalElectiveUseFactory.create_batch(3)
    with django_assert_max_num_queries(3):
        client.get(URL)
    RegionalElectiveUseFactory.create_batch(20)
    ElectiveModuleFactory.create_batch(5)
    with django_assert_max_num_queries(3):
        response = client.get(URL, {"kind": "regional"})
    assert len(listed_codes(response)) == 20
