"""The register of regional keuzedelen: approving a regionalised programme
enters its new regional keuzedelen with an RK code (once), and records the
programmes that name a register entry by its code."""

import datetime

import pytest
from django.db import IntegrityError

from experiments import register
from experiments.models import Experiment, Participation
from experiments.register import register_approved_programme
from qualifications import register_services
from qualifications.models import ElectiveModule, RegionalElectiveUse
from submissions import workflow
from submissions.models import Submission
from tests.submissions.helpers import WorkflowTestCase

S = Submission.State


class ApprovalEntersTheRegisterTests(WorkflowTestCase):
    def approved(self, document=None, user=None):
        submission = self.submitted(document, user)
        assert submission.state == S.UNDER_REVIEW
        self.decide(submission, self.sbb_user, "approved", "Past in de regio.")
        assert submission.state == S.APPROVED
        return submission

    def test_approval_enters_each_new_regional_keuzedeel_once_with_an_rk_code(self):
        document = self.valid()
        document["electives"].append(
            {
                "type": "regional",
                "title": "Zorg op afstand",
                "hours": 120,
                "learning_outcomes": [{"code": "E2", "text": "Begeleidt via beeldbellen"}],
            }
        )
        submission = self.approved(document)
        entries = list(ElectiveModule.objects.filter(is_regional=True).order_by("code"))
        assert [(e.code, e.title, e.study_load_hours) for e in entries] == [
            ("RK0001", "Zorgtechnologie", 240),
            ("RK0002", "Zorg op afstand", 120),
        ]
        first = entries[0]
        assert first.school == self.school
        assert first.region.code == "AM06"
        assert first.learning_outcomes == [{"code": "E1", "text": "Werkt met domotica"}]
        assert first.source_submission_id == submission.pk
        assert first.source_title == submission.title
        # The national keuzedeel it names is not a new entry.
        assert ElectiveModule.objects.filter(code="K0123", is_regional=False).exists()

    def test_the_hook_run_again_adds_no_second_entry(self):
        submission = self.approved()
        version = submission.versions.order_by("-number").first()
        for _ in range(2):
            register_approved_programme(
                submission_id=submission.pk,
                title=submission.title,
                school=submission.school,
                document=version.document,
            )
        assert ElectiveModule.objects.filter(is_regional=True).count() == 1

    def test_approval_after_changes_requested_and_resubmission_makes_one_entry(self):
        submission = self.submitted()
        self.decide(submission, self.sbb_user, "changes_requested", "Meer uren graag.")
        assert not ElectiveModule.objects.filter(is_regional=True).exists()
        changed = self.valid()
        changed["electives"][1]["hours"] = 200
        Submission.objects.filter(pk=submission.pk).update(draft=changed)
        with self.captureOnCommitCallbacks(execute=True):
            workflow.submit(submission, self.alice)
        submission.refresh_from_db()
        self.decide(submission, self.sbb_user, "approved", "Goed zo.")
        entries = ElectiveModule.objects.filter(is_regional=True)
        assert [(e.code, e.study_load_hours) for e in entries] == [("RK0001", 200)]

    def test_rejection_and_changes_requested_enter_nothing(self):
        submission = self.submitted()
        self.decide(submission, self.sbb_user, "rejected", "Past niet.")
        assert submission.state == S.REJECTED
        assert not ElectiveModule.objects.filter(is_regional=True).exists()

    def test_a_second_school_naming_the_rk_code_is_recorded_as_a_use(self):
        self.approved()
        second = self.valid()
        second["school"] = "26QA"
        second["title"] = "Tweede programma"
        second["electives"] = [{"type": "regional", "code": "RK0001"}]
        Participation.objects.get_or_create(
            experiment=Experiment.objects.get(slug="ruimte-voor-de-regio"),
            school=self.other_school,
            defaults={"status": "admitted", "cohort": "2019/20"},
        )
        submission = self.approved(second, user=self.charlie)
        assert ElectiveModule.objects.filter(is_regional=True).count() == 1
        use = RegionalElectiveUse.objects.get()
        assert (use.elective.code, use.submission_id, use.school) == (
            "RK0001",
            submission.pk,
            self.other_school,
        )


class RegisterServiceTests(WorkflowTestCase):
    def entry(self, title="Zorgtechnologie", submission_id=1):
        return register_services.register_regional_elective(
            submission_id=submission_id,
            programme_title="Programma",
            school=self.school,
            region=self.region,
            title=title,
            hours=240,
            learning_outcomes=[{"code": "E1", "text": "Iets"}],
            registered_on=datetime.date(2026, 11, 29),
        )

    def test_codes_count_up_from_the_highest(self):
        ElectiveModule.objects.create(
            code="RK0041", title="Ouder", study_load_hours=1, is_regional=True
        )
        entry, created = self.entry()
        assert (entry.code, created) == ("RK0042", True)

    def test_same_programme_and_title_is_the_same_entry(self):
        first, _ = self.entry()
        again, created = self.entry(title="ZORGTECHNOLOGIE")
        assert (again.pk, created) == (first.pk, False)
        other, created = self.entry(submission_id=2)
        assert created and other.code == "RK0002"

    def test_the_database_refuses_a_regional_entry_with_a_national_code(self):
        with pytest.raises(IntegrityError):
            ElectiveModule.objects.create(
                code="K0999", title="Verkeerd", study_load_hours=1, is_regional=True
            )

    def test_uses_follow_the_latest_approval(self):
        entry, _ = self.entry()
        register_services.record_regional_elective_uses(
            submission_id=7,
            programme_title="Ander programma",
            school=self.other_school,
            codes=[entry.code, "RK9999"],
            approved_on=entry.registered_on,
        )
        assert list(entry.uses.values_list("submission_id", flat=True)) == [7]
        register_services.record_regional_elective_uses(
            submission_id=7,
            programme_title="Ander programma",
            school=self.other_school,
            codes=[],
            approved_on=entry.registered_on,
        )
        assert not entry.uses.exists()

    def test_only_complete_new_regional_keuzedelen_are_entered(self):
        document = {
            "electives": [
                {"type": "national", "code": "K0123"},
                {"type": "regional", "code": "RK0001"},
                {"type": "regional", "title": " ", "learning_outcomes": [{"code": "E1"}]},
                {"type": "regional", "title": "Zonder uitkomsten", "learning_outcomes": []},
                {"type": "regional", "title": "Goed", "learning_outcomes": [{"code": "E1"}]},
                "geen object",
            ]
        }
        assert [e["title"] for e in register.new_regional_electives(document)] == ["Goed"]
        assert register.named_register_codes(document) == ["RK0001"]


@pytest.mark.django_db(transaction=True)
def test_programmes_approved_at_the_same_moment_get_distinct_rk_codes(tmp_path):
    """Each thread has its own connection and transaction; a code taken by a
    concurrent approval makes the insert fail and the next free code is taken."""
    from django.db import connection

    from .register_race import RACERS, race_for_codes, race_in_a_sqlite_file

    on_sqlite = connection.vendor == "sqlite"
    result = race_in_a_sqlite_file(tmp_path) if on_sqlite else race_for_codes()
    assert result["errors"] == []
    assert result["outcomes"] == ["done"] * RACERS
    assert result["codes"] == [f"RK{n:04d}" for n in range(1, RACERS + 1)]
