"""The review page and the diff make a fixed number of queries: the same for a
submission with one version, no findings and no comments as for one with many
versions, findings, comments, decisions and a long history (the national data
set's review page missed its load target)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from submissions import workflow
from submissions.models import (
    Decision,
    ReviewComment,
    Submission,
    SubmissionEvent,
    SubmissionVersion,
    ValidationReport,
)

from .helpers import WorkflowTestCase

# At most what the review page of a submission under review reads, whatever its size: the
# session and the user; the submission with its school, experiment and region; its
# versions with their reports; its decisions, comments and log (each with its
# version from the versions already read); the names of the codes its document
# names (qualifications, organisations, keuzedelen — the school, region and
# experiment it was read with need none); the unread notifications in the menu.
REVIEW_PAGE_QUERIES = 11
# The diff: session, user, submission, the version numbers, the two versions, the
# names of their codes (as above) and the unread notifications.
DIFF_PAGE_QUERIES = 9

FINDINGS = [
    {
        "rule": "RR-07",
        "severity": "warning",
        "path": "regional_section.learning_outcomes[0].text",
        "message": "",
        "text": "%(field)s is long; the reviewer reads it in one go.",
        "params": {"field": "regional_section.learning_outcomes[0].text"},
        "source_ref": '003 note 2; 004 Bijlage 1 "een landelijk deel"',
    },
    {
        "rule": "ORG-01",
        "severity": "warning",
        "path": "",
        "message": "Legacy message without a msgid.",
        "source": "docs/rules.md",
    },
]


class ReviewQueryCountTests(WorkflowTestCase):
    @pytest.fixture(autouse=True)
    def _query_guard(self, django_assert_max_num_queries):
        self.max_queries = django_assert_max_num_queries

    def grow(self, submission: Submission, *, versions: int, findings: int, comments: int):
        """Give the submission more versions (each with a report of `findings`
        findings, comments and both bodies' decisions) and a longer log."""
        latest = submission.versions.order_by("-number").first()
        now = timezone.now()
        for number in range(latest.number + 1, latest.number + 1 + versions):
            version = SubmissionVersion.objects.create(
                submission=submission,
                number=number,
                document=latest.document,
                source_text="{}",
                created_by=self.alice,
            )
            ValidationReport.objects.create(
                version=version,
                valid=True,
                findings=[dict(FINDINGS[i % len(FINDINGS)]) for i in range(findings)],
                checked_at=now,
                reference_data_stamp="test",
            )
            for body, user in (
                (Decision.Body.SBB, self.sbb_user),
                (Decision.Body.INSPECTORATE, self.inspector),
            ):
                Decision.objects.create(
                    submission=submission,
                    version=version,
                    body=body,
                    outcome=Decision.Outcome.CHANGES_REQUESTED,
                    reason=f"Versie {number}: graag aanvullen.",
                    decided_by=user,
                    decided_at=now + datetime.timedelta(minutes=number),
                )
            for index in range(comments):
                section = ("", "regional_section", "electives", "title")[index % 4]
                author = (self.sbb_user, self.alice)[index % 2]
                ReviewComment.objects.create(
                    submission=submission,
                    version=version,
                    section=section,
                    author=author,
                    text=f"Opmerking {number}.{index}",
                )
                SubmissionEvent.objects.create(
                    submission=submission,
                    version=version,
                    actor=author,
                    action=SubmissionEvent.Action.COMMENT,
                    note=f"{section}: Opmerking {number}.{index}",
                )

    def queries(self, url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        assert response.status_code == 200
        return len(captured.captured_queries)

    def test_review_page_reads_the_same_for_a_long_review(self):
        submission = self.submitted()
        self.login(self.sbb_user)
        url = reverse("submissions:review", args=[submission.pk])
        short = self.queries(url)
        assert short <= REVIEW_PAGE_QUERIES
        self.grow(submission, versions=6, findings=40, comments=12)
        with self.max_queries(short):
            response = self.client.get(url)
        # Everything is on the page: the last version's findings, every decision and comment.
        assert response.context["version"].number == 7
        assert sum(len(findings) for _section, findings in response.context["groups"]) == 40
        self.assertContains(response, "Versie 7: graag aanvullen.")
        self.assertContains(response, "Opmerking 2.11")
        self.assertContains(response, "Legacy message without a msgid.")
        for decision in response.context["decisions"]:
            assert decision.version.number == int(decision.reason.split()[1].rstrip(":"))

    def test_the_decide_check_reads_no_more_than_the_page(self):
        submission = self.submitted()
        self.login(self.sbb_user)
        url = reverse("submissions:review", args=[submission.pk])
        response = self.client.get(url)
        assert "decide" in response.context["actions"]
        self.decide(submission, self.sbb_user, Decision.Outcome.CHANGES_REQUESTED)
        with self.max_queries(REVIEW_PAGE_QUERIES):
            response = self.client.get(url)
        assert "decide" not in response.context["actions"]
        assert workflow.allowed_actions(self.sbb_user, submission) == response.context["actions"]

    def test_diff_reads_the_same_for_many_versions(self):
        submission = self.submitted()
        self.grow(submission, versions=2, findings=2, comments=1)
        self.login(self.sbb_user)
        url = reverse("submissions:diff", args=[submission.pk]) + "?van=1&naar=3"
        few = self.queries(url)
        assert few <= DIFF_PAGE_QUERIES
        self.grow(submission, versions=8, findings=40, comments=12)
        with self.max_queries(few):
            response = self.client.get(url)
        assert response.context["numbers"] == list(range(11, 0, -1))


class ReviewQueueQueryTests(WorkflowTestCase):
    def test_the_filtered_queue_reads_and_counts_without_grouping_versions(self):
        first, second = self.submitted(), self.submitted()
        ReviewQueryCountTests.grow(self, second, versions=3, findings=1, comments=1)
        self.login(self.sbb_user)
        url = reverse("submissions:review-queue") + "?kind=regional_programme"
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        numbers = {row.pk: row.latest_number for row in response.context["page_obj"]}
        assert numbers == {first.pk: 1, second.pk: 4}
        # The count and the page are one row per submission: no GROUP BY over its
        # versions, and neither the working draft nor a region's outline is read.
        sql = [query["sql"] for query in captured.captured_queries]
        assert not [text for text in sql if "GROUP BY" in text]
        page = next(text for text in sql if '"latest_number"' in text)
        assert '"draft"' not in page and '"geometry"' not in page
        self.assertContains(response, "<td>geregionaliseerde beroepsopleiding</td>", count=2)
