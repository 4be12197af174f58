"""'What do I still need': a target qualification minus what is done or held."""

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

URL = reverse("qualifications:still-needed")


def remaining_codes(result) -> dict[str, list[str]]:
    return {
        item.core_task.code: [wp.code for wp in item.work_processes] for item in result.remaining
    }


def all_codes(qualification) -> dict[str, list[str]]:
    """Every core task of the qualification's file with its work processes, in position order."""
    return {
        core_task.code: [wp.code for wp in core_task.work_processes.order_by("position")]
        for core_task in qualification.file.core_tasks.order_by("code")
    }


@pytest.fixture
def target(db):
    qualification = QualificationFactory(chapter=1)
    first = CoreTaskFactory(file=qualification.file, code="B1-K1", position=1)
    WorkProcessFactory.create_batch(2, core_task=first)
    second = CoreTaskFactory(qualification=qualification, code="P1-K1", position=1)
    WorkProcessFactory.create_batch(3, core_task=second)
    VetCertificateFactory(core_task=second, title="Certificaat P1-K1")
    return qualification


def test_nothing_done_leaves_everything(client, target):
    response = client.get(URL, {"target": target.crebo})
    result = response.context["result"]
    assert remaining_codes(result) == all_codes(target)
    assert [item.core_task.code for item in result.remaining_with_certificate] == ["P1-K1"]
    assert "Certificaat P1-K1" in response.content.decode()


def test_ticked_core_task_and_work_processes_are_done(client, target):
    basis, profile = target.file.core_tasks.order_by("code")
    first_wp = profile.work_processes.order_by("position").first()
    response = client.get(
        URL,
        {
            "target": target.crebo,
            "done_core_tasks": [basis.pk],
            "done_work_processes": [first_wp.pk],
        },
    )
    result = response.context["result"]
    assert remaining_codes(result) == {"P1-K1": all_codes(target)["P1-K1"][1:]}
    assert not result.remaining[0].fully_open
    html = response.content.decode()
    assert f'value="{basis.pk}" id="done-ct-{basis.pk}" checked' in html  # ticks are kept


def test_all_work_processes_ticked_completes_the_core_task(client, target):
    ids = [wp.pk for ct in target.file.core_tasks.all() for wp in ct.work_processes.all()]
    response = client.get(URL, {"target": target.crebo, "done_work_processes": ids})
    result = response.context["result"]
    assert result.remaining == []
    assert result.done_core_task_count == 2


def test_held_qualification_covers_shared_parts(client, target):
    held = QualificationFactory()
    basis = target.file.core_tasks.get(code="B1-K1")
    CoreTaskFactory(qualification=held, title=basis.title.upper())  # same normalised title
    profile = target.file.core_tasks.get(code="P1-K1")
    one_wp = profile.work_processes.order_by("position").first()
    WorkProcessFactory(core_task=CoreTaskFactory(qualification=held), title=one_wp.title)

    response = client.get(URL, {"target": target.crebo, "held": held.crebo})
    expected = {"P1-K1": all_codes(target)["P1-K1"][1:]}
    assert remaining_codes(response.context["result"]) == expected
    # One core task remains: the Dutch sentence is singular (ngettext).
    total = response.context["result"].total_core_task_count
    assert f"Er blijft 1 van de {total} kerntaken over." in response.content.decode()


def test_unknown_crebos_and_foreign_parts_are_reported(client, target):
    response = client.get(URL, {"target": "99999"})
    assert response.context["result"] is None
    assert response.context["form"].errors["target"]
    assert 'value="99999"' in response.content.decode()

    response = client.get(URL, {"target": target.crebo, "held": "88888"})
    assert response.context["result"] is None
    assert response.context["form"].errors["held"]

    foreign = CoreTaskFactory()
    response = client.get(URL, {"target": target.crebo, "done_core_tasks": [foreign.pk]})
    assert response.context["result"] is None
    assert response.context["form"].errors["done_core_tasks"]


@pytest.mark.django_db
def test_real_samples_holding_one_qualification_for_another(client):
    import_samples()
    profiles = read_profiles()
    by_dossier = {}
    for profile in profiles.values():
        by_dossier.setdefault(profile.dossier_crebo, profile)
    held, wanted = list(by_dossier.values())[:2]

    response = client.get(URL, {"target": wanted.crebo, "held": held.crebo})
    result = response.context["result"]
    held_tasks = {normalize_title(title) for _code, title in held.core_tasks}
    held_processes = {normalize_title(title) for _code, title in held.work_processes}
    expected_tasks = [
        code for code, title in wanted.core_tasks if normalize_title(title) not in held_tasks
    ]
    remaining = remaining_codes(result)
    # a core task remains unless held, or unless all its work processes are held
    for code in remaining:
        assert code in expected_tasks
    for code, processes in remaining.items():
        titles = dict(wanted.work_processes)
        for process_code in processes:
            assert process_code.startswith(code + "-")
            assert normalize_title(titles[process_code]) not in held_processes
    assert len(remaining) < len(wanted.core_tasks)  # the shared core task is done


def test_query_count_does_not_grow_with_parts(client, target, django_assert_max_num_queries):
    held = QualificationFactory()
    with django_assert_max_num_queries(14):
        client.get(URL, {"target": target.crebo, "held": held.crebo})
    for _ in range(10):
        WorkProcessFactory(core_task=CoreTaskFactory(qualification=target))
        WorkProcessFactory(core_task=CoreTaskFactory(qualification=held))
    with django_assert_max_num_queries(14):
        response = client.get(URL, {"target": target.crebo, "held": held.crebo})
    assert len(response.context["result"].remaining) == 12
