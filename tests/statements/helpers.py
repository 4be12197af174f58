"""Shared set-up for the statement view tests: Alice and Bob at 25PZ, Charlie
at 26QA (tests.base), the rule tests' reference data with work processes, and
a factory for issued statements."""

from tests.base import BaseTestCase

from .factories import build_statement_reference


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
