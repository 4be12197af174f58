"""The htmx status fragment and the download of a version's document."""

import json

from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from submissions.intake.services import save_validation_report
from submissions.models import Submission, SubmissionVersion

from .helpers import SubmissionTestCase


class StatusAndDownloadTests(SubmissionTestCase):
    def setUp(self):
        self.text = json.dumps(self.valid(), indent=2, ensure_ascii=False) + "\n"
        self.submission = Submission.objects.create(
            kind="regional_programme",
            school=self.school,
            title="t",
            created_by=self.alice,
            submitted_at=timezone.now(),
        )
        self.version = SubmissionVersion.objects.create(
            submission=self.submission,
            number=1,
            document=json.loads(self.text),
            source_text=self.text,
            created_by=self.alice,
        )
        self.status_url = reverse("submissions:version-status", args=[self.submission.pk, 1])

    def test_fragment_polls_while_the_check_runs_then_shows_the_result(self):
        self.login(self.alice)
        running = self.client.get(self.status_url)
        assert running.status_code == 200
        self.assertContains(running, 'hx-trigger="every 1s"')
        self.assertContains(running, f'hx-get="{self.status_url}"')
        self.assertNotContains(running, "<html")
        save_validation_report(version_id=self.version.pk)
        done = self.client.get(self.status_url)
        self.assertNotContains(done, "hx-trigger")
        self.assertContains(done, "utrecht-alert--success")

    def test_detail_page_starts_polling_before_the_report_exists(self):
        self.login(self.bob)
        response = self.client.get(reverse("submissions:detail", args=[self.submission.pk]))
        self.assertContains(response, 'hx-trigger="every 1s"')

    def test_download_returns_the_exact_document(self):
        for user in (self.alice, self.bob, self.make_national_user(Role.SBB_REVIEWER)):
            self.login(user)
            response = self.client.get(
                reverse("submissions:version-download", args=[self.submission.pk, 1])
            )
            assert response.status_code == 200
            assert response["Content-Type"] == "application/json; charset=utf-8"
            assert "attachment" in response["Content-Disposition"]
            assert response.content.decode("utf-8") == self.text

    def test_charlie_and_anonymous_get_nothing(self):
        download = reverse("submissions:version-download", args=[self.submission.pk, 1])
        assert self.client.get(download).status_code == 302
        assert self.client.get(self.status_url).status_code == 302
        self.login(self.charlie)
        assert self.client.get(download).status_code == 404
        assert self.client.get(self.status_url).status_code == 404

    def test_unknown_version_is_404(self):
        self.login(self.alice)
        url = reverse("submissions:version-download", args=[self.submission.pk, 2])
        assert self.client.get(url).status_code == 404
