"""PV-01 … PV-04 and QS-02 / FMT-02 / FMT-01 for practice statements: a document
that triggers each rule, and a close variant (at the boundary) that does not."""

import datetime

import pytest

from qualifications.models import Qualification
from rules.engine import validate_document
from rules.registry import REGISTRY, Severity
from tests.rules.factories import remove_value, set_value

from .factories import valid_statement


def apply(document, changes):
    for path, value in changes:
        if value is DELETE:
            remove_value(document, path)
        else:
            set_value(document, path, value)
    return document


DELETE = object()

# (rule, changes that trigger it, expected path, changes at the boundary that do not)
STATEMENT_CASES = [
    ("PV-01", [("work_processes", [])], "work_processes", [("work_processes", ["B1-K1-W2"])]),
    (
        "PV-01",
        [("work_processes", ["B1-K1-W1", "B1-K1-W9"])],
        "work_processes[1]",
        [("work_processes", ["B1-K1-W1", "P2-K1-W1"])],  # the profile's own work process
    ),
    (
        # P1-K1-W1 belongs to the other profile of the same file (25497).
        "PV-01",
        [("work_processes", ["P1-K1-W1"])],
        "work_processes[0]",
        [("qualification", "25497"), ("work_processes", ["P1-K1-W1"])],
    ),
    (
        "PV-01",
        [("work_processes", ["B1-K1-W1", "B1-K1-W1"])],
        "work_processes[1]",
        [("work_processes", ["B1-K1-W1", "B1-K1-W2"])],
    ),
    ("PV-01", [("qualification", "99999")], "qualification", [("qualification", "25497")]),
    ("PV-02", [("school", "30AB")], "school", [("school", "26QA")]),
    ("PV-02", [("school", "99XX")], "school", [("school", "25PZ")]),
    ("PV-02", [("company", "25PZ")], "company", [("company", "87654321")]),
    ("PV-02", [("company", "00000000")], "company", [("company", "12345678")]),
    ("PV-02", [("trainer", "  ")], "trainer", [("trainer", "P")]),
    # Ends the day after the date of issue / on the date of issue.
    ("PV-03", [("period.end", "2021-07-06")], "period.end", [("period.end", "2021-07-05")]),
    # The day before 1 January 2021 / 1 January 2021 itself.
    (
        "PV-04",
        [("period.start", "2020-09-01"), ("period.end", "2020-12-01"), ("issued_on", "2020-12-31")],
        "issued_on",
        [("period.start", "2020-09-01"), ("period.end", "2020-12-01"), ("issued_on", "2021-01-01")],
    ),
    # The qualification is valid from 1 August 2020 (its file's date).
    ("QS-02", [("period.start", "2020-07-31")], "qualification", [("period.start", "2020-08-01")]),
    ("FMT-02", [("period.end", "2021-01-31")], "period.end", [("period.end", "2021-02-01")]),
    ("FMT-01", [("learner", "S. Jansen")], "learner", [("learner", {"name": "S. J."})]),
    ("FMT-01", [("work_processes", "B1-K1-W1")], "work_processes", [("trainer", "A. B.")]),
    ("FMT-01", [("period.start", "2021-02-30")], "period.start", [("issued_on", DELETE)]),
]
IDS = [f"{c[0]}:{c[2]}:{i}" for i, c in enumerate(STATEMENT_CASES)]


def findings_of(report, rule_id):
    return [f for f in report.findings if f.rule == rule_id]


@pytest.mark.parametrize("case", STATEMENT_CASES, ids=IDS)
def test_rule_triggers(reference, case):
    rule_id, changes, path, _ = case
    report = validate_document(apply(valid_statement(), changes))
    found = findings_of(report, rule_id)
    assert path in [f.path for f in found], [f.as_dict() for f in report.findings]
    assert all(f.message.render() for f in found)
    assert all(f.severity == REGISTRY[rule_id].severity for f in found)


@pytest.mark.parametrize("case", STATEMENT_CASES, ids=IDS)
def test_close_variant_does_not_trigger(reference, case):
    rule_id, _, _, changes = case
    report = validate_document(apply(valid_statement(), changes))
    assert findings_of(report, rule_id) == [], [f.as_dict() for f in report.findings]


def test_every_statement_rule_has_a_case():
    statement_rules = {r for r in REGISTRY.values() if "practice_statement" in r.kinds}
    tested = {case[0] for case in STATEMENT_CASES}
    assert {r.id for r in statement_rules} - {"ORG-01"} <= tested
    assert {"PV-01", "PV-02", "PV-03", "PV-04", "QS-02"} <= {r.id for r in statement_rules}


def test_valid_statement_has_no_findings(reference):
    report = validate_document(valid_statement())
    assert report.kind == "practice_statement"
    assert [f.as_dict() for f in report.findings] == []
    assert report.valid


def test_pv04_is_a_warning_and_does_not_block(reference):
    document = apply(
        valid_statement(),
        [("period.start", "2020-09-01"), ("period.end", "2020-12-01"), ("issued_on", "2020-12-01")],
    )
    report = validate_document(document)
    assert [(f.rule, f.severity) for f in report.findings] == [("PV-04", Severity.WARNING)]
    assert report.valid


def test_pv03_without_issued_on_uses_today_and_watches_the_end(reference):
    document = apply(valid_statement(), [("issued_on", DELETE), ("period.end", "2021-06-30")])
    before = validate_document(document, today=datetime.date(2021, 6, 29))
    assert [f.path for f in findings_of(before, "PV-03")] == ["period.end"]
    assert before.recheck_on == datetime.date(2021, 6, 30)
    on_the_day = validate_document(document, today=datetime.date(2021, 6, 30))
    assert findings_of(on_the_day, "PV-03") == []


def test_qs02_intake_ended_before_the_period(reference):
    Qualification.objects.filter(crebo="25498").update(end_of_intake=datetime.date(2021, 2, 1))
    report = validate_document(valid_statement())
    assert [f.path for f in findings_of(report, "QS-02")] == ["qualification"]
    Qualification.objects.filter(crebo="25498").update(end_of_intake=datetime.date(2021, 2, 2))
    assert findings_of(validate_document(valid_statement()), "QS-02") == []


def test_qs02_file_not_established(reference):
    reference.care.status = "In ontwikkeling"
    reference.care.save()
    report = validate_document(valid_statement())
    assert [f.path for f in findings_of(report, "QS-02")] == ["qualification"]


def test_validation_query_count(reference, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        validate_document(valid_statement())
