"""Transitions through the API: the same checks as the pages, answered with
403 (role), 409 (state) or 400 (input), and the notifications they send."""

from django.core import mail
from django.urls import reverse

from notifications.models import Notification
from submissions.models import Submission

from .helpers import WorkflowTestCase

S = Submission.State


def action(submission, name):
    return reverse(f"submission-{name}", args=[submission.pk])


class ApiTransitionTests(WorkflowTestCase):
    def post(self, submission, name, data=None, user=None):
        if user is not None:
            self.login(user)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                action(submission, name), data or {}, content_type="application/json"
            )

    def test_the_journey_through_the_api(self):
        submission = self.uploaded()
        mail.outbox.clear()
        response = self.post(submission, "submit", user=self.alice)
        assert response.status_code == 200
        submission.refresh_from_db()
        assert submission.state == S.UNDER_REVIEW
        assert [m.to for m in mail.outbox] == [[self.sbb_user.email]]
        response = self.post(
            submission,
            "comments",
            {"section": "regional_section", "text": "Welk bedrijf?"},
            user=self.sbb_user,
        )
        assert response.status_code == 201
        assert response.json()["version"] == 1
        response = self.post(
            submission, "decide", {"outcome": "changes_requested", "reason": "Noem het bedrijf."}
        )
        assert response.status_code == 200
        assert response.json()["state"] == "changes_requested"
        assert Notification.objects.filter(
            recipient=self.bob, kind="submission.changes_requested"
        ).exists()
        response = self.post(
            submission,
            "comments",
            {"section": "regional_section", "text": "Zorggroep Deventer."},
            user=self.bob,
        )
        assert response.status_code == 201
        comments = self.client.get(action(submission, "comments")).json()
        assert [(c["author"], c["text"]) for c in comments] == [
            ("sbb_reviewer", "Welk bedrijf?"),
            ("bob", "Zorggroep Deventer."),
        ]
        assert self.post(submission, "submit").status_code == 200
        response = self.post(
            submission, "decide", {"outcome": "approved", "reason": "Goed."}, user=self.sbb_user
        )
        assert response.json()["state"] == "approved"
        assert response.json()["decided_at"] is not None

    def test_refusals_are_403_409_or_400(self):
        submission = self.submitted()
        cases = [
            (self.ministry_user, "decide", {"outcome": "approved", "reason": "x"}, 403),
            (self.inspector, "decide", {"outcome": "approved", "reason": "x"}, 403),
            (self.alice, "decide", {"outcome": "approved", "reason": "x"}, 403),
            (self.sbb_user, "withdraw", {}, 403),
            (self.sbb_user, "submit", {}, 403),
            (self.alice, "submit", {}, 409),  # under review already
            (self.sbb_user, "decide", {"outcome": "perhaps", "reason": "x"}, 400),
            (self.sbb_user, "decide", {"outcome": "approved", "reason": ""}, 400),
            (self.sbb_user, "comments", {"section": "nope", "text": "x"}, 400),
            (self.ministry_user, "comments", {"section": "", "text": "x"}, 403),
        ]
        for user, name, data, expected in cases:
            with self.subTest(user=user.username, action=name):
                response = self.post(submission, name, data, user=user)
                assert response.status_code == expected, response.json()
                assert response.json()
        submission.refresh_from_db()
        assert submission.state == S.UNDER_REVIEW
        self.post(
            submission, "decide", {"outcome": "rejected", "reason": "Nee."}, user=self.sbb_user
        )
        response = self.post(submission, "withdraw", user=self.alice)
        assert response.status_code == 409

    def test_dual_decision_through_the_api(self):
        submission = self.flagged_cross_over()
        response = self.post(
            submission, "decide", {"outcome": "approved", "reason": "SBB ja."}, user=self.sbb_user
        )
        assert response.json()["state"] == "under_review"
        response = self.post(submission, "decide", {"outcome": "approved", "reason": "Nogmaals."})
        assert response.status_code == 409
        response = self.post(
            submission,
            "decide",
            {"outcome": "approved", "reason": "Inspectie ja."},
            user=self.inspector,
        )
        assert response.json()["state"] == "approved"
