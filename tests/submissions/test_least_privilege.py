"""Least privilege: a submission never submitted is its own school's work in
progress. National roles see it nowhere (list, detail, versions, draft editor,
API, the ministry's experiment progress) until it is first submitted."""

from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from submissions.models import Submission
from tests.experiments.factories import experiment, make_submission
from tests.submissions.helpers import DraftTestCase

NATIONAL = (Role.SBB_REVIEWER, Role.INSPECTORATE_REVIEWER, Role.MINISTRY_STAFF, Role.ADMINISTRATOR)


class NeverSubmittedDraftTests(DraftTestCase):
    def urls(self, submission):
        return [
            reverse("submissions:detail", args=[submission.pk]),
            reverse("submissions:draft-edit", args=[submission.pk]),
            f"/api/submissions/{submission.pk}/",
            f"/api/submissions/{submission.pk}/events/",
        ]

    def test_national_roles_see_it_only_after_the_first_submission(self):
        submission = self.make_draft("regional_programme")
        users = [self.make_national_user(role) for role in NATIONAL]
        for user in users:
            self.login(user)
            with self.subTest(role=user.role):
                listed = self.client.get(reverse("submissions:list"))
                self.assertNotIn(submission, listed.context["page_obj"])
                api = self.client.get("/api/submissions/").json()
                self.assertNotIn(submission.pk, [row["id"] for row in api["results"]])
                for url in self.urls(submission):
                    self.assertEqual(self.client.get(url).status_code, 404, url)
        # Its own school sees it.
        self.login(self.bob)
        for url in self.urls(submission):
            self.assertEqual(self.client.get(url).status_code, 200, url)

        # Submitted once (and returned to draft): from now on national roles read it.
        Submission.objects.filter(pk=submission.pk).update(submitted_at=timezone.now())
        for user in users:
            self.login(user)
            with self.subTest(role=user.role, submitted=True):
                for url in self.urls(submission):
                    self.assertEqual(self.client.get(url).status_code, 200, url)
        # Another school never does.
        self.login(self.charlie)
        for url in self.urls(submission):
            self.assertEqual(self.client.get(url).status_code, 404, url)

    def test_the_experiment_progress_leaves_never_submitted_drafts_out(self):
        regional = experiment("ruimte-voor-de-regio")
        make_submission(
            self.school, self.alice, regional, state="draft", title="Werk in uitvoering"
        )
        make_submission(
            self.school,
            self.alice,
            regional,
            state="under_review",
            submitted_at=timezone.now(),
            title="Ingediend programma",
        )
        self.login(self.make_national_user(Role.MINISTRY_STAFF))

        response = self.client.get("/experimenten/ruimte-voor-de-regio/voortgang/")

        self.assertContains(response, "Ingediend programma")
        self.assertNotContains(response, "Werk in uitvoering")
