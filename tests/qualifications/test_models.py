"""The invariants of the national structure hold in the database itself.

Each test writes a row that breaks one invariant with a plain ORM save (no
model validation), so only a database constraint can refuse it.
"""

import pytest
from django.db import IntegrityError, transaction

from qualifications.models import (
    CoreTask,
    ElectiveModule,
    Qualification,
    QualificationFile,
    VetCertificate,
    WorkProcess,
)

from .factories import (
    CoreTaskFactory,
    ElectiveModuleFactory,
    QualificationFactory,
    QualificationFileFactory,
    WorkProcessFactory,
)

pytestmark = pytest.mark.django_db


def refused(save) -> bool:
    """True when the database refuses what `save` writes (and nothing is kept)."""
    try:
        with transaction.atomic():
            save()
    except IntegrityError:
        return True
    return False


def test_crebo_of_a_dossier_is_unique():
    existing = QualificationFileFactory()
    other = QualificationFileFactory.build(crebo=existing.crebo, domain=existing.domain)

    assert refused(other.save)
    assert QualificationFile.objects.filter(crebo=existing.crebo).count() == 1


def test_crebo_of_a_qualification_is_unique():
    existing = QualificationFactory()
    other = QualificationFactory.build(crebo=existing.crebo, file=QualificationFileFactory())

    assert refused(other.save)
    assert Qualification.objects.filter(crebo=existing.crebo).count() == 1


@pytest.mark.parametrize("level", [0, 5])
def test_level_of_a_qualification_is_1_to_4(level):
    qualification = QualificationFactory.build(level=level, file=QualificationFileFactory())

    assert refused(qualification.save)
    assert not Qualification.objects.exists()


@pytest.mark.parametrize("level", [1, 4])
def test_levels_1_and_4_are_accepted(level):
    qualification = QualificationFactory.build(level=level, file=QualificationFileFactory())

    assert not refused(qualification.save)


def test_profile_number_is_unique_within_a_dossier():
    existing = QualificationFactory()
    other = QualificationFactory.build(file=existing.file, chapter=existing.chapter)

    assert refused(other.save)


def test_core_task_code_is_unique_within_a_dossier_but_not_across_dossiers():
    task = CoreTaskFactory()
    same_file = CoreTask(
        file=task.file, code=task.code, sbb_id="1", title="x", normalized_title="x", position=9
    )
    other_file = CoreTask(
        file=QualificationFileFactory(),
        code=task.code,
        sbb_id="2",
        title="x",
        normalized_title="x",
        position=1,
    )

    assert refused(same_file.save)
    assert not refused(other_file.save)


def test_work_process_code_is_unique_within_its_core_task():
    process = WorkProcessFactory()
    twin = WorkProcess(
        core_task=process.core_task,
        code=process.code,
        sbb_id="3",
        title="x",
        normalized_title="x",
        position=99,
    )

    assert refused(twin.save)


@pytest.mark.parametrize("level", [0, 5])
def test_level_of_a_keuzedeel_is_empty_or_1_to_4(level):
    assert refused(ElectiveModuleFactory.build(level=level).save)
    assert not refused(ElectiveModuleFactory.build(level=None).save)


def test_keuzedeel_code_is_unique():
    existing = ElectiveModuleFactory()

    assert refused(ElectiveModuleFactory.build(code=existing.code).save)
    assert ElectiveModule.objects.filter(code=existing.code).count() == 1


def test_certificate_belongs_to_a_qualification_or_core_task_or_a_keuzedeel_not_both():
    task = CoreTaskFactory(qualification=QualificationFactory())
    elective = ElectiveModuleFactory()

    nowhere = VetCertificate(title="Nergens")
    both = VetCertificate(title="Beide", core_task=task, elective=elective)

    assert refused(nowhere.save)
    assert refused(both.save)
    assert not refused(VetCertificate(title="Kerntaak", core_task=task).save)
    assert not refused(VetCertificate(title="Keuzedeel", elective=elective).save)
