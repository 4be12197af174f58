"""Every rule: a document that triggers it, and a close variant that does not.

Each case starts from a valid document (tests.rules.factories), changes one
thing, and checks that the rule reports it at the expected path; the close
variant changes the same field to a value the rule accepts.
"""

import datetime

import pytest

from experiments.models import Participation
from regions.models import Organisation
from rules.engine import validate_document
from rules.registry import REGISTRY, Severity
from submissions.models import Submission
from tests.statements.test_rules import STATEMENT_CASES

from .factories import remove_value, set_value, valid_document


def apply(document, changes):
    for change in changes:
        if change[0] == "del":
            remove_value(document, change[1])
        else:
            set_value(document, change[0], change[1])
    return document


def findings_of(report, rule_id):
    return [f for f in report.findings if f.rule == rule_id]


RP, CO, DL, PP = "regional_programme", "cross_over", "continuous_pathway", "practice_programme"

# (rule, kind, changes that trigger it, expected path, changes that do not)
CASES = [
    (
        "RR-01",
        RP,
        [("national_section.qualification", "99999")],
        "national_section.qualification",
        [("national_section.qualification", "25497")],
    ),
    (
        "RR-01",
        RP,
        [("national_section.qualification", "25490")],
        "national_section.qualification",
        [("national_section.qualification", "25498")],
    ),
    ("RR-02", RP, [("start_date", "2020-07-31")], "start_date", [("start_date", "2020-08-01")]),
    (
        "RR-03",
        RP,
        [("regional_section.learning_outcomes", [])],
        "regional_section.learning_outcomes",
        [("regional_section.learning_outcomes", [{"code": "R9", "text": "Iets anders"}])],
    ),
    (
        "RR-03",
        RP,
        [("regional_section.title", " ")],
        "regional_section.title",
        [("regional_section.title", "Zorg")],
    ),
    (
        "RR-04",
        RP,
        [("regional_section.contributors[1].role", "teacher")],
        "regional_section.contributors",
        [("regional_section.contributors[0].name", "C. Docent")],
    ),
    (
        "RR-04",
        RP,
        [
            ("regional_section.contributors[0].role", "company_expert"),
            ("regional_section.contributors[0].organisation", "12345678"),
        ],
        "regional_section.contributors",
        [("regional_section.contributors[0].organisation", "25PZ")],
    ),
    (
        "RR-05",
        RP,
        [("regional_section.contributors[1].organisation", "87654321")],
        "regional_section.contributors[1].organisation",
        [("regional_section.contributors[1].organisation", "12345678")],
    ),
    ("RR-06", RP, [("electives", [])], "electives", [("del", "electives[0]")]),
    (
        "RR-06",
        RP,
        [("electives[0].code", "K9999")],
        "electives[0].code",
        [("electives[0].code", "K0123")],
    ),
    (
        "RR-06",
        RP,
        [("electives[1].learning_outcomes", [])],
        "electives[1].learning_outcomes",
        [("electives[1].learning_outcomes", [{"code": "E2", "text": "Iets"}])],
    ),
    (
        "RR-07",
        RP,
        [("experiment", "cross-overs")],
        "experiment",
        [("experiment", "ruimte-voor-de-regio")],
    ),
    ("RR-07", RP, [("school", "26QA")], "school", [("school", "25PZ")]),
    (
        "RR-09",
        RP,
        [("regional_section.hours", 3000)],
        "regional_section.hours",
        [("regional_section.hours", 2720)],
    ),
    ("CO-01", CO, [("parts", [])], "parts", [("del", "parts[1]")]),
    (
        "CO-01",
        CO,
        [("parts[0].core_task", "P9-K1")],
        "parts[0].core_task",
        [("parts[0].core_task", "B1-K1")],
    ),
    # P1-K1 of the care file belongs to profile 25497, not to 25498.
    (
        "CO-01",
        CO,
        [("parts[0].core_task", "P1-K1")],
        "parts[0].core_task",
        [("parts[0].qualification", "25497"), ("parts[0].core_task", "P1-K1")],
    ),
    (
        "CO-01",
        CO,
        [("parts[1].qualification", "99999")],
        "parts[1].qualification",
        [("parts[1].qualification", "25499")],
    ),
    (
        "CO-02",
        CO,
        [("parts[1]", {"qualification": "25498", "core_task": "B1-K1"})],
        "parts",
        [("parts[0]", {"qualification": "25498", "core_task": "B1-K1"})],
    ),
    (
        "CO-03",
        CO,
        [("labour_market_need", "  ")],
        "labour_market_need",
        [("labour_market_need", "Vraag")],
    ),
    ("CO-04", CO, [("school", "30AB")], "school", [("school", "26QA")]),
    ("CO-05", CO, [("end_date", "2025-08-01")], "end_date", [("end_date", "2025-07-31")]),
    ("CO-05", CO, [("start_date", "2025-07-31")], "start_date", [("start_date", "2025-07-30")]),
    (
        "CO-05",
        CO,
        [("submitted_on", "2025-07-31")],
        "submitted_on",
        [("submitted_on", "2025-07-30")],
    ),
    (
        "CO-05",
        CO,
        [("experiment", "ruimte-voor-de-regio")],
        "experiment",
        [("experiment", "cross-overs")],
    ),
    ("CO-06", CO, [("level", 3)], "parts[0].qualification", [("level", 2)]),
    (
        "DL-01",
        DL,
        [("start_date", "2020-07-31"), ("agreement.signed_on", "2020-05-01")],
        "start_date",
        [("start_date", "2020-08-01"), ("agreement.signed_on", "2020-05-01")],
    ),
    ("DL-02", DL, [("mbo_institution", "30AB")], "mbo_institution", [("mbo_institution", "26QA")]),
    ("DL-03", DL, [("vmbo_track", "gl")], "vmbo_track", [("vmbo_track", "kb")]),
    (
        "DL-03",
        DL,
        [("target_qualification", "25497")],
        "target_qualification",
        [("target_qualification", "25499")],
    ),
    (
        "DL-04",
        DL,
        [("route_type", "continuous"), ("target_qualification", "25497")],
        "target_qualification",
        [("route_type", "continuous"), ("vmbo_track", "gl"), ("target_qualification", "25497")],
    ),
    (
        "DL-04",
        DL,
        [("route_type", "continuous"), ("vmbo_track", "tl")],
        "target_qualification",
        [("route_type", "continuous"), ("vmbo_track", "kb")],
    ),
    (
        "DL-05",
        DL,
        [("exam_responsible", "vmbo")],
        "exam_responsible",
        [("exam_responsible", "mbo"), ("location", "mbo")],
    ),
    (
        "DL-06",
        DL,
        [("del", "agreement")],
        "agreement",
        [("del", "agreement.fallback_destinations"), ("route_type", "continuous")],
    ),
    (
        "DL-06",
        DL,
        [("agreement.signed_on", "2021-08-02")],
        "agreement.signed_on",
        [("agreement.signed_on", "2021-08-01")],
    ),
    (
        "DL-06",
        DL,
        [("del", "agreement.signed_on")],
        "agreement.signed_on",
        [("agreement.signed_on", "2020-01-01")],
    ),
    (
        "DL-06",
        DL,
        [("agreement.switch_arrangement", "")],
        "agreement.switch_arrangement",
        [("agreement.switch_arrangement", "Terug naar vmbo.")],
    ),
    (
        "DL-06",
        DL,
        [("del", "agreement.financial_arrangements")],
        "agreement.financial_arrangements",
        [("agreement.financial_arrangements", "Naar rato.")],
    ),
    (
        "DL-07",
        DL,
        [("agreement.fallback_destinations", ["entree"])],
        "agreement.fallback_destinations",
        [("agreement.fallback_destinations", ["entree", "mbo-2"])],
    ),
    (
        "DL-07",
        DL,
        [("del", "agreement.fallback_destinations")],
        "agreement.fallback_destinations",
        [("agreement.fallback_destinations", ["vmbo-bb"])],
    ),
    # DL-08 at its boundary: from 1 August 2021 a missing PTA/OER is an error
    # (the warning before that date is tested below).
    (
        "DL-08",
        DL,
        [("combined_pta_oer", False)],
        "combined_pta_oer",
        [("combined_pta_oer", True)],
    ),
    (
        "DL-08",
        DL,
        [("del", "combined_pta_oer")],
        "combined_pta_oer",
        [("del", "combined_pta_oer"), ("basis", "experiment")],
    ),
    (
        "DL-09",
        DL,
        [("duo_registration.status", "submitted")],
        "duo_registration",
        [("duo_registration.status", "registered")],
    ),
    (
        "DL-09",
        DL,
        [("del", "duo_registration")],
        "duo_registration",
        [("duo_registration", {"status": "registered"})],
    ),
    ("DL-10", DL, [("mbo_institution", "26QA")], "mbo_institution", [("mbo_institution", "25PZ")]),
    (
        "DL-11",
        DL,
        [("basis", "experiment"), ("start_date", "2022-08-01")],
        "start_date",
        [("basis", "experiment"), ("start_date", "2022-07-31")],
    ),
    ("PP-01", PP, [("theme", "Sport")], "theme", [("theme", "techniek-GL")]),
    ("PP-02", PP, [("hours", 300)], "hours", [("hours", 320)]),
    ("PP-03", PP, [("budget_eur", 162000.01)], "budget_eur", [("budget_eur", 162000)]),
    ("PP-04", PP, [("del", "partners[0]")], "partners", [("partners[0].organisation", "26QA")]),
    ("PP-04", PP, [("del", "partners[1]")], "partners", [("partners[1].name", "Bedrijf")]),
    # A partner named without a code does not count (a havo partner may be named only).
    (
        "PP-04",
        PP,
        [("partners[0]", {"kind": "mbo", "name": "ROC zonder code"})],
        "partners[0].organisation",
        [("partners[2]", {"kind": "havo", "name": "Havo zonder code"})],
    ),
    (
        "PP-04",
        PP,
        [("partners[1]", {"kind": "company", "name": "Bakkerij"})],
        "partners",
        [("partners[1]", {"kind": "company", "name": "Bakkerij", "organisation": "12345678"})],
    ),
    ("PP-04", PP, [("activity_plan", "")], "activity_plan", [("activity_plan", "Plan")]),
    (
        "PP-05",
        PP,
        [("period.start", "2020-12-14")],
        "period.start",
        [("period.start", "2020-12-16")],
    ),
    ("PP-05", PP, [("period.end", "2024-08-01")], "period.end", [("period.end", "2024-07-30")]),
    # PP-06: only admitted pilot schools receive the budget; others offer the
    # programme extra-curricularly (budget 0) from 1 August 2021 on.
    (
        "PP-06",
        PP,
        [("school", "31CD"), ("period.start", "2021-08-01"), ("budget_eur", 1)],
        "budget_eur",
        [("school", "31CD"), ("period.start", "2021-08-01"), ("budget_eur", 0)],
    ),
    (
        "PP-06",
        PP,
        [("school", "31CD"), ("period.start", "2021-07-31"), ("budget_eur", 0)],
        "period.start",
        [("school", "31CD"), ("period.start", "2021-08-01"), ("budget_eur", 0)],
    ),
    (
        "PP-06",
        PP,
        [("school", "31CD")],
        "budget_eur",
        [("school", "30AB")],
    ),
    # FMT-02 at its boundaries.
    ("FMT-02", PP, [("period.end", "2020-12-14")], "period.end", [("period.end", "2020-12-15")]),
    ("FMT-02", PP, [("budget_eur", -1)], "budget_eur", [("budget_eur", 0)]),
    ("FMT-02", PP, [("budget_eur", -0.01)], "budget_eur", [("budget_eur", 0.0)]),
    ("FMT-02", PP, [("hours", -1)], "hours", [("hours", 0)]),
    (
        "FMT-02",
        RP,
        [("regional_section.hours", -1)],
        "regional_section.hours",
        [("regional_section.hours", 0)],
    ),
    (
        "FMT-02",
        RP,
        [("electives[1].hours", -240)],
        "electives[1].hours",
        [("electives[1].hours", 0)],
    ),
    ("FMT-02", CO, [("level", 5)], "level", [("level", 4)]),
    ("FMT-02", CO, [("level", 0)], "level", [("level", 1)]),
    ("FMT-02", CO, [("level", -2)], "level", [("level", 2)]),
    (
        "FMT-02",
        CO,
        [("end_date", "2021-07-31")],
        "end_date",
        [("end_date", "2021-08-01")],
    ),
    # REG-01: a labour-market region of the CBS 2020 division, by its code.
    ("REG-01", RP, [("region", "AM99")], "region", [("region", "AM25")]),
    ("REG-01", CO, [("region", "AM77")], "region", [("region", "AM06")]),
    ("REG-01", DL, [("region", "Deventer")], "region", [("region", "AM06")]),
    ("REG-01", DL, [("region", "am06")], "region", [("region", "AM25")]),
    ("REG-01", RP, [("region", "")], "region", [("region", "AM06")]),
    # QS-02: the qualifications of cross-over parts and a pathway's target are
    # valid on the start date (valid from 1 August 2020 in the fixtures).
    (
        "QS-02",
        CO,
        [("start_date", "2020-07-31")],
        "parts[0].qualification",
        [("start_date", "2020-08-01")],
    ),
    (
        "QS-02",
        DL,
        [("start_date", "2020-07-31"), ("basis", "experiment")],
        "target_qualification",
        [("start_date", "2020-08-01"), ("basis", "experiment")],
    ),
    ("ORG-01", RP, [("school", "99ZZ")], "school", [("school", "25PZ")]),
    (
        "ORG-01",
        RP,
        [("regional_section.contributors[1].organisation", "26QA")],
        "regional_section.contributors[1].organisation",
        [("regional_section.contributors[1].organisation", "87654321")],
    ),
    ("ORG-01", CO, [("school", "12345678")], "school", [("school", "26QA")]),
    (
        "ORG-01",
        DL,
        [("vmbo_school", "25PZ"), ("mbo_institution", "30AB")],
        "vmbo_school",
        [("vmbo_school", "30AB"), ("mbo_institution", "26QA")],
    ),
    (
        "ORG-01",
        PP,
        [("partners[1].organisation", "99999999")],
        "partners[1].organisation",
        [("del", "partners[1].organisation")],
    ),
    (
        "QS-01",
        DL,
        [("target_qualification", "99999")],
        "target_qualification",
        [("target_qualification", "25499")],
    ),
    ("FMT-01", RP, [("del", "national_section")], "national_section", [("del", "submitted_on")]),
    (
        "FMT-01",
        RP,
        [("regional_section.hours", "400")],
        "regional_section.hours",
        [("del", "regional_section.hours")],
    ),
    (
        "FMT-01",
        CO,
        [("parts[1].core_task", 5)],
        "parts[1].core_task",
        [("parts[1].core_task", "5")],
    ),
    (
        "FMT-01",
        CO,
        [("inspectorate_review_needed", "no")],
        "inspectorate_review_needed",
        [("inspectorate_review_needed", True)],
    ),
    ("FMT-01", DL, [("start_date", "2021-02-30")], "start_date", [("start_date", "2021-02-28")]),
    ("FMT-01", DL, [("vmbo_track", "vwo")], "vmbo_track", [("vmbo_track", "tl")]),
    ("FMT-01", PP, [("budget_eur", True)], "budget_eur", [("budget_eur", 1500.5)]),
    ("FMT-01", PP, [("format", "vet-submission/2")], "format", [("title", "Extra veld")]),
    ("FMT-01", PP, [("kind", "apprenticeship")], "kind", [("kind", "practice_programme")]),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}:{c[3]}:{i}" for i, c in enumerate(CASES)])
