"""/praktijkverklaringen/<id>/pdf/: the statement as a PDF."""

import io

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from .factories import StatementFactory
from .helpers import StatementTestCase


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


class StatementPdfTests(StatementTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.statement = StatementFactory(learner_name="Sanne Jansen-Çelik")
        cls.url = reverse("statements:pdf", args=[cls.statement.pk])

    def test_alice_downloads_a_pdf_with_the_learner_and_the_code(self):
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn("attachment", response["Content-Disposition"])
        data = response.content
        self.assertTrue(data.startswith(b"%PDF"))
        text = pdf_text(data)
        self.assertIn("Sanne Jansen-Çelik", text)
        self.assertIn("Praktijkverklaring", text)
        self.assertIn("Helpende zorg en welzijn", text)
        self.assertIn("B1-K1-W2", text)
        self.assertIn("5 juli 2026", text)
        self.assertIn(self.statement.readable_code, text)

    def test_bob_too_charlie_gets_404(self):
        self.login(self.bob)
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.login(self.charlie)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_withdrawn_statement_pdf_says_so(self):
        self.statement.withdrawn_at = timezone.now()
        self.statement.withdrawal_reason = "Fout"
        self.statement.save()
        self.login(self.alice)
        self.assertIn("INGETROKKEN", pdf_text(self.client.get(self.url).content))
