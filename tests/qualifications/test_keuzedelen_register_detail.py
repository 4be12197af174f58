"""A regional keuzedeel's page: its RK code, school, region, learning outcomes,
the programme that described it and the approved programmes that name it."""

import pytest
from django.conf import settings
from django.urls import reverse

from .factories import ElectiveModuleFactory
from .register_factories import RegionalElectiveFactory, RegionalElectiveUseFactory


def in_english(client):
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})


def url(code):
    return reverse("qualifications:elective-detail", args=[code])


@pytest.mark.django_db
def test_shows_school_region_outcomes_and_uses(client, django_assert_max_num_queries):
    elective = RegionalElectiveFactory(title="Zorgtechnologie in de wijk")
    first = RegionalElectiveUseFactory(elective=elective, title="Helpende zorg Tilburg")
    RegionalElectiveUseFactory(elective=elective, title="Pedagogisch medewerker Breda")
    in_english(client)
    with django_assert_max_num_queries(3):
        response = client.get(url(elective.code))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Zorgtechnologie in de wijk <small>{elective.code}</small>" in html
    assert f"{elective.school.name} ({elective.school.code})" in html
    assert f"{elective.region.name} ({elective.region.code})" in html
    assert "E1: Werkt met domotica" in html
    assert elective.source_title in html
    assert "Helpende zorg Tilburg" in html and "Pedagogisch medewerker Breda" in html
    assert f"{first.school.name} ({first.school.code})" in html


@pytest.mark.django_db
def test_not_yet_used_says_how_to_name_it(client):
    elective = RegionalElectiveFactory()
    in_english(client)
    html = client.get(url(elective.code)).content.decode()
    assert f"No other approved programme names {elective.code} yet." in html


@pytest.mark.django_db
def test_a_national_page_has_no_register_part(client, django_assert_max_num_queries):
    elective = ElectiveModuleFactory()
    in_english(client)
    with django_assert_max_num_queries(2):
        html = client.get(url(elective.code)).content.decode()
    assert "Where it is used" not in html


@pytest.mark.django_db
def test_unknown_rk_code_is_404(client):
    assert client.get(url("RK9999")).status_code == 404