def test_rule_triggers(reference, case):
    rule_id, kind, changes, path, _ = case
    report = validate_document(apply(valid_document(kind), changes))
    found = findings_of(report, rule_id)
    assert [f.path for f in found].count(path) >= 1, [f.as_dict() for f in report.findings]
    assert all(f.message.render() for f in found)


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}:{c[3]}:{i}" for i, c in enumerate(CASES)])
def test_close_variant_does_not_trigger(reference, case):
    rule_id, kind, _, path, changes = case
    report = validate_document(apply(valid_document(kind), changes))
    assert findings_of(report, rule_id) == [], [f.as_dict() for f in report.findings]


def test_every_registered_rule_has_a_case():
    tested = {case[0] for case in CASES} | {"RR-08"}  # RR-08 needs data: tested below.
    tested |= {case[0] for case in STATEMENT_CASES}
    assert set(REGISTRY) <= tested


@pytest.mark.parametrize("kind", [RP, CO, DL, PP])
def test_valid_documents_have_no_findings(reference, kind):
    report = validate_document(valid_document(kind))
    assert report.valid
    assert report.kind == kind
    assert [f.as_dict() for f in report.findings] == []


# Rules that depend on reference data rather than on the document alone ------------


def test_rr02_status_and_end_of_intake(reference):
    document = valid_document(RP)
    reference.care.status = "In ontwikkeling"
    reference.care.save()
    paths = [f.path for f in findings_of(validate_document(document), "RR-02")]
    assert paths == ["national_section.qualification"]

    reference.care.status = "Vastgesteld"
    reference.care.save()
    reference.helper.end_of_intake = datetime.date(2021, 8, 1)
    reference.helper.save()
    assert [f.path for f in findings_of(validate_document(document), "RR-02")] == ["start_date"]

    reference.helper.end_of_intake = datetime.date(2021, 8, 2)
    reference.helper.save()
    assert findings_of(validate_document(document), "RR-02") == []


