"""Shared set-up for the drafting tests: a draft per kind and posted form data."""

import datetime

from django.conf import settings
from django.urls import reverse

from submissions.drafting import services as drafting
from submissions.models import Submission
from tests.submissions.helpers import SubmissionTestCase

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
