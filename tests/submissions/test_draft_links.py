"""The way in: "New draft" on the submission list, "Edit the draft" on a
submission's page while the author may change it."""

from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from submissions.models import Submission
from tests.submissions.helpers import DraftTestCase

NEW_DRAFT = reverse("submissions:draft-create")


class DraftLinkTests(DraftTestCase):
    def test_list_offers_a_new_draft_to_school_authors(self):
        self.login(self.alice)
        self.assertContains(self.client.get(reverse("submissions:list")), f'href="{NEW_DRAFT}"')
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        self.assertNotContains(self.client.get(reverse("submissions:list")), f'href="{NEW_DRAFT}"')

    def test_detail_links_to_the_editor_while_editable(self):
        submission = self.make_draft("regional_programme")
        detail = reverse("submissions:detail", args=[submission.pk])
        edit = self.edit_url(submission)
        for user in (self.alice, self.bob):
            self.login(user)
            self.assertContains(self.client.get(detail), f'href="{edit}"')
        # Once submitted (and returned to draft) SBB sees it, without the editor link.
        Submission.objects.filter(pk=submission.pk).update(submitted_at=timezone.now())
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        self.assertNotContains(self.client.get(detail), f'href="{edit}"')
        self.login(self.alice)
        Submission.objects.filter(pk=submission.pk).update(state="under_review")
        self.assertNotContains(self.client.get(detail), f'href="{edit}"')
        Submission.objects.filter(pk=submission.pk).update(state="changes_requested")
        self.assertContains(self.client.get(detail), f'href="{edit}"')