def test_rr07_admission_status_and_cohort(reference):
    document = valid_document(RP)
    participation = Participation.objects.get(school=reference.mbo)
    participation.status = Participation.Status.WAIT_LISTED
    participation.save()
    assert [f.path for f in findings_of(validate_document(document), "RR-07")] == ["school"]

    participation.status = Participation.Status.ADMITTED
    participation.cohort = "2022/23"
    participation.save()
    assert [f.path for f in findings_of(validate_document(document), "RR-07")] == ["school"]
    set_value(document, "start_date", "2022-08-01")
    assert findings_of(validate_document(document), "RR-07") == []


def _admit_schools(experiment, count, cohort):
    for number in range(count):
        school = Organisation.objects.create(
            kind="mbo", code=f"{40 + number}XY", name=f"ROC {number}"
        )
        Participation.objects.create(
            experiment=experiment, school=school, cohort=cohort, status="admitted"
        )


def test_rr08_cap_exceeded_in_the_data(reference):
    """25PZ is admitted for 2019/20; four more make the first cohort full (5)."""
    document = valid_document(RP)
    _admit_schools(reference.regional_experiment, 4, "2019/20")
    assert findings_of(validate_document(document), "RR-08") == []
    sixth_school = Organisation.objects.create(kind="mbo", code="49ZZ", name="ROC extra")
    Participation.objects.create(
        experiment=reference.regional_experiment,
        school=sixth_school,
        cohort="2019/20",
        status="admitted",
    )
    found = findings_of(validate_document(document), "RR-08")
    assert [f.path for f in found] == ["experiment"]
    assert "6" in found[0].message.render()


