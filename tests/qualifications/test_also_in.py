"""The "also in" lists: other qualifications that contain the same core task or work process."""

import pytest
from django.urls import reverse

from qualifications.text import normalize_title

from .factories import (
    CoreTaskFactory,
    QualificationFactory,
    WorkProcessFactory,
    crebos_with_core_task_title,
    crebos_with_work_process_title,
    import_samples,
    read_profiles,
)


def also_in_by_code(parts) -> dict[str, set[str]]:
    """{code: crebos in its "also in" list} for core tasks and their work processes."""
    found = {}
    for core_task in parts:
        found[core_task.code] = {entry.qualification.crebo for entry in core_task.also_in}
        for work_process in core_task.work_processes.all():
            found[work_process.code] = {entry.qualification.crebo for entry in work_process.also_in}
    return found


@pytest.mark.django_db
def test_real_samples_also_in_matches_the_xml(client):
    import_samples()
    profiles = read_profiles()
    by_task_title = crebos_with_core_task_title(profiles)
    by_process_title = crebos_with_work_process_title(profiles)
    for crebo, profile in profiles.items():
        response = client.get(reverse("qualifications:qualification-detail", args=[crebo]))
        parts = response.context["basis_parts"] + response.context["profile_parts"]
        found = also_in_by_code(parts)
        for code, title in profile.core_tasks:
            assert found[code] == by_task_title[normalize_title(title)] - {crebo}, (crebo, code)
        for code, title in profile.work_processes:
            assert found[code] == by_process_title[normalize_title(title)] - {crebo}, (
                crebo,
                code,
            )


@pytest.mark.django_db
def test_shared_core_task_across_dossiers_links_to_the_other_qualifications(client):
    import_samples()
    profiles = read_profiles()
    title = normalize_title("Werken aan kwaliteit en deskundigheid")
    holders = crebos_with_core_task_title(profiles)[title]
    dossiers = {profiles[crebo].dossier_crebo for crebo in holders}
    assert len(dossiers) >= 2  # the samples share it between dossiers

    crebo = sorted(holders)[0]
    response = client.get(reverse("qualifications:qualification-detail", args=[crebo]))
    html = response.content.decode()
    for other in holders - {crebo}:
        assert reverse("qualifications:qualification-detail", args=[other]) in html


@pytest.mark.django_db
def test_same_sbb_id_matches_even_with_another_title(client):
    first = QualificationFactory()
    second = QualificationFactory()
    CoreTaskFactory(qualification=first, sbb_id="123456", title="Oude titel")
    CoreTaskFactory(qualification=second, sbb_id="123456", title="Nieuwe titel")
    CoreTaskFactory(qualification=second, title="Iets anders")

    response = client.get(reverse("qualifications:qualification-detail", args=[first.crebo]))
    found = also_in_by_code(response.context["profile_parts"])
    assert list(found.values()) == [{second.crebo}]


@pytest.mark.django_db
def test_title_match_ignores_case_spacing_punctuation_and_accents(client):
    first = QualificationFactory()
    second = QualificationFactory()
    third = QualificationFactory()
    WorkProcessFactory(
        core_task=CoreTaskFactory(qualification=first), title="Begeleidt cliënten, thuis"
    )
    WorkProcessFactory(
        core_task=CoreTaskFactory(qualification=second), title="begeleidt  clienten thuis"
    )
    WorkProcessFactory(core_task=CoreTaskFactory(qualification=third), title="Begeleidt kinderen")

    response = client.get(reverse("qualifications:qualification-detail", args=[first.crebo]))
    (core_task,) = response.context["profile_parts"]
    (work_process,) = core_task.work_processes.all()
    assert [entry.qualification.crebo for entry in work_process.also_in] == [second.crebo]


@pytest.mark.django_db
def test_dossier_page_leaves_out_the_parts_own_qualifications(client):
    first = QualificationFactory()
    sibling = QualificationFactory(file=first.file)
    elsewhere = QualificationFactory()
    CoreTaskFactory(file=first.file, title="Werken aan kwaliteit")
    CoreTaskFactory(qualification=elsewhere, title="Werken aan kwaliteit")

    response = client.get(reverse("qualifications:dossier-detail", args=[first.file.crebo]))
    (basis,) = response.context["parts"].basis
    assert [entry.qualification.crebo for entry in basis.also_in] == [elsewhere.crebo]

    # on the qualification page, the sibling profile shares the basis part
    response = client.get(reverse("qualifications:qualification-detail", args=[first.crebo]))
    (basis,) = response.context["basis_parts"]
    assert sorted(entry.qualification.crebo for entry in basis.also_in) == sorted(
        [sibling.crebo, elsewhere.crebo]
    )


@pytest.mark.django_db
def test_query_count_does_not_grow_with_matches(client, django_assert_max_num_queries):
    viewed = QualificationFactory()

    def add_shared_parts(count):
        for _ in range(count):
            core_task = CoreTaskFactory(qualification=viewed)
            work_process = WorkProcessFactory(core_task=core_task)
            other = QualificationFactory()
            copy = CoreTaskFactory(qualification=other, title=core_task.title)
            WorkProcessFactory(core_task=copy, title=work_process.title)

    add_shared_parts(1)
    url = reverse("qualifications:qualification-detail", args=[viewed.crebo])
    with django_assert_max_num_queries(12):
        client.get(url)
    add_shared_parts(8)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert all(len(part.also_in) == 1 for part in response.context["profile_parts"])
