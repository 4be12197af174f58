"""RR-06 with the register of regional keuzedelen: a programme may name a
regional keuzedeel of the register by its RK code (rules.md RR-06). The rule
says nothing about the region, so an entry of another region is accepted too."""

from qualifications.models import ElectiveModule
from rules.engine import validate_document
from tests.base import BaseTestCase
from tests.rules.factories import build_reference_data, valid_document


def rr06(document):
    report = validate_document(document)
    return [(f.path, str(f.message.render())) for f in report.findings if f.rule == "RR-06"]


class RegisterCodeTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ref = build_reference_data()
        cls.own = ElectiveModule.objects.create(
            code="RK0007",
            title="Zorgtechnologie in de wijk",
            study_load_hours=240,
            is_regional=True,
            school=cls.school,
            region=cls.region,
            learning_outcomes=[{"code": "E1", "text": "Werkt met domotica"}],
        )
        cls.far = ElectiveModule.objects.create(
            code="RK0008",
            title="Logistiek in de haven",
            study_load_hours=120,
            is_regional=True,
            school=cls.other_school,
            region=cls.other_region,
        )

    def document(self, elective):
        document = valid_document("regional_programme")
        document["electives"] = [elective]
        return document

    def test_a_known_rk_code_of_the_same_region_is_accepted(self):
        assert rr06(self.document({"type": "regional", "code": "RK0007"})) == []

    def test_a_known_rk_code_of_another_region_is_accepted_too(self):
        assert rr06(self.document({"type": "regional", "code": "RK0008"})) == []

    def test_an_unknown_rk_code_is_an_error_at_the_code(self):
        findings = rr06(self.document({"type": "regional", "code": "RK0009"}))
        assert [path for path, _ in findings] == ["electives[0].code"]
        assert "RK0009" in findings[0][1]

    def test_a_national_code_given_as_regional_is_an_error(self):
        findings = rr06(self.document({"type": "regional", "code": "K0123"}))
        assert [path for path, _ in findings] == ["electives[0].code"]

    def test_an_rk_code_given_as_national_is_an_error_at_the_type(self):
        findings = rr06(self.document({"type": "national", "code": "RK0007"}))
        assert [path for path, _ in findings] == ["electives[0].type"]
        # …while the national keuzedeel by its K code is fine.
        assert rr06(self.document({"type": "national", "code": "K0123"})) == []

    def test_a_named_entry_needs_no_title_or_learning_outcomes_of_its_own(self):
        document = self.document({"type": "regional", "code": "RK0007", "title": ""})
        assert rr06(document) == []

    def test_a_new_regional_keuzedeel_still_needs_title_and_outcomes(self):
        findings = rr06(self.document({"type": "regional", "title": "", "learning_outcomes": []}))
        assert [path for path, _ in findings] == [
            "electives[0].title",
            "electives[0].learning_outcomes",
        ]

    def test_rr09_counts_the_hours_of_the_register_entry(self):
        document = self.document({"type": "regional", "code": "RK0007", "hours": 1})
        document["regional_section"]["hours"] = 3000  # + 240 > 3200 SBU of 25498
        report = validate_document(document)
        assert [f.rule for f in report.findings if f.rule == "RR-09"] == ["RR-09"]
        document["regional_section"]["hours"] = 2960  # + 240 = 3200: within
        report = validate_document(document)
        assert [f.rule for f in report.findings if f.rule == "RR-09"] == []