def test_rr08_total_cap_exceeded(reference):
    _admit_schools(reference.regional_experiment, 14, "2020/21")
    assert findings_of(validate_document(valid_document(RP)), "RR-08") == []
    school = Organisation.objects.create(kind="mbo", code="99ZY", name="ROC zestien")
    Participation.objects.create(
        experiment=reference.regional_experiment, school=school, cohort="2021/22", status="admitted"
    )
    found = findings_of(validate_document(valid_document(RP)), "RR-08")
    assert [f.path for f in found] == ["experiment"]


def test_rr08_cohort_before_the_first(reference):
    Participation.objects.filter(school=reference.mbo).update(cohort="2018/19")
    found = findings_of(validate_document(valid_document(RP)), "RR-08")
    assert [f.path for f in found] == ["school"]


def test_co05_uses_today_when_not_submitted(reference):
    document = remove_value(valid_document(CO), "submitted_on")
    before = validate_document(document, today=datetime.date(2025, 7, 30))
    assert findings_of(before, "CO-05") == []
    assert before.recheck_on == datetime.date(2025, 7, 31)
    after = validate_document(document, today=datetime.date(2025, 7, 31))
    assert [f.path for f in findings_of(after, "CO-05")] == ["submitted_on"]


def test_pp03_one_programme_per_school(reference, django_user_model):
    from tests.base import make_user

    author = make_user("vmbo-author", reference.vmbo)
    other = Submission.objects.create(
        kind=PP, school=reference.vmbo, title="Eerste programma", created_by=author
    )
    found = findings_of(validate_document(valid_document(PP)), "PP-03")
    assert [f.path for f in found] == ["school"]
    # The submission itself does not count, and a withdrawn one does not either.
    assert findings_of(validate_document(valid_document(PP), submission_id=other.pk), "PP-03") == []
    other.state = Submission.State.WITHDRAWN
    other.save()
    assert findings_of(validate_document(valid_document(PP)), "PP-03") == []


