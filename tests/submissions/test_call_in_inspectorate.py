"""SBB calls in the Inspectorate on a cross-over under review (CO-04): from then
on approval needs both decisions, the Inspectorate's reviewers are notified and
the audit log records who asked and why. The page, the API action and the
workflow function, for Alice, Bob, Charlie and every national role."""

from django.core import mail
from django.urls import reverse

from notifications.models import Notification
from submissions import workflow
from submissions.models import Decision, Submission, SubmissionEvent

from .helpers import WorkflowTestCase

S = Submission.State
REASON = "De cross-over combineert twee sectoren; de examinering vraagt om de Inspectie."


class CallInInspectorateTests(WorkflowTestCase):
    def url(self, submission):
        return reverse("submissions:call-in-inspectorate", args=[submission.pk])

    def cross_over(self):
        submission = self.submitted(self.valid("cross_over"))
        assert submission.state == S.UNDER_REVIEW
        assert submission.needs_inspectorate is False
        return submission

    def post(self, submission, user, reason=REASON):
        self.login(user)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url(submission), {"reason": reason})

    def test_sbb_calls_in_from_the_review_page_and_approval_then_needs_both(self):
        submission = self.cross_over()
        self.login(self.sbb_user)
        page = self.client.get(reverse("submissions:review", args=[submission.pk]))
        self.assertContains(page, f'action="{self.url(submission)}"')
        mail.outbox.clear()

        response = self.post(submission, self.sbb_user)
        self.assertRedirects(response, reverse("submissions:review", args=[submission.pk]))
        submission.refresh_from_db()
        assert submission.needs_inspectorate is True
        assert submission.inspectorate_called_in_by == self.sbb_user
        assert submission.inspectorate_call_reason == REASON
        event = SubmissionEvent.objects.filter(submission=submission).last()
        assert (event.action, event.actor, event.note) == (
            "inspectorate_called_in",
            self.sbb_user,
            REASON,
        )
        notified = Notification.objects.filter(kind="submission.inspectorate_called_in")
        assert [n.recipient for n in notified] == [self.inspector]
        assert [m.to for m in mail.outbox] == [[self.inspector.email]]
        # The school by name with its BRIN code, and a link to the review page.
        school = f"{submission.school.name} ({submission.school.code})"
        assert school in notified.get().body
        assert school in mail.outbox[0].body
        assert reverse("submissions:review", args=[submission.pk]) in mail.outbox[0].body
        # The page now says who called in the Inspectorate and why, and the
        # form is gone; the history shows the step with the reason.
        page = self.client.get(reverse("submissions:review", args=[submission.pk]))
        self.assertNotContains(page, f'action="{self.url(submission)}"')
        self.assertContains(page, REASON, count=2)
        # The inspector now sees it in the queue and may decide.
        assert workflow.allowed_actions(self.inspector, submission) == {"comment", "decide"}

        self.decide(submission, self.sbb_user, Decision.Outcome.APPROVED)
        assert submission.state == S.UNDER_REVIEW  # waits for the Inspectorate
        self.decide(submission, self.inspector, Decision.Outcome.APPROVED)
        assert submission.state == S.APPROVED

    def test_the_inspectorate_can_reject_after_sbb_approved(self):
        submission = self.cross_over()
        self.post(submission, self.sbb_user)
        self.decide(submission, self.sbb_user, Decision.Outcome.APPROVED)
        self.decide(submission, self.inspector, Decision.Outcome.REJECTED)
        assert submission.state == S.REJECTED

    def test_an_administrator_may_call_in_too(self):
        submission = self.cross_over()
        response = self.post(submission, self.admin_user)
        assert response.status_code == 302
        submission.refresh_from_db()
        assert submission.needs_inspectorate is True

    def test_a_reason_is_required_and_nothing_changes_without_one(self):
        submission = self.cross_over()
        response = self.post(submission, self.sbb_user, reason="   ")
        assert response.status_code == 400
        submission.refresh_from_db()
        assert submission.needs_inspectorate is False
        assert not SubmissionEvent.objects.filter(action="inspectorate_called_in").exists()
        assert not Notification.objects.filter(kind="submission.inspectorate_called_in").exists()

    def test_alice_bob_and_other_roles_may_not(self):
        submission = self.cross_over()
        for user in (self.alice, self.bob, self.inspector, self.ministry_user):
            with self.subTest(user=user.username):
                assert "call_in_inspectorate" not in workflow.allowed_actions(user, submission)
                response = self.post(submission, user)
                assert response.status_code == 400
                submission.refresh_from_db()
                assert submission.needs_inspectorate is False
        self.login(self.alice)
        page = self.client.get(reverse("submissions:review", args=[submission.pk]))
        self.assertNotContains(page, f'action="{self.url(submission)}"')
        assert not SubmissionEvent.objects.filter(action="inspectorate_called_in").exists()

    def test_charlie_gets_404(self):
        submission = self.cross_over()
        response = self.post(submission, self.charlie)
        assert response.status_code == 404
        submission.refresh_from_db()
        assert submission.needs_inspectorate is False

    def test_only_on_a_cross_over_under_review_not_yet_flagged(self):
        regional = self.submitted()
        assert regional.state == S.UNDER_REVIEW
        with self.assertRaises(workflow.TransitionRefused) as refused:
            workflow.call_in_inspectorate(regional, self.sbb_user, REASON)
        assert refused.exception.reason == "input"
        for state in (S.DRAFT, S.CHANGES_REQUESTED, S.APPROVED, S.REJECTED, S.WITHDRAWN):
            with self.subTest(state=state):
                submission = self.in_state(state, self.valid("cross_over"))
                assert "call_in_inspectorate" not in workflow.allowed_actions(
                    self.sbb_user, submission
                )
                with self.assertRaises(workflow.TransitionRefused) as refused:
                    workflow.call_in_inspectorate(submission, self.sbb_user, REASON)
                assert refused.exception.reason == "state"
        flagged = self.flagged_cross_over()
        with self.assertRaises(workflow.TransitionRefused):
            workflow.call_in_inspectorate(flagged, self.sbb_user, REASON)

    def test_the_inspectorate_stays_on_a_new_version(self):
        """Changes requested, then the school submits again without the flag in
        its document: the Inspectorate still decides."""
        submission = self.cross_over()
        self.post(submission, self.sbb_user)
        self.decide(submission, self.sbb_user, Decision.Outcome.CHANGES_REQUESTED)
        assert submission.state == S.CHANGES_REQUESTED
        with self.captureOnCommitCallbacks(execute=True):
            workflow.submit(submission, self.alice)
        submission.refresh_from_db()
        assert submission.state == S.UNDER_REVIEW
        assert submission.needs_inspectorate is True
        self.decide(submission, self.sbb_user, Decision.Outcome.APPROVED)
        assert submission.state == S.UNDER_REVIEW


class CallInInspectorateApiTests(WorkflowTestCase):
    def post(self, submission, user, data):
        self.login(user)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                reverse("submission-call-in-inspectorate", args=[submission.pk]),
                data,
                content_type="application/json",
            )

    def test_sbb_calls_in_through_the_api(self):
        submission = self.submitted(self.valid("cross_over"))
        response = self.post(submission, self.sbb_user, {"reason": REASON})
        assert response.status_code == 200
        assert response.json()["needs_inspectorate"] is True
        assert response.json()["inspectorate_call_reason"] == REASON
        assert Notification.objects.filter(recipient=self.inspector).count() == 1

    def test_refusals_answer_with_the_right_status(self):
        submission = self.submitted(self.valid("cross_over"))
        assert self.post(submission, self.alice, {"reason": REASON}).status_code == 403
        assert self.post(submission, self.sbb_user, {}).status_code == 400
        assert self.post(submission, self.charlie, {"reason": REASON}).status_code == 404
        assert self.post(submission, self.sbb_user, {"reason": REASON}).status_code == 200
        assert self.post(submission, self.sbb_user, {"reason": REASON}).status_code == 409
