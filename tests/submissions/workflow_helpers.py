"""Set-up for the workflow tests: submissions in any state, reviewers, the journey."""

from accounts.models import Role
from submissions import workflow
from submissions.intake import services
from submissions.models import Submission

from .draft_helpers import WHILE_OPEN
from .helpers import SubmissionTestCase, as_upload


class WorkflowTestCase(SubmissionTestCase):
    """Alice/Bob/Charlie plus one user of every national role."""

    def setUp(self):
        super().setUp()
        self.sbb_user = self.make_national_user(Role.SBB_REVIEWER)
        self.inspector = self.make_national_user(Role.INSPECTORATE_REVIEWER)
        self.ministry_user = self.make_national_user(Role.MINISTRY_STAFF)
        self.admin_user = self.make_national_user(Role.ADMINISTRATOR)

    def uploaded(self, document=None, user=None) -> Submission:
        """A draft made by uploading `document` (valid regional programme by default)."""
        document = document if document is not None else self.valid()
        with self.captureOnCommitCallbacks(execute=True):
            return services.create_submission(
                user=user or self.alice, data=as_upload(document).read(), today=WHILE_OPEN
            )

    def in_state(self, state: str, document=None) -> Submission:
        """An uploaded submission put straight into `state` (to test what each state allows)."""
        submission = self.uploaded(document)
        Submission.objects.filter(pk=submission.pk).update(state=state)
        submission.refresh_from_db()
        return submission

    def submitted(self, document=None, user=None) -> Submission:
        """Uploaded and submitted, with the check run: under review when valid."""
        submission = self.uploaded(document, user)
        with self.captureOnCommitCallbacks(execute=True):
            workflow.submit(submission, user or self.alice)
        submission.refresh_from_db()
        return submission

    def flagged_cross_over(self) -> Submission:
        document = self.valid("cross_over")
        document["inspectorate_review_needed"] = True
        return self.submitted(document)

    def decide(self, submission, user, outcome, reason="Zie het commentaar."):
        with self.captureOnCommitCallbacks(execute=True):
            decision = workflow.decide(submission, user, outcome, reason)
        submission.refresh_from_db()
        return decision
