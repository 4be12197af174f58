"""The public dossier list: search, filters, pagination, empty state, query count."""

import pytest
from django.test import override_settings
from django.urls import reverse

from qualifications.text import normalize_title

from .factories import (
    CoreTaskFactory,
    DomainFactory,
    QualificationFactory,
    QualificationFileFactory,
    WorkProcessFactory,
    import_samples,
    read_profiles,
)

URL = reverse("qualifications:dossier-list")


def listed_crebos(response) -> list[str]:
    return [dossier.crebo for dossier in response.context["page_obj"].object_list]


@pytest.mark.django_db
def test_empty_structure_shows_empty_state(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert listed_crebos(response) == []
    assert b'class="empty-state"' in response.content


@pytest.mark.django_db
def test_search_ignores_accents_and_case(client):
    with_accent = QualificationFileFactory(title="Zorg en welzijn")
    CoreTaskFactory(file=with_accent, title="Ondersteunt cliënten bij wonen")
    other = QualificationFileFactory(title="Techniek")
    CoreTaskFactory(file=other, title="Onderhoudt installaties")

    for query in ["clienten", "CLIËNTEN", "  Cliënten  "]:
        response = client.get(URL, {"q": query})
        assert listed_crebos(response) == [with_accent.crebo], query


@pytest.mark.django_db
def test_search_by_crebo_of_dossier_or_qualification(client):
    dossier = QualificationFileFactory()
    qualification = QualificationFactory()
    QualificationFileFactory()  # never matches

    assert listed_crebos(client.get(URL, {"q": dossier.crebo})) == [dossier.crebo]
    assert listed_crebos(client.get(URL, {"q": qualification.crebo})) == [qualification.file.crebo]


@pytest.mark.django_db
def test_search_by_title_and_work_process_text(client):
    by_title = QualificationFileFactory(title="Pedagogisch Werk")
    by_qualification = QualificationFactory(title="Onderwijsassistent").file
    by_work_process = WorkProcessFactory(title="Voert lesactiviteiten uit").core_task.file
    QualificationFileFactory(title="Logistiek")

    assert listed_crebos(client.get(URL, {"q": "pedagogisch"})) == [by_title.crebo]
    assert listed_crebos(client.get(URL, {"q": "onderwijsASSISTENT"})) == [by_qualification.crebo]
    assert listed_crebos(client.get(URL, {"q": "lesactiviteiten"})) == [by_work_process.crebo]


@pytest.mark.django_db
def test_every_search_word_must_match(client):
    both = QualificationFileFactory(title="Sociaal werk")
    CoreTaskFactory(file=both, title="Begeleiden van groepen")
    only_one = QualificationFileFactory(title="Sociaal domein")

    response = client.get(URL, {"q": "sociaal groepen"})
    assert listed_crebos(response) == [both.crebo]
    assert only_one.crebo in listed_crebos(client.get(URL, {"q": "sociaal"}))


@pytest.mark.django_db
def test_filters_by_domain_level_and_status(client):
    care = DomainFactory(title="Zorg en welzijn")
    level_2 = QualificationFactory(level=2, file__domain=care).file
    level_4 = QualificationFactory(level=4, file__domain=care).file
    elsewhere = QualificationFactory(level=2).file
    expired = QualificationFileFactory(status="Vervallen", domain=care)

    assert sorted(listed_crebos(client.get(URL, {"domain": care.pk}))) == sorted(
        [level_2.crebo, level_4.crebo, expired.crebo]
    )
    assert sorted(listed_crebos(client.get(URL, {"level": 2}))) == sorted(
        [level_2.crebo, elsewhere.crebo]
    )
    assert listed_crebos(client.get(URL, {"domain": care.pk, "level": 4})) == [level_4.crebo]
    assert listed_crebos(client.get(URL, {"status": "Vervallen"})) == [expired.crebo]


@pytest.mark.django_db
def test_bad_filter_value_is_reported_and_kept(client):
    response = client.get(URL, {"q": "zorg", "level": "9"})
    assert response.status_code == 200
    assert response.context["form"].errors["level"]
    assert b'value="zorg"' in response.content
    assert b'class="empty-state"' in response.content


@pytest.mark.django_db
def test_pagination_keeps_the_search(client):
    QualificationFileFactory.create_batch(25, title="Zorg dossier")
    first = client.get(URL, {"q": "zorg"})
    assert len(listed_crebos(first)) == 20
    assert b"q=zorg&amp;page=2" in first.content
    second = client.get(URL, {"q": "zorg", "page": 2})
    assert len(listed_crebos(second)) == 5
    assert not set(listed_crebos(first)) & set(listed_crebos(second))


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    def make_dossiers(count):
        for _ in range(count):
            qualification = QualificationFactory()
            QualificationFactory(file=qualification.file)
            WorkProcessFactory(core_task=CoreTaskFactory(file=qualification.file))

    # 6 for the dossiers, 2 for the matching core tasks and work processes (Sandra's path)
    make_dossiers(2)
    with django_assert_max_num_queries(8):
        client.get(URL, {"q": "dossier"})
    make_dossiers(20)
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"q": "dossier"})
    assert len(listed_crebos(response)) == 20


@pytest.mark.django_db
def test_real_data_search_finds_each_dossier_with_a_core_task_title(client):
    import_samples()
    profiles = read_profiles()
    title = "Werken aan kwaliteit en deskundigheid"
    expected = {
        profile.dossier_crebo
        for profile in profiles.values()
        if any(normalize_title(t) == normalize_title(title) for _c, t in profile.core_tasks)
    }
    assert len(expected) >= 2  # the samples share this core task

    response = client.get(URL, {"q": title.lower()})
    assert set(listed_crebos(response)) == expected
    for crebo in expected:
        assert reverse("qualifications:dossier-detail", args=[crebo]).encode() in response.content


@pytest.mark.django_db
# The view itself, every time (the page cache would answer the repeated request).
@override_settings(PAGE_CACHE=False)
def test_real_data_search_by_dossier_and_qualification_title_and_crebo(client):
    import_samples()
    for profile in read_profiles().values():
        for query in [profile.dossier_title, profile.title, profile.crebo, profile.dossier_crebo]:
            found = listed_crebos(client.get(URL, {"q": query}))
            assert profile.dossier_crebo in found, query


@pytest.mark.django_db
def test_search_lists_matching_parts_with_a_link_to_their_path(client):
    qualification = QualificationFactory()
    core_task = CoreTaskFactory(file=qualification.file, code="B1-K1", title="Verkoopt producten")
    stock = WorkProcessFactory(core_task=core_task, title="Beheert de voorraad")
    WorkProcessFactory(core_task=core_task, title="Helpt klanten")
    response = client.get(URL, {"q": "VOORRAAD"})
    found = response.context["matching_parts"]
    assert found.core_tasks == [] and found.work_processes == [stock]
    path = reverse("qualifications:part-path", args=[qualification.file.crebo, stock.code])
    assert f'href="{path}?can={stock.code}"' in response.content.decode()
    assert not client.get(URL, {"q": qualification.crebo}).context["matching_parts"]
