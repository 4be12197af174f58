"""Shared set-up for submission tests: Alice/Bob/Charlie plus reference data."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.base import BaseTestCase
from tests.rules.fixtures import build_reference_data, valid_document


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
