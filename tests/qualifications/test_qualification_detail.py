"""The public qualification page: facts, basis and profile parts, certificates."""

import re

import pytest
from django.urls import reverse

from .factories import (
    CoreTaskFactory,
    QualificationFactory,
    VetCertificateFactory,
    WorkProcessFactory,
    import_samples,
    read_profiles,
)


def url(crebo):
    return reverse("qualifications:qualification-detail", args=[crebo])


def part_codes(response) -> list[str]:
    return re.findall(r'id="part-([BP][\w-]+)"', response.content.decode())


@pytest.mark.django_db
def test_unknown_crebo_is_404(client):
    assert client.get(url("99999")).status_code == 404


@pytest.mark.django_db
def test_real_qualifications_show_their_own_parts_and_facts(client):
    import_samples()
    profiles = read_profiles()
    assert profiles
    for crebo, profile in profiles.items():
        response = client.get(url(crebo))
        assert response.status_code == 200
        qualification = response.context["qualification"]
        assert (qualification.level, qualification.study_load_hours) == (profile.level, profile.sbu)
        html = response.content.decode()
        assert f"<dd>{profile.level}</dd>" in html
        assert f"<dd>{profile.sbu}</dd>" in html
        expected = [code for code, _t in profile.core_tasks]
        expected_processes = [code for code, _t in profile.work_processes]
        codes = part_codes(response)
        assert [code for code in codes if "-W" not in code] == expected
        assert sorted(code for code in codes if "-W" in code) == sorted(expected_processes)


@pytest.mark.django_db
def test_shows_programme_kind_and_dates(client):
    qualification = QualificationFactory(programme_kind="middenkaderopleiding")
    response = client.get(url(qualification.crebo))
    assert "middenkaderopleiding" in response.content.decode()
    assert str(qualification.valid_from.year) in response.content.decode()


@pytest.mark.django_db
def test_parts_of_other_profiles_are_not_shown(client):
    qualification = QualificationFactory(chapter=1)
    sibling = QualificationFactory(file=qualification.file, chapter=2)
    CoreTaskFactory(file=qualification.file, code="B1-K1")
    CoreTaskFactory(qualification=qualification, code="P1-K1")
    CoreTaskFactory(qualification=sibling, code="P2-K1")
    assert part_codes(client.get(url(qualification.crebo))) == ["B1-K1", "P1-K1"]


@pytest.mark.django_db
def test_certificates_show_which_parts_carry_one(client):
    qualification = QualificationFactory()
    certified = CoreTaskFactory(qualification=qualification, title="Verzorgt cliënten")
    CoreTaskFactory(qualification=qualification, title="Zonder certificaat")
    certificate = VetCertificateFactory(core_task=certified, title="Certificaat verzorging")

    response = client.get(url(qualification.crebo))
    assert [part.code for part in response.context["certified_parts"]] == [certified.code]
    assert certificate.title in response.content.decode()

    without = QualificationFactory()
    CoreTaskFactory(qualification=without)
    response = client.get(url(without.crebo))
    assert response.context["certified_parts"] == []


@pytest.mark.django_db
def test_query_count_does_not_grow_with_parts(client, django_assert_max_num_queries):
    qualification = QualificationFactory()

    def add_parts(count):
        for _ in range(count):
            core_task = CoreTaskFactory(qualification=qualification)
            WorkProcessFactory.create_batch(2, core_task=core_task)
            VetCertificateFactory(core_task=core_task)
            WorkProcessFactory(core_task=CoreTaskFactory(file=qualification.file))

    add_parts(1)
    with django_assert_max_num_queries(12):
        client.get(url(qualification.crebo))
    add_parts(10)
    with django_assert_max_num_queries(12):
        response = client.get(url(qualification.crebo))
    assert len(part_codes(response)) == 11 * 5


@pytest.mark.django_db
def test_a_profiles_certificate_on_a_basis_part_holds_only_in_that_profile(client):
    qualification = QualificationFactory()
    sibling = QualificationFactory(file=qualification.file)
    basis = CoreTaskFactory(file=qualification.file)
    VetCertificateFactory(core_task=basis, qualification=sibling, title="Alleen voor het zusje")
    VetCertificateFactory(qualification=qualification, title="Hele kwalificatie")

    response = client.get(url(qualification.crebo))
    html = response.content.decode()
    assert response.context["certified_parts"] == []
    assert "Alleen voor het zusje" not in html
    assert "Hele kwalificatie" in html

    response = client.get(url(sibling.crebo))
    assert [part.code for part in response.context["certified_parts"]] == [basis.code]
    assert "Alleen voor het zusje" in response.content.decode()
