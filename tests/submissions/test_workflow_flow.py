"""The workflow end to end: the check after submitting, decisions (also by two
bodies), withdrawing, comments, the audit log and the notifications it sends."""

from django.core import mail
from django.urls import reverse

from notifications.models import Notification
from submissions import workflow
from submissions.models import Decision, Submission, SubmissionEvent, SubmissionVersion

from .helpers import WorkflowTestCase

S = Submission.State


class SubmitTests(WorkflowTestCase):
    def test_valid_submission_goes_to_review_and_reviewers_are_told(self):
        submission = self.uploaded()
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            version = workflow.submit(submission, self.alice)
        submission.refresh_from_db()
        assert submission.state == S.UNDER_REVIEW
        assert submission.submitted_at is not None
        # The uploaded, never submitted version 1 is what was submitted: no copy.
        assert version.number == 1
        assert SubmissionVersion.objects.filter(submission=submission).count() == 1
        assert submission.experiment.slug == self.valid()["experiment"]
        assert submission.region.code == self.valid()["region"]
        actions = list(
            SubmissionEvent.objects.filter(submission=submission).values_list("action", flat=True)
        )
        assert actions == ["uploaded", "submitted", "review_started"]
        # SBB reviewers hear of it (in the app and by e-mail); the inspectorate does not.
        notified = set(
            Notification.objects.filter(kind="submission.submitted").values_list(
                "recipient__username", flat=True
            )
        )
        assert notified == {self.sbb_user.username}
        assert [message.to for message in mail.outbox] == [[self.sbb_user.email]]
        review_url = reverse("submissions:review", args=[submission.pk])
        assert Notification.objects.get(kind="submission.submitted").url == review_url
        assert review_url in mail.outbox[0].body
        assert submission.title in mail.outbox[0].subject

    def test_error_findings_return_the_submission_to_draft(self):
        document = self.valid()
        document["regional_section"]["learning_outcomes"] = []  # RR-03
        submission = self.submitted(document)
        assert submission.state == S.DRAFT
        event = SubmissionEvent.objects.filter(submission=submission).last()
        assert (event.action, event.from_state, event.to_state) == (
            "validation_failed",
            S.SUBMITTED,
            S.DRAFT,
        )
        report = event.version.report
        assert report.valid is False
        assert event.note == str(report.error_count) == "1"
        # The reviewers were not told; the author was.
        assert not Notification.objects.filter(recipient=self.sbb_user).exists()
        notification = Notification.objects.get(
            recipient=self.alice, kind="submission.validation_failed"
        )
        # In Dutch, with the plural that fits the count (ngettext).
        assert "heeft 1 fout en is terug in concept" in notification.body
        # Its page shows the findings.
        self.login(self.alice)
        response = self.client.get(f"/indieningen/{submission.pk}/")
        self.assertContains(response, "RR-03")

    def test_a_changed_draft_is_frozen_into_a_new_version(self):
        submission = self.uploaded()
        changed = self.valid()
        changed["regional_section"]["hours"] = 320
        Submission.objects.filter(pk=submission.pk).update(draft=changed)
        with self.captureOnCommitCallbacks(execute=True):
            version = workflow.submit(submission, self.bob)
        assert version.number == 2
        assert version.document == changed
        assert version.created_by == self.bob
        assert '"hours": 320' in version.source_text
        # The frozen version does not follow later changes of the draft.
        Submission.objects.filter(pk=submission.pk).update(draft={})
        version.refresh_from_db()
        assert version.document == changed

    def test_an_empty_draft_cannot_be_submitted(self):
        submission = self.uploaded()
        Submission.objects.filter(pk=submission.pk).update(draft={})
        with self.assertRaises(workflow.TransitionRefused):
            workflow.submit(submission, self.alice)

    def test_a_version_is_never_submitted_twice(self):
        submission = self.submitted()
        self.decide(submission, self.sbb_user, "changes_requested", "Meer uren.")
        with self.captureOnCommitCallbacks(execute=True):
            again = workflow.submit(submission, self.alice)
        # The draft did not change, but version 1 was already submitted: version 2.
        assert again.number == 2


