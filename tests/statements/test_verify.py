"""/verificatie/<code>/ and /verificatie/: public, from the code alone."""

from django.urls import reverse
from django.utils import timezone

from .factories import StatementFactory
from .helpers import StatementTestCase


class VerifyTests(StatementTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.statement = StatementFactory(learner_name="Sanne Jansen", trainer="P. de Boer")
        cls.url = reverse("statements:verify", args=[cls.statement.readable_code])

    def test_a_stranger_sees_only_name_qualification_work_processes_and_school(self):
        response = self.client.get(self.url)
        self.assertContains(response, "Alice&#x27;s ROC (25PZ) heeft deze praktijkverklaring")
        self.assertContains(response, "Sanne Jansen")
        self.assertContains(response, "Helpende zorg en welzijn (crebo 25498)")
        self.assertContains(response, "B1-K1-W2 Biedt persoonlijke verzorging")
        for private in ("P. de Boer", "Zorggroep Deventer", "12345678", "30 juni 2026"):
            self.assertNotContains(response, private)
        self.assertEqual(response["X-Robots-Tag"], "noindex, nofollow")

    def test_code_typed_loosely_still_verifies(self):
        loose = self.statement.code.lower()
        self.assertContains(self.client.get(reverse("statements:verify", args=[loose])), "Sanne")

    def test_logged_in_users_of_any_school_see_the_same(self):
        self.login(self.charlie)
        self.assertContains(self.client.get(self.url), "Sanne Jansen")

    def test_withdrawn_statement_says_so_without_the_reason(self):
        self.statement.withdrawn_at = timezone.now()
        self.statement.withdrawal_reason = "Geheime reden"
        self.statement.save()
        response = self.client.get(self.url)
        self.assertContains(response, "niet meer geldig")
        self.assertNotContains(response, "Geheime reden")

    def test_unknown_code_is_404_with_a_sentence(self):
        response = self.client.get(reverse("statements:verify", args=["AAAA-BBBB-CCCC-DDDD"]))
        self.assertContains(response, "Geen praktijkverklaring heeft de code", status_code=404)
        response = self.client.get(reverse("statements:verify", args=["x" * 500]))
        self.assertEqual(response.status_code, 404)

    def test_query_count(self):
        with self.assertNumQueries(2):
            self.client.get(self.url)


class VerifyLookupTests(StatementTestCase):
    def test_typed_code_leads_to_the_verification_page(self):
        statement = StatementFactory()
        code = statement.code.lower()
        response = self.client.get(reverse("statements:verify-lookup"), {"code": f" {code} "})
        self.assertRedirects(response, reverse("statements:verify", args=[statement.readable_code]))

    def test_impossible_code_is_explained(self):
        response = self.client.get(reverse("statements:verify-lookup"), {"code": "12"})
        self.assertContains(response, "16 letters en cijfers")


class VerifyInEnglishTests(StatementTestCase):
    def test_english_on_request(self):
        statement = StatementFactory(learner_name="Sanne Jansen")
        url = reverse("statements:verify", args=[statement.readable_code])
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        response = self.client.get(url)
        self.assertContains(response, "Alice&#x27;s ROC (25PZ) issued this practice statement.")
        self.assertContains(response, "Helpende zorg en welzijn (crebo 25498), level 2")
