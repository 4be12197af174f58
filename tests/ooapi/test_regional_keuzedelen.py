"""Regional keuzedelen of the register in OOAPI: each is an education
specification and a course like a national keuzedeel, described with its
school and region, and listed for the programmes (and schools) that name it by
its RK code. Every response meets the official specification."""

from experiments.models import Experiment
from ooapi.ids import uid
from qualifications.models import ElectiveModule

from .helpers import OoapiTestCase


class RegionalKeuzedeelTests(OoapiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.regional = ElectiveModule.objects.create(
            code="RK0001",
            title="Zorgtechnologie in de wijk",
            normalized_title="zorgtechnologie in de wijk",
            study_load_hours=240,
            is_regional=True,
            school=cls.other_school,
            region=cls.other_region,
            learning_outcomes=[{"code": "E1", "text": "Werkt met domotica"}],
        )
        cls.naming = cls.approved(
            Experiment.objects.get(kind="regional_programme"),
            "Helpende zorg — met regionaal keuzedeel",
            {
                "format": "vet-submission/1",
                "kind": "regional_programme",
                "school": "25PZ",
                "title": "Helpende zorg — met regionaal keuzedeel",
                "region": "AM06",
                "start_date": "2025-08-01",
                "national_section": {"qualification": "25498"},
                "electives": [{"type": "regional", "code": "RK0001"}],
            },
        )

    def test_the_regional_keuzedeel_is_an_education_specification(self):
        spec = uid("education-specification", "keuzedeel:RK0001")
        body = self.get_valid(f"/education-specifications/{spec}")
        assert body["primaryCode"] == {"codeType": "x-keuzedeelCode", "code": "RK0001"}
        texts = {item["language"]: item["value"] for item in body["description"]}
        assert "Charlie's ROC (26QA)" in texts["en-GB"]
        assert "Midden-Brabant (AM25)" in texts["en-GB"]
        assert texts["nl-NL"].startswith("Regionaal keuzedeel RK0001")

    def test_the_regional_keuzedeel_is_a_course_of_the_programme_that_names_it(self):
        course = uid("course", "RK0001")
        body = self.get_valid(f"/courses/{course}")
        assert body["abbreviation"] == "RK0001"
        assert body["programs"] == [uid("program", f"regionaal-{self.naming.pk}")]
        school = self.get_valid(f"/organizations/{uid('organization', '25PZ')}/courses")
        assert sorted(c["abbreviation"] for c in school["items"]) == ["K0123", "RK0001"]

    def test_listed_among_all_courses(self):
        body = self.get_valid("/courses?pageSize=50")
        assert "RK0001" in [c["abbreviation"] for c in body["items"]]