class DecisionTests(WorkflowTestCase):
    def test_changes_requested_then_resubmitted_then_approved(self):
        submission = self.submitted()
        mail.outbox.clear()
        self.decide(submission, self.sbb_user, "changes_requested", "Noem de bedrijven.")
        assert submission.state == S.CHANGES_REQUESTED
        assert submission.decided_at is None
        # The school's authors are told; Charlie's school is not.
        notified = set(
            Notification.objects.filter(kind="submission.changes_requested").values_list(
                "recipient__username", flat=True
            )
        )
        assert notified == {"alice", "bob"}
        assert sorted(address for m in mail.outbox for address in m.to) == sorted(
            [self.alice.email, self.bob.email]
        )
        assert "Noem de bedrijven." in mail.outbox[0].body

        revised = self.valid()
        revised["regional_section"]["title"] = "Zorg dichtbij huis, herzien"
        Submission.objects.filter(pk=submission.pk).update(draft=revised)
        with self.captureOnCommitCallbacks(execute=True):
            workflow.submit(submission, self.alice)
        submission.refresh_from_db()
        assert submission.state == S.UNDER_REVIEW
        self.decide(submission, self.sbb_user, "approved", "In orde.")
        assert submission.state == S.APPROVED
        assert submission.decided_at >= submission.submitted_at
        decisions = list(Decision.objects.filter(submission=submission).order_by("pk"))
        assert [(d.version.number, d.outcome) for d in decisions] == [
            (1, "changes_requested"),
            (2, "approved"),
        ]
        assert Notification.objects.filter(recipient=self.bob, kind="submission.approved").exists()

    def test_reason_is_required(self):
        submission = self.submitted()
        with self.assertRaises(workflow.TransitionRefused):
            workflow.decide(submission, self.sbb_user, "approved", "   ")
        with self.assertRaises(workflow.TransitionRefused):
            workflow.decide(submission, self.sbb_user, "maybe", "Twijfel")
        submission.refresh_from_db()
        assert submission.state == S.UNDER_REVIEW

    def test_rejection_is_final(self):
        submission = self.submitted()
        self.decide(submission, self.admin_user, "rejected", "Past niet in het experiment.")
        assert submission.state == S.REJECTED
        assert submission.decided_at is not None
        decision = Decision.objects.get(submission=submission)
        assert decision.body == Decision.Body.SBB
        assert decision.decided_by == self.admin_user


class DualDecisionTests(WorkflowTestCase):
    """A cross-over flagged for the Inspectorate needs both bodies' decisions."""

    def test_approved_only_when_both_bodies_approve(self):
        submission = self.flagged_cross_over()
        self.decide(submission, self.sbb_user, "approved", "SBB akkoord.")
        assert submission.state == S.UNDER_REVIEW
        assert submission.decided_at is None
        assert workflow.allowed_actions(self.sbb_user, submission) == {"comment"}
        with self.assertRaises(workflow.TransitionRefused):
            workflow.decide(submission, self.sbb_user, "approved", "Nogmaals.")
        self.decide(submission, self.inspector, "approved", "Inspectie akkoord.")
        assert submission.state == S.APPROVED
        assert submission.decided_at is not None

    def test_either_rejection_rejects(self):
        for first, second in [(0, 1), (1, 0)]:
            with self.subTest(first=first):
                submission = self.flagged_cross_over()
                bodies = [self.sbb_user, self.inspector]
                self.decide(submission, bodies[first], "approved", "Akkoord.")
                self.decide(submission, bodies[second], "rejected", "Niet akkoord.")
                assert submission.state == S.REJECTED

    def test_changes_requested_by_the_inspectorate_alone(self):
        submission = self.flagged_cross_over()
        self.decide(submission, self.inspector, "changes_requested", "Onderbouw de vraag.")
        assert submission.state == S.CHANGES_REQUESTED
        # The next round needs both again: the old version's decision does not count.
        with self.captureOnCommitCallbacks(execute=True):
            workflow.submit(submission, self.alice)
        submission.refresh_from_db()
        assert submission.state == S.UNDER_REVIEW
        self.decide(submission, self.inspector, "approved", "Nu wel.")
        assert submission.state == S.UNDER_REVIEW
        self.decide(submission, self.sbb_user, "approved", "Akkoord.")
        assert submission.state == S.APPROVED

    def test_inspectorate_reviewers_are_told_of_flagged_submissions(self):
        self.flagged_cross_over()
        notified = set(
            Notification.objects.filter(kind="submission.submitted").values_list(
                "recipient__username", flat=True
            )
        )
        assert notified == {self.sbb_user.username, self.inspector.username}


class WithdrawAndCommentTests(WorkflowTestCase):
    def test_withdraw_before_a_decision(self):
        submission = self.submitted()
        workflow.withdraw(submission, self.bob)
        submission.refresh_from_db()
        assert submission.state == S.WITHDRAWN
        event = SubmissionEvent.objects.filter(submission=submission).last()
        assert (event.action, event.actor, event.from_state) == (
            "withdrawn",
            self.bob,
            S.UNDER_REVIEW,
        )

    def test_no_withdrawal_after_approval(self):
        submission = self.submitted()
        self.decide(submission, self.sbb_user, "approved", "Goed.")
        with self.assertRaises(workflow.TransitionRefused):
            workflow.withdraw(submission, self.alice)

    def test_comments_on_sections_and_replies(self):
        submission = self.submitted()
        first = workflow.comment(submission, self.sbb_user, "regional_section", "Wie is de expert?")
        reply = workflow.comment(submission, self.alice, "regional_section", "Zie bijdragers.")
        assert (first.version.number, first.section) == (1, "regional_section")
        assert reply.author == self.alice
        with self.assertRaises(workflow.TransitionRefused):
            workflow.comment(submission, self.sbb_user, "no_such_section", "Vraag")
        with self.assertRaises(workflow.TransitionRefused):
            workflow.comment(submission, self.sbb_user, "electives", "   ")
        comments = SubmissionEvent.objects.filter(submission=submission, action="comment")
        assert [(e.actor, e.note) for e in comments] == [
            (self.sbb_user, "regional_section: Wie is de expert?"),
            (self.alice, "regional_section: Zie bijdragers."),
        ]
