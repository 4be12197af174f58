"""/indieningen/nieuw/: a practice_statement document is not a submission; the
upload says so in a sentence instead of failing."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from submissions.models import Submission

from .factories import valid_statement
from .helpers import StatementTestCase


class SubmissionUploadOfAStatementTests(StatementTestCase):
    def test_refused_with_a_sentence(self):
        self.login(self.alice)
        data = json.dumps(valid_statement()).encode()
        upload = SimpleUploadedFile("verklaring.json", data, content_type="application/json")
        response = self.client.post(reverse("submissions:upload"), {"document": upload})
        self.assertContains(response, "wordt niet ter beoordeling ingediend", status_code=400)
        self.assertFalse(Submission.objects.exists())
