"""The upload page: a document becomes a draft submission with version 1, checked at once."""

import json

from django.urls import reverse

from accounts.models import Role
from submissions.models import Submission, ValidationReport
from tests.experiments.factories import reopen_ended_experiments

from .helpers import SubmissionTestCase


class UploadTests(SubmissionTestCase):
    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(reverse("submissions:upload"))
        assert response.status_code == 302
        assert reverse("login") in response["Location"]

    def test_national_roles_cannot_upload(self):
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        assert self.client.get(reverse("submissions:upload")).status_code == 403

    def test_form_has_a_labelled_file_field(self):
        self.login(self.alice)
        response = self.client.get(reverse("submissions:upload"))
        assert response.status_code == 200
        self.assertContains(response, '<label for="id_document"')
        self.assertContains(response, 'type="file"')

    def test_upload_creates_draft_with_version_1_and_report(self):
        document = self.valid()
        response = self.upload(document)
        submission = Submission.objects.get()
        self.assertRedirects(response, reverse("submissions:detail", args=[submission.pk]))
        assert submission.school == self.school
        assert submission.created_by == self.alice
        assert submission.state == Submission.State.DRAFT
        assert submission.kind == document["kind"]
        assert submission.title == document["title"]
        version = submission.versions.get()
        assert version.number == 1
        assert version.document == document
        report = ValidationReport.objects.get(version=version)
        assert report.valid is True
        assert report.findings == []

    def test_the_uploaded_draft_names_its_experiment_and_region_at_once(self):
        """As a draft begun in the editor does: the submission's page and the
        editor read the experiment and the region by name before it is submitted."""
        document = self.valid()
        self.upload(document)
        submission = Submission.objects.get()
        assert submission.experiment.slug == document["experiment"]
        assert submission.region.code == document["region"]
        response = self.client.get(reverse("submissions:detail", args=[submission.pk]))
        self.assertContains(response, f"<dd>{submission.experiment.name}</dd>", html=True)
        region = submission.region
        self.assertContains(response, f"<dd>{region.name} ({region.code})</dd>", html=True)

    def test_findings_are_stored_for_an_invalid_document(self):
        document = self.valid()
        document["regional_section"]["learning_outcomes"] = []
        self.upload(document)
        report = ValidationReport.objects.get()
        assert report.valid is False
        assert [(f["rule"], f["path"]) for f in report.findings] == [
            ("RR-03", "regional_section.learning_outcomes")
        ]

    def test_unreadable_file_is_refused_with_a_message(self):
        response = self.upload(b"\xff\xfe not json")
        assert response.status_code == 400
        self.assertContains(response, "UTF-8", status_code=400)
        assert Submission.objects.count() == 0

    def test_broken_json_is_refused_with_a_dutch_message_naming_the_place(self):
        response = self.upload(b'{"kind": "cross_over",\n  "level" 2}')
        assert response.status_code == 400
        self.assertContains(
            response, "er ontbreekt een dubbele punt (:) op regel 2, kolom 11", status_code=400
        )
        assert Submission.objects.count() == 0

    def test_document_of_unknown_kind_is_refused(self):
        response = self.upload({"format": "vet-submission/1", "kind": "apprenticeship"})
        assert response.status_code == 400
        self.assertContains(response, "regional_programme", status_code=400)
        assert Submission.objects.count() == 0

    def test_document_about_another_school_is_refused(self):
        document = self.valid()
        document["school"] = "26QA"
        response = self.upload(document)
        assert response.status_code == 400
        self.assertContains(response, "25PZ", status_code=400)
        assert Submission.objects.count() == 0

    def test_a_document_for_an_ended_experiment_is_refused_up_front(self):
        response = self.upload(self.valid("cross_over"))
        assert response.status_code == 400
        assert "31 juli 2025" in response.content.decode()
        assert not Submission.objects.exists()

    def test_document_with_shape_errors_is_stored_with_fmt01(self):
        reopen_ended_experiments()  # Cross-overs ended on 31 July 2025
        document = self.valid("cross_over")
        document["parts"] = "25498"
        self.upload(document)
        report = ValidationReport.objects.get()
        assert [(f["rule"], f["path"]) for f in report.findings] == [("FMT-01", "parts")]

    def test_pathway_upload_by_the_mbo_institution(self):
        document = self.valid("continuous_pathway")
        self.upload(document)
        submission = Submission.objects.get()
        assert submission.kind == "continuous_pathway"
        assert submission.versions.get().report.valid is True

    def test_document_is_stored_exactly_as_uploaded(self):
        text = json.dumps(self.valid(), indent=4, ensure_ascii=False) + "\n"
        self.upload(text.encode("utf-8"))
        assert Submission.objects.get().versions.get().source_text == text

    def test_too_large_file_is_refused(self):
        from rules.engine import MAX_DOCUMENT_BYTES

        response = self.upload(b" " * (MAX_DOCUMENT_BYTES + 1))
        assert response.status_code == 400
        self.assertContains(response, "MB", status_code=400)
        assert Submission.objects.count() == 0
