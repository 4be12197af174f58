"""/praktijkverklaringen/: the statements of the user's own school."""

from django.urls import reverse

from accounts.models import Role
from tests.base import session_queries

from .factories import StatementFactory
from .helpers import StatementTestCase

URL = reverse("statements:list")


class StatementListTests(StatementTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.statement = StatementFactory(learner_name="Sanne Jansen")

    def test_alice_and_bob_see_their_schools_statement(self):
        for user in (self.alice, self.bob):
            self.login(user)
            response = self.client.get(URL)
            self.assertContains(response, "Sanne Jansen")
            self.assertContains(response, "Helpende zorg en welzijn (crebo 25498)")
            self.assertContains(response, "Zorggroep Deventer (12345678)")

    def test_charlie_sees_nothing_of_it(self):
        self.login(self.charlie)
        response = self.client.get(URL)
        self.assertNotContains(response, "Sanne Jansen", status_code=200)
        self.assertContains(response, "nog geen praktijkverklaring")

    def test_search_and_state(self):
        StatementFactory(learner_name="Piet Klaassen")
        self.login(self.alice)
        response = self.client.get(URL, {"q": "klaassen"})
        self.assertContains(response, "Piet Klaassen")
        self.assertNotContains(response, "Sanne Jansen")
        response = self.client.get(URL, {"q": self.statement.readable_code.lower()})
        self.assertContains(response, "Sanne Jansen")
        self.assertNotContains(response, "Piet Klaassen")
        response = self.client.get(URL, {"state": "withdrawn"})
        self.assertNotContains(response, "Sanne Jansen")
        self.assertContains(response, "Er zijn geen praktijkverklaringen")

    def test_national_roles_and_anonymous_are_kept_out(self):
        self.assertEqual(self.client.get(URL).status_code, 302)
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        self.assertEqual(self.client.get(URL).status_code, 403)

    def test_query_count(self):
        for _ in range(5):
            StatementFactory()
        self.login(self.alice)
        with self.assertNumQueries(5 + session_queries()):
            self.client.get(URL)
