"""The API for drafts: authors create them from a document and save them with
the revision they read (409 when someone saved in between); nobody else may."""

import copy

from django.urls import reverse

from submissions.models import Submission

from .helpers import WorkflowTestCase

LIST = reverse("submission-list")


def url(submission):
    return reverse("submission-detail", args=[submission.pk])


class ApiDraftTests(WorkflowTestCase):
    def create(self, document, user=None):
        self.login(user or self.alice)
        return self.client.post(LIST, {"document": document}, content_type="application/json")

    def save(self, submission, document, revision):
        return self.client.patch(
            url(submission),
            {"document": document, "revision": revision},
            content_type="application/json",
        )

    def test_author_creates_a_draft_from_a_document(self):
        response = self.create(self.valid())
        assert response.status_code == 201, response.json()
        body = response.json()
        submission = Submission.objects.get(pk=body["id"])
        assert submission.state == Submission.State.DRAFT
        assert submission.school == self.school
        assert submission.draft == self.valid()
        assert body["draft"] == self.valid()
        assert body["title"] == self.valid()["title"]
        assert submission.versions.count() == 0  # nothing is submitted yet

    def test_a_draft_for_an_ended_experiment_is_refused_with_the_date(self):
        self.client.cookies.load({"django_language": "en"})
        response = self.create(self.valid("cross_over"))
        assert response.status_code == 400
        assert "ended on 31 July 2025" in response.json()["errors"]["document"][0]
        assert not Submission.objects.exists()

    def test_only_school_authors_create_drafts(self):
        for user in (self.sbb_user, self.ministry_user, self.admin_user):
            assert self.create(self.valid(), user).status_code == 403, user.username
        assert not Submission.objects.exists()

    def test_a_document_about_another_school_or_not_an_object_is_refused(self):
        document = self.valid()
        document["school"] = "26QA"
        response = self.create(document)
        assert response.status_code == 400
        assert "25PZ" in str(response.json())
        assert self.create(["not", "an", "object"]).status_code == 400
        assert not Submission.objects.exists()

    def test_optimistic_locking_refuses_a_stale_revision_with_409(self):
        submission = Submission.objects.get(pk=self.create(self.valid()).json()["id"])
        read_by_alice = submission.revision
        # Bob saves first.
        self.login(self.bob)
        bobs = copy.deepcopy(self.valid())
        bobs["regional_section"]["hours"] = 320
        response = self.save(submission, bobs, read_by_alice)
        assert response.status_code == 200
        assert response.json()["revision"] == read_by_alice + 1
        # Alice saves on the revision she read: refused, her document comes back.
        self.login(self.alice)
        alices = copy.deepcopy(self.valid())
        alices["regional_section"]["title"] = "Alice's nieuwe titel"
        response = self.save(submission, alices, read_by_alice)
        assert response.status_code == 409
        body = response.json()
        assert body["revision"] == read_by_alice + 1
        assert body["document"] == alices
        assert body["detail"]
        submission.refresh_from_db()
        assert submission.draft == bobs
        # On the current revision she can save.
        assert self.save(submission, alices, body["revision"]).status_code == 200

    def test_only_the_schools_authors_save_and_only_while_editable(self):
        submission = Submission.objects.get(pk=self.create(self.valid()).json()["id"])
        for user in (self.sbb_user, self.ministry_user):
            self.login(user)
            # Never submitted: the draft is the school's own, so national roles get 404.
            assert self.save(submission, self.valid(), submission.revision).status_code == 404
        self.login(self.alice)
        with self.captureOnCommitCallbacks(execute=True):
            assert (
                self.client.post(reverse("submission-submit", args=[submission.pk])).status_code
                == 200
            )
        submission.refresh_from_db()
        assert submission.state == Submission.State.UNDER_REVIEW
        response = self.save(submission, self.valid(), submission.revision)
        assert response.status_code == 409
        other_kind = self.valid("cross_over")
        Submission.objects.filter(pk=submission.pk).update(state="draft")
        assert self.save(submission, other_kind, submission.revision).status_code == 400
