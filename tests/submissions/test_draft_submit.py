"""Submitting from inside the draft editor: after a check without errors, save
and go to a confirmation step; only the confirmation submits."""

from django.urls import reverse

from submissions.models import Submission
from tests.submissions.helpers import DraftTestCase, form_data
from tests.submissions.test_draft_edit import REGIONAL_MAIN, REGIONAL_ROWS


class SubmitFromTheEditorTests(DraftTestCase):
    def post(self, submission, rows=REGIONAL_ROWS, action="submit", htmx=False):
        data = form_data(submission.kind, REGIONAL_MAIN, rows, action=action)
        return self.post_editor(submission, data, htmx=htmx)

    def test_a_check_without_errors_offers_to_submit(self):
        submission = self.make_draft("regional_programme")
        self.login(self.alice)
        response = self.post(submission, action="check", htmx=True)
        self.assertContains(response, 'name="action" value="submit"')
        teachers_only = {**REGIONAL_ROWS, "contributors": REGIONAL_ROWS["contributors"][:1]}
        response = self.post(submission, rows=teachers_only, action="check", htmx=True)
        self.assertNotContains(response, 'name="action" value="submit"')

    def test_submit_saves_and_leads_to_the_confirmation_step(self):
        submission = self.make_draft("regional_programme")
        self.login(self.alice)
        confirm = reverse("submissions:submit", args=[submission.pk])
        response = self.post(submission)
        self.assertRedirects(response, confirm)
        submission.refresh_from_db()
        self.assertEqual(submission.state, Submission.State.DRAFT)  # not yet submitted
        self.assertEqual(submission.draft["title"], REGIONAL_MAIN["title"])
        page = self.client.get(confirm)
        self.assertContains(page, "Yes, submit for review")
        self.assertContains(page, "No, keep working on the draft")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(confirm)
        submission.refresh_from_db()
        self.assertNotEqual(submission.state, Submission.State.DRAFT)
        self.assertEqual(submission.versions.count(), 1)

    def test_with_htmx_the_browser_is_sent_to_the_confirmation(self):
        submission = self.make_draft("regional_programme")
        self.login(self.alice)
        response = self.post(submission, htmx=True)
        self.assertEqual(
            response["HX-Redirect"], reverse("submissions:submit", args=[submission.pk])
        )

    def test_errors_keep_the_author_in_the_editor_with_the_findings(self):
        submission = self.make_draft("regional_programme")
        self.login(self.alice)
        teachers_only = {**REGIONAL_ROWS, "contributors": REGIONAL_ROWS["contributors"][:1]}
        response = self.post(submission, rows=teachers_only)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "RR-04", status_code=400)
        submission.refresh_from_db()
        self.assertEqual(submission.revision, 1)  # nothing saved
        self.assertFalse(submission.versions.exists())

    def test_others_cannot_reach_the_confirmation(self):
        submission = self.make_draft("regional_programme")
        confirm = reverse("submissions:submit", args=[submission.pk])
        self.login(self.charlie)
        self.assertEqual(self.client.get(confirm).status_code, 404)
        self.assertEqual(self.post(submission).status_code, 404)
        submission.refresh_from_db()
        self.assertEqual(submission.revision, 1)
