"""Optimistic locking: two people load revision 1; the first save wins, the
second is refused with a clear message and gets their own text back."""

import pytest
from django.http import HttpRequest
from django.test import Client
from django.utils import translation

from submissions.drafting import services as drafting
from submissions.models import Submission, SubmissionEvent
from tests.base import PASSWORD
from tests.submissions.helpers import DraftTestCase, form_data, in_english


class OptimisticLockingTests(DraftTestCase):
    def test_second_save_on_the_same_revision_is_refused_and_keeps_its_text(self):
        submission = self.make_draft("cross_over")
        alice, bob = Client(), Client()
        alice.login(request=HttpRequest(), username="alice", password=PASSWORD)
        bob.login(request=HttpRequest(), username="bob", password=PASSWORD)
        in_english(bob)
        # Both open the editor on revision 1.
        for client in (alice, bob):
            page = client.get(self.edit_url(submission))
            self.assertContains(page, 'name="revision" value="1"')
        first = form_data(
            "cross_over", {"title": "Alice's title", "labour_market_need": "Alice schreef dit."}
        )
        second = form_data(
            "cross_over", {"title": "Bob's title", "labour_market_need": "Bob schreef iets anders."}
        )
        response = alice.post(self.edit_url(submission), {**first, "revision": "1"})
        self.assertEqual(response.status_code, 302)
        response = bob.post(self.edit_url(submission), {**second, "revision": "1"})
        self.assertEqual(response.status_code, 409)
        content = response.content.decode()
        self.assertIn("Someone else saved this draft at", content)
        self.assertIn("your text is below", content)
        self.assertIn("Bob schreef iets anders.", content)
        self.assertIn('value="Bob&#x27;s title"', content)
        # The form keeps Bob's stale revision, so saving again is refused again.
        self.assertIn('name="revision" value="1"', content)
        submission.refresh_from_db()
        self.assertEqual(submission.draft["labour_market_need"], "Alice schreef dit.")
        self.assertEqual(submission.title, "Alice's title")
        self.assertEqual(submission.revision, 2)
        self.assertEqual(
            list(
                SubmissionEvent.objects.filter(submission=submission, action="saved").values_list(
                    "actor__username", flat=True
                )
            ),
            ["alice"],
        )

    def test_the_conflict_message_is_dutch_by_default(self):
        submission = self.make_draft("cross_over")
        self.client.cookies.clear()
        self.login(self.bob)
        Submission.objects.filter(pk=submission.pk).update(revision=3)
        data = form_data("cross_over", {"title": "Bob"})
        response = self.post_editor(submission, data, revision=2)
        self.assertContains(response, "Iemand anders heeft dit concept om", status_code=409)
        self.assertContains(response, "uw tekst staat hieronder", status_code=409)

    def test_the_conflict_is_shown_in_the_htmx_answer_too(self):
        submission = self.make_draft("cross_over")
        self.login(self.bob)
        Submission.objects.filter(pk=submission.pk).update(revision=5)
        data = form_data("cross_over", {"title": "Bob", "labour_market_need": "Mijn tekst"})
        response = self.post_editor(submission, data, htmx=True, revision=4)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Someone else saved this draft")
        self.assertContains(response, "Mijn tekst")
        self.assertContains(response, "Reload the draft")

    def test_after_reloading_the_next_save_wins(self):
        submission = self.make_draft("cross_over")
        self.login(self.alice)
        self.post_editor(submission, form_data("cross_over", {"title": "Eerste"}), revision=1)
        page = self.client.get(self.edit_url(submission))
        self.assertContains(page, 'name="revision" value="2"')
        self.assertContains(page, 'value="Eerste"')
        self.post_editor(submission, form_data("cross_over", {"title": "Tweede"}), revision=2)
        submission.refresh_from_db()
        self.assertEqual((submission.title, submission.revision), ("Tweede", 3))

    def test_a_successful_htmx_save_gives_the_form_the_new_revision(self):
        submission = self.make_draft("cross_over")
        self.login(self.alice)
        response = self.post_editor(
            submission, form_data("cross_over", {"title": "Nieuw"}), htmx=True, revision=1
        )
        self.assertContains(response, 'name="revision" value="2"')
        self.assertContains(response, "The draft has been saved at")

    def test_the_service_compares_and_sets_in_one_update(self):
        """Of two saves that both name revision 1, exactly one wins, whichever
        runs first; the loser gets StaleDraft and changes nothing."""
        submission = self.make_draft("cross_over")
        stale_copy = Submission.objects.get(pk=submission.pk)
        saved = drafting.save_draft(
            submission=submission,
            user=self.alice,
            document={**submission.draft, "title": "A"},
            title="A",
            revision=1,
        )
        self.assertEqual(saved.revision, 2)
        with translation.override("en"), pytest.raises(drafting.StaleDraft) as refused:
            drafting.save_draft(
                submission=stale_copy,
                user=self.bob,
                document={**stale_copy.draft, "title": "B"},
                title="B",
                revision=1,
            )
        self.assertIn("Someone else saved this draft", refused.value.message)
        submission.refresh_from_db()
        self.assertEqual((submission.title, submission.revision), ("A", 2))


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_of_one_revision_let_exactly_one_win(tmp_path):
    """Each thread has its own connection; the compare-and-set is one UPDATE."""
    from django.db import connection

    from .races import RACERS, race_in_a_sqlite_file, race_to_save

    result = race_in_a_sqlite_file(tmp_path) if connection.vendor == "sqlite" else race_to_save()
    assert result["errors"] == []
    assert result["outcomes"] == ["refused"] * (RACERS - 1) + ["saved"]
    assert result["revision"] == 2
    assert result["saved_by"] == [result["title"]]
    assert result["document_title"] == result["title"]
