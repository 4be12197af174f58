"""Keuzedelen list and detail: public, searchable, filterable, paginated."""

import pytest
from django.urls import reverse

from .factories import ElectiveModuleFactory, VetCertificateFactory

URL = reverse("qualifications:elective-list")


def listed_codes(response) -> list[str]:
    return [elective.code for elective in response.context["page_obj"].object_list]


@pytest.mark.django_db
def test_empty_state(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert b'class="empty-state"' in response.content


@pytest.mark.django_db
def test_search_by_code_or_title_ignoring_accents(client):
    care = ElectiveModuleFactory(title="Zorg voor cliënten met dementie")
    other = ElectiveModuleFactory(title="Logistiek")
    assert listed_codes(client.get(URL, {"q": "CLIENTEN"})) == [care.code]
    assert listed_codes(client.get(URL, {"q": other.code.lower()})) == [other.code]


@pytest.mark.django_db
def test_filters_by_level_and_certificate(client):
    level_2 = ElectiveModuleFactory(level=2, has_certificate=True)
    level_4 = ElectiveModuleFactory(level=4)
    no_level = ElectiveModuleFactory(level=None)
    assert listed_codes(client.get(URL, {"level": 2})) == [level_2.code]
    assert listed_codes(client.get(URL, {"certificate": "yes"})) == [level_2.code]
    assert listed_codes(client.get(URL, {"certificate": "no"})) == sorted(
        [level_4.code, no_level.code]
    )


@pytest.mark.django_db
def test_pagination_and_query_count(client, django_assert_max_num_queries):
    ElectiveModuleFactory.create_batch(3)
    with django_assert_max_num_queries(3):
        client.get(URL)
    ElectiveModuleFactory.create_batch(30)
    with django_assert_max_num_queries(3):
        first = client.get(URL)
    second = client.get(URL, {"page": 2})
    assert len(listed_codes(first)) == 20
    assert len(listed_codes(second)) == 13


@pytest.mark.django_db
def test_detail_shows_facts_and_certificates(client, django_assert_max_num_queries):
    elective = ElectiveModuleFactory(title="Duurzaamheid", study_load_hours=480)
    VetCertificateFactory(elective=elective, title="Certificaat duurzaamheid")
    with django_assert_max_num_queries(2):
        response = client.get(reverse("qualifications:elective-detail", args=[elective.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Duurzaamheid" in html and "480" in html and "Certificaat duurzaamheid" in html


@pytest.mark.django_db
def test_unknown_code_is_404(client):
    assert client.get(reverse("qualifications:elective-detail", args=["K9999"])).status_code == 404
