"""/praktijkverklaringen/uploaden/: issue a statement from a practice_statement document."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from statements.models import PracticeStatement

from .factories import valid_statement
from .helpers import StatementTestCase

URL = reverse("statements:upload")


def upload(document) -> SimpleUploadedFile:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    return SimpleUploadedFile("verklaring.json", data, content_type="application/json")


class StatementUploadTests(StatementTestCase):
    def test_alice_issues_from_a_valid_document(self):
        self.login(self.alice)
        response = self.client.post(URL, {"document": upload(valid_statement())})
        statement = PracticeStatement.objects.get()
        self.assertRedirects(response, reverse("statements:detail", args=[statement.pk]))
        self.assertEqual(statement.learner_name, "S. Jansen")
        self.assertEqual(str(statement.issued_on), "2021-07-05")

    def test_findings_refuse_the_document(self):
        self.login(self.alice)
        document = valid_statement()
        document["work_processes"] = ["B9-K9-W9"]
        response = self.client.post(URL, {"document": upload(document)})
        self.assertContains(response, "PV-01")
        self.assertFalse(PracticeStatement.objects.exists())

    def test_unreadable_file(self):
        self.login(self.bob)
        response = self.client.post(URL, {"document": upload(b'{"kind": ')})
        self.assertContains(response, "FMT-01")
        self.assertFalse(PracticeStatement.objects.exists())

    def test_charlie_cannot_issue_for_alices_school(self):
        self.login(self.charlie)
        response = self.client.post(URL, {"document": upload(valid_statement())})
        self.assertContains(response, "26QA")
        self.assertFalse(PracticeStatement.objects.exists())

    def test_another_kind_is_refused(self):
        self.login(self.alice)
        response = self.client.post(URL, {"document": upload({"kind": "cross_over"})})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(PracticeStatement.objects.exists())
