"""Every transition, allowed and refused, by role and state (the table below)."""

from submissions import workflow
from submissions.models import Decision, ReviewComment, Submission, SubmissionEvent

from .helpers import WorkflowTestCase

S = Submission.State
ALL_STATES = list(S)
ROLES = ["alice", "bob", "charlie", "sbb", "inspectorate", "ministry", "admin"]

# Who may do what, in which state, on a regionalised programme (not flagged for
# the Inspectorate). Written out from the workflow's description, not computed.
SCHOOL_OF_SUBMISSION = {"alice", "bob"}
SBB_BODY = {"sbb", "admin"}
ALLOWED = {
    "submit": (SCHOOL_OF_SUBMISSION, {S.DRAFT, S.CHANGES_REQUESTED}),
    "withdraw": (SCHOOL_OF_SUBMISSION, {S.SUBMITTED, S.UNDER_REVIEW, S.CHANGES_REQUESTED}),
    "comment": (SCHOOL_OF_SUBMISSION | SBB_BODY, {S.UNDER_REVIEW, S.CHANGES_REQUESTED}),
    "decide": (SBB_BODY, {S.UNDER_REVIEW}),
}
EXPECTED_STATE = {
    "submit": S.SUBMITTED,
    "withdraw": S.WITHDRAWN,
    "decide": S.CHANGES_REQUESTED,
}


class TransitionTableTests(WorkflowTestCase):
    def user(self, name):
        return {
            "alice": self.alice,
            "bob": self.bob,
            "charlie": self.charlie,
            "sbb": self.sbb_user,
            "inspectorate": self.inspector,
            "ministry": self.ministry_user,
            "admin": self.admin_user,
        }[name]

    def act(self, action, submission, user):
        if action == "submit":
            return workflow.submit(submission, user)
        if action == "withdraw":
            return workflow.withdraw(submission, user)
        if action == "comment":
            return workflow.comment(submission, user, "regional_section", "Graag toelichten.")
        return workflow.decide(
            submission, user, Decision.Outcome.CHANGES_REQUESTED, "Meer uitleg nodig."
        )

    def test_every_role_state_and_action(self):
        checked = 0
        for action, (roles, states) in ALLOWED.items():
            for state in ALL_STATES:
                for role in ROLES:
                    allowed = role in roles and state in states
                    with self.subTest(action=action, state=state, role=role, allowed=allowed):
                        reason = "state" if role in roles else "role"
                        self.check_case(action, state, self.user(role), allowed, reason)
                        checked += 1
        assert checked == 4 * 7 * 7

    def check_case(self, action, state, user, allowed, reason):
        submission = self.in_state(state)
        events_before = SubmissionEvent.objects.filter(submission=submission).count()
        assert (action in workflow.allowed_actions(user, submission)) is allowed
        if allowed:
            self.act(action, submission, user)
            submission.refresh_from_db()
            if action == "comment":
                assert submission.state == state
                assert ReviewComment.objects.filter(submission=submission, author=user).exists()
            else:
                assert submission.state == EXPECTED_STATE[action]
            event = SubmissionEvent.objects.filter(submission=submission).last()
            assert event.actor == user
            assert SubmissionEvent.objects.filter(submission=submission).count() > events_before
        else:
            with self.assertRaises(workflow.TransitionRefused) as refused:
                self.act(action, submission, user)
            assert refused.exception.message
            # A role that may never do it is told so, before the state is looked at.
            assert refused.exception.reason == reason
            submission.refresh_from_db()
            assert submission.state == state
            assert SubmissionEvent.objects.filter(submission=submission).count() == events_before
            assert not ReviewComment.objects.filter(submission=submission).exists()
            assert not Decision.objects.filter(submission=submission).exists()


class InspectorateTableTests(WorkflowTestCase):
    """On a cross-over flagged for the Inspectorate, inspectorate reviewers comment and decide."""

    def test_inspectorate_may_comment_and_decide_only_on_flagged_cross_overs(self):
        flagged = self.flagged_cross_over()
        assert flagged.state == S.UNDER_REVIEW
        assert flagged.needs_inspectorate is True
        assert workflow.allowed_actions(self.inspector, flagged) == {"comment", "decide"}
        workflow.comment(flagged, self.inspector, "parts", "Welke kerntaken precies?")
        plain = self.submitted(self.valid("cross_over"))
        assert plain.state == S.UNDER_REVIEW
        assert plain.needs_inspectorate is False
        assert workflow.allowed_actions(self.inspector, plain) == set()
        for call in (
            lambda: workflow.comment(plain, self.inspector, "parts", "Vraag"),
            lambda: workflow.decide(plain, self.inspector, "approved", "Goed"),
        ):
            with self.assertRaises(workflow.TransitionRefused):
                call()
