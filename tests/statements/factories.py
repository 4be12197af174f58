"""Reference data and a valid `practice_statement` document (the example of
docs/interchange.md), on top of the rule tests' reference data."""

import copy
import datetime

import factory

from qualifications.models import CoreTask, Qualification, WorkProcess
from regions.models import Organisation
from statements.models import PracticeStatement
from statements.services import new_code
from tests.rules.factories import build_reference_data

PRACTICE_STATEMENT = {
    "format": "vet-submission/1",
    "kind": "practice_statement",
    "school": "25PZ",
    "learner": {"name": "S. Jansen"},
    "qualification": "25498",
    "company": "12345678",
    "trainer": "P. de Boer",
    "period": {"start": "2021-02-01", "end": "2021-06-30"},
    "issued_on": "2021-07-05",
    "work_processes": ["B1-K1-W1", "B1-K1-W2"],
}


def valid_statement() -> dict:
    return copy.deepcopy(PRACTICE_STATEMENT)


def _work_process(task, code, title, position):
    return WorkProcess.objects.get_or_create(
        core_task=task,
        code=code,
        defaults={
            "sbb_id": f"{task.sbb_id}{position}",
            "title": title,
            "normalized_title": title.lower(),
            "position": position,
        },
    )[0]


def build_statement_reference():
    """The rule tests' reference data plus work processes: two of the basis core
    task B1-K1 (shared by 25497 and 25498), one of each profile's own core task."""
    reference = build_reference_data()
    basis = CoreTask.objects.get(file=reference.care, code="B1-K1")
    senior_task = CoreTask.objects.get(file=reference.care, code="P1-K1")
    helper_task = CoreTask.objects.get(file=reference.care, code="P2-K1")
    _work_process(basis, "B1-K1-W1", "Inventariseert de ondersteuningsbehoefte", 1)
    _work_process(basis, "B1-K1-W2", "Biedt persoonlijke verzorging", 2)
    _work_process(senior_task, "P1-K1-W1", "Stemt de zorg af", 1)
    _work_process(helper_task, "P2-K1-W1", "Voert huishoudelijke taken uit", 1)
    return reference


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeStatement

    school = factory.LazyFunction(lambda: Organisation.objects.get(code="25PZ"))
    qualification = factory.LazyFunction(lambda: Qualification.objects.get(crebo="25498"))
    company = factory.LazyFunction(lambda: Organisation.objects.get(code="12345678"))
    trainer = "P. de Boer"
    learner_name = factory.Sequence(lambda n: f"Sanne Jansen {n}")
    period_start = datetime.date(2026, 2, 1)
    period_end = datetime.date(2026, 6, 30)
    issued_on = datetime.date(2026, 7, 5)
    work_processes = factory.LazyFunction(lambda: ["B1-K1-W1", "B1-K1-W2"])
    code = factory.LazyFunction(new_code)