def test_pp04_missing_havo_is_a_warning(reference):
    document = remove_value(valid_document(PP), "partners[2]")
    report = validate_document(document)
    assert [(f.rule, f.severity) for f in report.findings] == [("PP-04", Severity.WARNING)]
    assert report.valid


def test_plausibility_does_not_block(reference):
    report = validate_document(set_value(valid_document(CO), "level", 3))
    assert {f.severity for f in report.findings} == {Severity.PLAUSIBILITY}
    assert report.valid


def test_shape_errors_stop_the_other_rules(reference):
    document = set_value(valid_document(RP), "electives", "K0123")
    document["school"] = "99ZZ"
    report = validate_document(document)
    assert [(f.rule, f.path) for f in report.findings] == [("FMT-01", "electives")]
    # The message names the field by its label, not its JSON name.
    assert report.findings[0].message.render() == "Keuzedelen moet een lijst zijn."


def test_messages_are_dutch_by_default_and_english_on_switch(reference):
    from django.utils import translation

    document = set_value(valid_document(RP), "national_section.qualification", "99999")
    finding = findings_of(validate_document(document), "RR-01")[0]
    with translation.override("nl"):
        dutch = finding.message.render()
    with translation.override("en"):
        english = finding.message.render()
    assert english == "There is no qualification with crebo 99999."
    assert dutch != english and "99999" in dutch


