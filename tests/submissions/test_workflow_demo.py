"""Demo submissions (submissions.workflow_demo, loaded by load_demo): each at its
step of the workflow, idempotent, and skipped without the demo accounts."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from qualifications.models import ElectiveModule
from submissions.models import Decision, ReviewComment, Submission
from submissions.workflow_demo import DEMO_SUBMISSIONS, load_demo_submissions


class DemoSubmissionsTests(TestCase):
    def test_nothing_happens_without_the_demo_school_and_accounts(self):
        assert load_demo_submissions() == 0
        assert not Submission.objects.exists()

    def test_load_demo_makes_each_submission_at_its_step_once(self):
        with self.captureOnCommitCallbacks(execute=True):
            output = StringIO()
            call_command("load_demo", stdout=output)
        assert f"Demo submissions: {len(DEMO_SUBMISSIONS)} created." in output.getvalue()
        states = dict(Submission.objects.values_list("title", "state"))
        assert states == {title: step for title, *_rest, step in DEMO_SUBMISSIONS}
        assert ReviewComment.objects.count() == 1
        assert set(Decision.objects.values_list("outcome", flat=True)) == {
            "changes_requested",
            "approved",
        }
        approved = Submission.objects.get(state="approved")
        assert approved.decided_at is not None
        assert approved.experiment.slug == "ruimte-voor-de-regio"
        # Its regional keuzedeel is in the register (issue 15), once.
        registered = ElectiveModule.objects.get(is_regional=True)
        assert (registered.code, registered.source_submission_id) == ("RK0001", approved.pk)
        assert registered.school.code == "99XA"
        assert load_demo_submissions() == 0
        assert Submission.objects.count() == len(DEMO_SUBMISSIONS)
