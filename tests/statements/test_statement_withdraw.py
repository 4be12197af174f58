"""/praktijkverklaringen/<id>/intrekken/: withdraw with a reason (who, when)."""

from django.urls import reverse

from statements.models import PracticeStatement

from .factories import StatementFactory
from .helpers import StatementTestCase


class StatementWithdrawTests(StatementTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.statement = StatementFactory()
        cls.url = reverse("statements:withdraw", args=[cls.statement.pk])

    def test_bob_withdraws_with_a_reason(self):
        self.login(self.bob)
        self.assertContains(self.client.get(self.url), "Reden van intrekking")
        response = self.client.post(self.url, {"reason": "Verkeerde leerling"})
        self.assertRedirects(response, reverse("statements:detail", args=[self.statement.pk]))
        statement = PracticeStatement.objects.get(pk=self.statement.pk)
        self.assertEqual(statement.withdrawn_by, self.bob)
        self.assertIsNotNone(statement.withdrawn_at)
        self.assertEqual(statement.withdrawal_reason, "Verkeerde leerling")

    def test_a_reason_is_required(self):
        self.login(self.alice)
        response = self.client.post(self.url, {"reason": "   "})
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(PracticeStatement.objects.get(pk=self.statement.pk).withdrawn_at)

    def test_withdrawing_twice_changes_nothing(self):
        self.login(self.alice)
        self.client.post(self.url, {"reason": "Eerste"})
        response = self.client.post(self.url, {"reason": "Tweede"}, follow=True)
        self.assertContains(response, "al ingetrokken")
        self.assertEqual(
            PracticeStatement.objects.get(pk=self.statement.pk).withdrawal_reason, "Eerste"
        )

    def test_charlie_gets_404(self):
        self.login(self.charlie)
        self.assertEqual(self.client.post(self.url, {"reason": "Weg"}).status_code, 404)
        self.assertIsNone(PracticeStatement.objects.get(pk=self.statement.pk).withdrawn_at)
