"""Shared set-up for submission tests: Alice/Bob/Charlie plus reference data.

Shared set-up for the drafting tests: a draft per kind and posted form data.

Set-up for the workflow tests: submissions in any state, reviewers, the journey.
"""

import datetime
import json

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from submissions import workflow
from submissions.drafting import services as drafting
from submissions.intake import services
from submissions.models import Submission
from tests.base import BaseTestCase
from tests.rules.factories import build_reference_data, valid_document


def as_upload(document, name="document.json") -> SimpleUploadedFile:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    return SimpleUploadedFile(name, data, content_type="application/json")


class SubmissionTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ref = build_reference_data()

    def upload(self, document, user=None):
        """Log in as `user` (Alice) and upload; on-commit work (the check) runs."""
        self.login(user or self.alice)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                reverse("submissions:upload"), {"document": as_upload(document)}
            )

    def valid(self, kind="regional_programme"):
        return valid_document(kind)


BLOCK_FIELDS = {
    "learning_outcomes": ("code", "text"),
    "contributors": ("name", "role", "organisation", "organisation_name"),
    "electives": ("type", "code", "title", "hours", "learning_outcomes"),
    "parts": ("qualification", "core_task"),
    "partners": ("kind", "organisation", "name"),
}
KIND_BLOCKS = {
    "regional_programme": ("learning_outcomes", "contributors", "electives"),
    "cross_over": ("parts",),
    "practice_programme": ("partners",),
}
EXPERIMENTS = {
    "regional_programme": "ruimte-voor-de-regio",
    "cross_over": "cross-overs",
    "practice_programme": "pilot-praktijkgerichte-programmas",
}


def form_data(kind: str, main: dict, rows: dict | None = None, **extra) -> dict:
    """The POST data of the editor: main fields, each block's formset and `extra`."""
    data = dict(main)
    rows = rows or {}
    for block in KIND_BLOCKS[kind]:
        block_rows = rows.get(block, [])
        data[f"{block}-TOTAL_FORMS"] = str(len(block_rows))
        data[f"{block}-INITIAL_FORMS"] = "0"
        for index, row in enumerate(block_rows):
            for field in BLOCK_FIELDS[block]:
                data[f"{block}-{index}-{field}"] = row.get(field, "")
    data.update(extra)
    return data


# A day on which every seeded experiment was open for applications and drafts.
WHILE_OPEN = datetime.date(2024, 1, 15)


def in_english(client) -> None:
    """Let the client ask for the English UI (Dutch is the default), so that
    tests can look for the messages as written in the code."""
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})


class DraftTestCase(SubmissionTestCase):
    def setUp(self):
        super().setUp()
        in_english(self.client)

    def make_draft(self, kind="regional_programme", user=None, title="Mijn concept") -> Submission:
        """A new draft made by the service, as the create page does, on a day
        every seeded experiment was still open (Cross-overs and the pilot have
        ended since; `tests/experiments/test_calendar.py` covers the refusal)."""
        from experiments.models import Experiment

        return drafting.create_draft(
            user=user or self.alice,
            kind=kind,
            experiment=Experiment.objects.get(slug=EXPERIMENTS[kind]),
            title=title,
            today=WHILE_OPEN,
        )

    def edit_url(self, submission) -> str:
        return reverse("submissions:draft-edit", args=[submission.pk])

    def post_editor(self, submission, data, *, htmx=False, revision=None):
        """POST the editor form; the revision defaults to the stored one."""
        data = dict(data)
        data.setdefault(
            "revision",
            str(submission.revision if revision is None else revision),
        )
        headers = {"HX-Request": "true"} if htmx else {}
        return self.client.post(self.edit_url(submission), data, headers=headers)


class WorkflowTestCase(SubmissionTestCase):
    """Alice/Bob/Charlie plus one user of every national role."""

    def setUp(self):
        super().setUp()
        self.sbb_user = self.make_national_user(Role.SBB_REVIEWER)
        self.inspector = self.make_national_user(Role.INSPECTORATE_REVIEWER)
        self.ministry_user = self.make_national_user(Role.MINISTRY_STAFF)
        self.admin_user = self.make_national_user(Role.ADMINISTRATOR)

    def uploaded(self, document=None, user=None) -> Submission:
        """A draft made by uploading `document` (valid regional programme by default)."""
        document = document if document is not None else self.valid()
        with self.captureOnCommitCallbacks(execute=True):
            return services.create_submission(
                user=user or self.alice, data=as_upload(document).read(), today=WHILE_OPEN
            )

    def in_state(self, state: str, document=None) -> Submission:
        """An uploaded submission put straight into `state` (to test what each state allows)."""
        submission = self.uploaded(document)
        Submission.objects.filter(pk=submission.pk).update(state=state)
        submission.refresh_from_db()
        return submission

    def submitted(self, document=None, user=None) -> Submission:
        """Uploaded and submitted, with the check run: under review when valid."""
        submission = self.uploaded(document, user)
        with self.captureOnCommitCallbacks(execute=True):
            workflow.submit(submission, user or self.alice)
        submission.refresh_from_db()
        return submission

    def flagged_cross_over(self) -> Submission:
        document = self.valid("cross_over")
        document["inspectorate_review_needed"] = True
        return self.submitted(document)

    def decide(self, submission, user, outcome, reason="Zie het commentaar."):
        with self.captureOnCommitCallbacks(execute=True):
            decision = workflow.decide(submission, user, outcome, reason)
        submission.refresh_from_db()
        return decision
