"""/praktijkverklaringen/<id>/: the printable page of an issued statement."""

from django.urls import reverse
from django.utils import timezone

from tests.base import session_queries

from .factories import StatementFactory
from .helpers import StatementTestCase


class StatementDetailTests(StatementTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.statement = StatementFactory(learner_name="Sanne Jansen", issued_by=cls.alice)
        cls.url = reverse("statements:detail", args=[cls.statement.pk])

    def test_alice_and_bob_see_the_statement(self):
        for user in (self.alice, self.bob):
            self.login(user)
            response = self.client.get(self.url)
            self.assertContains(response, "Sanne Jansen")
            self.assertContains(response, "Alice&#x27;s ROC (25PZ)")
            self.assertContains(response, "B1-K1-W2 Biedt persoonlijke verzorging")
            self.assertContains(response, "5 juli 2026")
            self.assertContains(response, self.statement.readable_code)
            self.assertContains(response, f"/verificatie/{self.statement.readable_code}/")
            self.assertContains(response, "Intrekken")

    def test_charlie_gets_404(self):
        self.login(self.charlie)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_withdrawn_statement_says_so(self):
        self.statement.withdrawn_at = timezone.now()
        self.statement.withdrawn_by = self.bob
        self.statement.withdrawal_reason = "Verkeerde kwalificatie"
        self.statement.save()
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "Ingetrokken op")
        self.assertContains(response, "Verkeerde kwalificatie")
        self.assertNotContains(response, reverse("statements:withdraw", args=[self.statement.pk]))

    def test_query_count(self):
        self.login(self.alice)
        with self.assertNumQueries(5 + session_queries()):
            self.client.get(self.url)
