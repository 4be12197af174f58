"""The comparison page: two or three qualifications, shared and distinct parts."""

import pytest
from django.urls import reverse

from qualifications.text import normalize_title

from .factories import (
    CoreTaskFactory,
    QualificationFactory,
    VetCertificateFactory,
    WorkProcessFactory,
    import_samples,
    read_profiles,
)

URL = reverse("qualifications:compare")


@pytest.mark.django_db
def test_form_without_input_shows_no_result(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["comparison"] is None


@pytest.mark.django_db
def test_first_crebo_from_a_qualification_page_is_filled_in_without_errors(client):
    known = QualificationFactory()
    response = client.get(URL, {"crebo_1": known.crebo})
    assert response.context["comparison"] is None
    assert not response.context["form"].errors
    assert f'value="{known.crebo}"' in response.content.decode()


@pytest.mark.django_db
def test_unknown_crebo_is_reported_and_kept(client):
    known = QualificationFactory()
    response = client.get(URL, {"crebo_1": known.crebo, "crebo_2": "99999"})
    assert response.context["comparison"] is None
    assert response.context["form"].errors["crebo_2"]
    html = response.content.decode()
    assert 'value="99999"' in html and f'value="{known.crebo}"' in html


@pytest.mark.django_db
def test_same_crebo_twice_is_refused(client):
    known = QualificationFactory()
    response = client.get(URL, {"crebo_1": known.crebo, "crebo_2": known.crebo})
    assert response.context["comparison"] is None
    assert response.context["form"].non_field_errors()


@pytest.mark.django_db
def test_shared_and_distinct_parts_of_three(client):
    first, second, third = QualificationFactory.create_batch(3)
    for qualification in (first, second, third):
        shared = CoreTaskFactory(qualification=qualification, title="Werken aan kwaliteit")
        WorkProcessFactory(core_task=shared, title="Werkt aan de eigen deskundigheid")
    only_first = CoreTaskFactory(qualification=first, title="Alleen in de eerste")
    VetCertificateFactory(core_task=only_first)
    CoreTaskFactory(qualification=second, title="In twee van de drie")
    CoreTaskFactory(qualification=third, title="in twee, van de drie!")

    response = client.get(
        URL, {"crebo_1": first.crebo, "crebo_2": second.crebo, "crebo_3": third.crebo}
    )
    comparison = response.context["comparison"]
    rows = {row.title: row for row in comparison.core_tasks}
    assert [row.title for row in comparison.shared_core_tasks] == ["Werken aan kwaliteit"]
    assert rows["Alleen in de eerste"].codes == [only_first.code, None, None]
    assert rows["Alleen in de eerste"].has_certificate
    assert rows["In twee van de drie"].codes[0] is None
    assert all(rows["In twee van de drie"].codes[1:])
    assert len(comparison.core_tasks) == 3
    assert [row.title for row in comparison.shared_work_processes] == [
        "Werkt aan de eigen deskundigheid"
    ]
    # The summary counts in Dutch with the plural that fits (ngettext).
    text = " ".join(response.content.decode().split())
    assert "1 van de 3 kerntaken komt in alle vergeleken kwalificaties voor." in text
    assert "1 van de 1 werkprocessen komt in alle vergeleken kwalificaties voor." in text


@pytest.mark.django_db
def test_real_samples_shared_parts_match_the_xml(client):
    import_samples()
    profiles = read_profiles()
    # one qualification of each of two dossiers that share a core task title
    by_dossier = {}
    for profile in profiles.values():
        by_dossier.setdefault(profile.dossier_crebo, profile)
    first, second = list(by_dossier.values())[:2]

    response = client.get(URL, {"crebo_1": first.crebo, "crebo_2": second.crebo})
    comparison = response.context["comparison"]

    def titles(parts):
        return {normalize_title(title) for _code, title in parts}

    shared_tasks = titles(first.core_tasks) & titles(second.core_tasks)
    shared_processes = titles(first.work_processes) & titles(second.work_processes)
    assert {normalize_title(r.title) for r in comparison.shared_core_tasks} == shared_tasks
    assert {normalize_title(r.title) for r in comparison.shared_work_processes} == shared_processes
    assert len(comparison.core_tasks) == len(titles(first.core_tasks) | titles(second.core_tasks))
    assert response.content.decode().count("comparison__shared") >= len(shared_tasks)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_parts(client, django_assert_max_num_queries):
    first, second = QualificationFactory.create_batch(2)

    def add_parts(count):
        for _ in range(count):
            for qualification in (first, second):
                WorkProcessFactory(core_task=CoreTaskFactory(qualification=qualification))

    params = {"crebo_1": first.crebo, "crebo_2": second.crebo}
    add_parts(1)
    with django_assert_max_num_queries(6):
        client.get(URL, params)
    add_parts(10)
    with django_assert_max_num_queries(6):
        response = client.get(URL, params)
    assert len(response.context["comparison"].core_tasks) == 22


@pytest.mark.django_db
def test_elins_three_qualifications_share_a_part(client):
    """Seed 004: Elin doubts between onderwijsassistent, pedagogisch medewerker and
    sociaal-cultureel werker, and picks a part that recurs in all of them."""
    import_samples()
    by_title = {normalize_title(p.title): p for p in read_profiles().values()}
    elins = [
        by_title[normalize_title(title)]
        for title in ["Onderwijsassistent", "Pedagogisch medewerker kinderopvang"]
        + ["Sociaal-cultureel werker"]
    ]
    response = client.get(
        URL, {f"crebo_{n}": profile.crebo for n, profile in enumerate(elins, start=1)}
    )
    comparison = response.context["comparison"]
    expected = set.intersection(
        *({normalize_title(title) for _code, title in p.core_tasks} for p in elins)
    )
    assert expected  # the samples do share a core task between these three
    assert {normalize_title(r.title) for r in comparison.shared_core_tasks} == expected
    for row in comparison.shared_core_tasks:  # each with its code in each qualification
        assert row.codes == [
            next(c for c, t in p.core_tasks if normalize_title(t) == normalize_title(row.title))
            for p in elins
        ]
