"""The editor and the register of regional keuzedelen: the keuzedeel search
offers the regional keuzedelen of the school's region, and a row with an RK
code is saved as a regional keuzedeel from the register that RR-06 accepts."""

from django.urls import reverse

from qualifications.models import ElectiveModule
from submissions.drafting import services as drafting
from tests.base import session_queries
from tests.submissions.helpers import DraftTestCase, form_data
from tests.submissions.test_draft_edit import REGIONAL_MAIN, REGIONAL_ROWS


class RegisterInTheEditorTests(DraftTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.own_region = ElectiveModule.objects.create(
            code="RK0007",
            title="Zorgtechnologie in de wijk",
            normalized_title="zorgtechnologie in de wijk",
            study_load_hours=240,
            is_regional=True,
            school=cls.other_school,
            region=cls.region,
            learning_outcomes=[{"code": "E1", "text": "Werkt met domotica"}],
        )
        cls.far = ElectiveModule.objects.create(
            code="RK0008",
            title="Zorgtechnologie in de haven",
            normalized_title="zorgtechnologie in de haven",
            study_load_hours=120,
            is_regional=True,
            school=cls.other_school,
            region=cls.other_region,
        )

    def setUp(self):
        super().setUp()
        self.login(self.alice)

    def test_search_offers_national_and_own_region_regional_keuzedelen(self):
        response = self.client.get(
            reverse("submissions:draft-electives"), {"electives-0-code": "zorgtechnologie"}
        )
        self.assertContains(response, '<option value="K0123">')
        self.assertContains(response, '<option value="RK0007">')
        self.assertContains(response, "regional keuzedeel of Charlie&#x27;s ROC (26QA)")
        # A regional keuzedeel of another region is not offered.
        self.assertNotContains(response, "RK0008")

    def test_search_by_rk_code(self):
        response = self.client.get(
            reverse("submissions:draft-electives"), {"electives-1-code": "rk00"}
        )
        self.assertContains(response, '<option value="RK0007">')
        self.assertNotContains(response, "K0123")

    def test_a_user_without_a_region_sees_only_national_ones(self):
        self.school.region = None
        self.school.save()
        response = self.client.get(
            reverse("submissions:draft-electives"), {"electives-0-code": "zorgtechnologie"}
        )
        self.assertContains(response, '<option value="K0123">')
        self.assertNotContains(response, "RK0007")

    def test_search_query_count_is_fixed(self):
        with self.assertNumQueries(3 + session_queries()):  # user, organisation, keuzedelen
            self.client.get(
                reverse("submissions:draft-electives"), {"electives-0-code": "zorgtechnologie"}
            )

    def test_a_row_with_an_rk_code_is_saved_as_a_register_keuzedeel_without_errors(self):
        submission = self.make_draft("regional_programme")
        rows = {
            **REGIONAL_ROWS,
            "contributors": REGIONAL_ROWS["contributors"][:2],
            # Typed as national: the RK code makes it a regional keuzedeel from the register.
            "electives": [{"type": "national", "code": "rk0007"}],
        }
        response = self.post_editor(
            submission, form_data("regional_programme", REGIONAL_MAIN, rows)
        )
        self.assertRedirects(response, self.edit_url(submission))
        submission.refresh_from_db()
        assert submission.draft["electives"] == [{"type": "regional", "code": "RK0007"}]
        findings = drafting.check_document(submission.draft, submission)
        assert [f for f in findings if f["severity"] == "error"] == []
        # The editor names the code by its title.
        response = self.client.get(self.edit_url(submission))
        self.assertContains(response, "Zorgtechnologie in de wijk")

    def test_an_unknown_rk_code_is_reported_at_its_row(self):
        submission = self.make_draft("regional_programme")
        rows = {**REGIONAL_ROWS, "electives": [{"type": "regional", "code": "RK0099"}]}
        self.post_editor(submission, form_data("regional_programme", REGIONAL_MAIN, rows))
        submission.refresh_from_db()
        findings = drafting.check_document(submission.draft, submission)
        assert [(f["rule"], f["path"]) for f in findings if f["rule"] == "RR-06"] == [
            ("RR-06", "electives[0].code")
        ]