# The queries of one validation, per kind (every report of a worker pays them).
# REG-01 reads the region (one query), PP-06 the school's participation in the pilot.
QUERIES = {RP: 8, CO: 7, DL: 4, PP: 6}


@pytest.mark.parametrize("kind", [RP, CO, DL, PP])
def test_validation_query_count(reference, django_assert_max_num_queries, kind):
    document = valid_document(kind)
    with django_assert_max_num_queries(QUERIES[kind]):
        report = validate_document(document)
    assert report.valid


# Issue 11: the new and changed rules that depend on reference data or severity.


def test_dl08_warning_before_1_august_2021_error_from_then(reference):
    document = valid_document(DL)
    document["combined_pta_oer"] = False
    document["start_date"] = "2021-07-31"
    before = findings_of(validate_document(document), "DL-08")
    assert [(f.path, f.severity) for f in before] == [("combined_pta_oer", Severity.WARNING)]
    document["start_date"] = "2021-08-01"
    report = validate_document(document)
    assert [(f.path, f.severity) for f in findings_of(report, "DL-08")] == [
        ("combined_pta_oer", Severity.ERROR)
    ]
    assert not report.valid
    document["basis"] = "experiment"
    assert findings_of(validate_document(document), "DL-08") == []


def test_qs02_status_and_end_of_intake_of_cross_over_parts(reference):
    document = valid_document(CO)
    reference.facility.status = "In ontwikkeling"
    reference.facility.save()
    paths = [f.path for f in findings_of(validate_document(document), "QS-02")]
    assert paths == ["parts[1].qualification"]

    reference.facility.status = "Vastgesteld"
    reference.facility.save()
    reference.helper.end_of_intake = datetime.date(2021, 8, 1)
    reference.helper.save()
    paths = [f.path for f in findings_of(validate_document(document), "QS-02")]
    assert paths == ["parts[0].qualification"]

    reference.helper.end_of_intake = datetime.date(2021, 8, 2)
    reference.helper.save()
    assert findings_of(validate_document(document), "QS-02") == []


def test_qs02_pathway_target_whose_intake_ended(reference):
    document = valid_document(DL)
    reference.care.end_of_intake = datetime.date(2021, 8, 1)
    reference.care.save()
    found = findings_of(validate_document(document), "QS-02")
    assert [f.path for f in found] == ["target_qualification"]
    assert "1 augustus 2021" in found[0].message.render()
    assert "Helpende zorg en welzijn (crebo 25498" in found[0].message.render()


def test_pp06_withdrawn_or_waitlisted_pilot_school_is_not_admitted(reference):
    participation = Participation.objects.get(
        school=reference.vmbo, experiment__slug__startswith="pilot"
    )
    participation.status = Participation.Status.WAIT_LISTED
    participation.save()
    document = valid_document(PP)
    found = findings_of(validate_document(document), "PP-06")
    assert [f.path for f in found] == ["budget_eur", "period.start"]
    document["budget_eur"] = 0
    document["period"]["start"] = "2021-08-01"
    assert findings_of(validate_document(document), "PP-06") == []
