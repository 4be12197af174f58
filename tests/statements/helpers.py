"""Shared set-up for the statement view tests: Alice and Bob at 25PZ, Charlie
at 26QA (tests.base), the rule tests' reference data with work processes, and
a factory for issued statements."""

import datetime

import factory

from qualifications.models import Qualification
from regions.models import Organisation
from statements.models import PracticeStatement
from statements.services import new_code
from tests.base import BaseTestCase

from .fixtures import build_statement_reference


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


class StatementTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.reference = build_statement_reference()
        cls.company = cls.reference.company


def form_data(**changes) -> dict:
    """The issue form filled in as a school author would (valid)."""
    data = {
        "qualification": "25498",
        "learner_name": "Sanne Jansen",
        "company": "12345678",
        "trainer": "P. de Boer",
        "period_start": "2026-02-01",
        "period_end": "2026-06-30",
        "issued_on": "2026-07-05",
        "work_processes": ["B1-K1-W1", "P2-K1-W1"],
    }
    data.update(changes)
    return data
