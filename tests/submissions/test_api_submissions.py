"""The submissions API: scoping (Alice/Bob/Charlie, national roles), drafts
created and saved by authors with optimistic locking (409), and the read
endpoints for versions, diff, comments, decisions and the audit log."""

import pytest
from django.urls import reverse
from django.utils import timezone

from submissions.models import Submission, SubmissionEvent

from .helpers import WorkflowTestCase

LIST = reverse("submission-list")


def detail(submission, action=None, **kwargs):
    if action is None:
        return reverse("submission-detail", args=[submission.pk])
    if kwargs:
        return reverse(f"submission-{action}", kwargs={"pk": submission.pk, **kwargs})
    return reverse(f"submission-{action}", args=[submission.pk])


class ApiReadTests(WorkflowTestCase):
    @pytest.fixture(autouse=True)
    def _query_guard(self, django_assert_max_num_queries):
        self.max_queries = django_assert_max_num_queries

    def test_anonymous_gets_nothing(self):
        submission = self.submitted()
        self.client.logout()
        assert self.client.get(LIST).status_code in (401, 403)
        assert self.client.get(detail(submission)).status_code in (401, 403)

    def test_school_users_see_their_school_national_roles_all(self):
        ours = self.submitted()
        theirs = self.uploaded(self.charlie_document(), user=self.charlie)
        expectations = {
            self.alice: {ours.pk},
            self.bob: {ours.pk},
            self.charlie: {theirs.pk},
            # Charlie's upload was never submitted: his school's own until it is.
            self.sbb_user: {ours.pk},
            self.inspector: {ours.pk},
            self.ministry_user: {ours.pk},
            self.admin_user: {ours.pk},
        }
        for user, expected in expectations.items():
            self.login(user)
            response = self.client.get(LIST)
            assert response.status_code == 200
            assert {row["id"] for row in response.json()["results"]} == expected, user.username
        self.login(self.alice)
        row = self.client.get(detail(ours)).json()
        assert (row["state"], row["school"], row["experiment"], row["region"]) == (
            "under_review",
            "25PZ",
            "ruimte-voor-de-regio",
            "AM06",
        )
        assert row["latest_version"] == 1
        assert row["draft"] == self.valid()

    def charlie_document(self):
        document = self.valid()
        document["school"] = "26QA"
        return document

    def test_charlie_gets_404_on_every_endpoint(self):
        submission = self.submitted()
        self.login(self.charlie)
        for url in (
            detail(submission),
            detail(submission, "comments"),
            detail(submission, "decisions"),
            detail(submission, "events"),
            detail(submission, "versions"),
            detail(submission, "version", number=1),
            detail(submission, "diff") + "?old=1&new=1",
        ):
            assert self.client.get(url).status_code == 404, url
        posts = {
            "submit": {},
            "withdraw": {},
            "decide": {"outcome": "approved", "reason": "x"},
            "comments": {"section": "", "text": "x"},
        }
        for name, data in posts.items():
            response = self.client.post(
                detail(submission, name), data, content_type="application/json"
            )
            assert response.status_code == 404, name
        response = self.client.patch(
            detail(submission),
            {"document": self.valid(), "revision": submission.revision},
            content_type="application/json",
        )
        assert response.status_code == 404
        submission.refresh_from_db()
        assert submission.state == Submission.State.UNDER_REVIEW

    def test_list_filters_and_query_count(self):
        self.submitted()
        # A draft once submitted (returned to draft) is visible to national roles.
        returned = self.uploaded()
        Submission.objects.filter(pk=returned.pk).update(submitted_at=timezone.now())
        self.login(self.sbb_user)
        assert [
            r["state"] for r in self.client.get(LIST, {"state": "draft"}).json()["results"]
        ] == ["draft"]
        for _ in range(5):
            Submission.objects.filter(pk=self.uploaded().pk).update(submitted_at=timezone.now())
        with self.max_queries(6):
            response = self.client.get(LIST)
        assert response.json()["count"] == 7

    def test_versions_diff_events_for_the_school(self):
        submission = self.submitted()
        self.decide(submission, self.sbb_user, "changes_requested", "Meer uren.")
        revised = self.valid()
        revised["regional_section"]["hours"] = 480
        self.login(self.bob)
        current = self.client.get(detail(submission)).json()
        response = self.client.patch(
            detail(submission),
            {"document": revised, "revision": current["revision"]},
            content_type="application/json",
        )
        assert response.status_code == 200, response.json()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(detail(submission, "submit"))
        assert response.status_code == 200
        assert response.json()["state"] == "submitted"  # the check runs after the answer
        assert self.client.get(detail(submission)).json()["state"] == "under_review"
        versions = self.client.get(detail(submission, "versions")).json()
        assert [v["number"] for v in versions] == [2, 1]
        assert all(v["valid"] is True for v in versions)
        second = self.client.get(detail(submission, "version", number=2)).json()
        assert second["document"] == revised
        assert second["findings"] == []
        assert self.client.get(detail(submission, "version", number=3)).status_code == 404
        diff = self.client.get(detail(submission, "diff"), {"old": 1, "new": 2}).json()
        assert diff["changes"] == [
            {"path": "regional_section.hours", "change": "changed", "old": "400", "new": "480"}
        ]
        assert self.client.get(detail(submission, "diff"), {"old": "x"}).status_code == 400
        decisions = self.client.get(detail(submission, "decisions")).json()
        assert [(d["body"], d["outcome"], d["version"]) for d in decisions] == [
            ("sbb", "changes_requested", 1)
        ]
        events = self.client.get(detail(submission, "events")).json()
        assert [e["action"] for e in events] == list(
            SubmissionEvent.objects.filter(submission=submission).values_list("action", flat=True)
        )
        assert [e["action"] for e in events][-3:] == ["saved", "submitted", "review_started"]


@pytest.mark.django_db
def test_endpoints_are_in_the_openapi_schema(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    expected = {
        "/api/submissions/": {"get", "post"},
        "/api/submissions/{id}/": {"get", "patch"},
        "/api/submissions/{id}/submit/": {"post"},
        "/api/submissions/{id}/withdraw/": {"post"},
        "/api/submissions/{id}/decide/": {"post"},
        "/api/submissions/{id}/comments/": {"get", "post"},
        "/api/submissions/{id}/decisions/": {"get"},
        "/api/submissions/{id}/events/": {"get"},
        "/api/submissions/{id}/versions/": {"get"},
        "/api/submissions/{id}/versions/{number}/": {"get"},
        "/api/submissions/{id}/diff/": {"get"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert methods <= set(paths[path]), path
    patch = paths["/api/submissions/{id}/"]["patch"]
    assert "409" in patch["responses"]
    diff_parameters = {p["name"] for p in paths["/api/submissions/{id}/diff/"]["get"]["parameters"]}
    assert {"old", "new"} <= diff_parameters
