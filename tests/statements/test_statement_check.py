"""/praktijkverklaringen/toetsen/: htmx, the rules on the unsaved form."""

from django.urls import reverse

from statements.models import PracticeStatement

from .helpers import StatementTestCase, form_data

URL = reverse("statements:check")


class StatementCheckTests(StatementTestCase):
    def test_findings_beside_the_form_without_issuing(self):
        self.login(self.alice)
        response = self.client.post(URL, form_data(period_end="2026-07-06"), HTTP_HX_REQUEST="true")
        self.assertContains(response, "PV-03")
        self.assertContains(response, "Periode › Einde")
        self.assertContains(response, "6 juli 2026")
        self.assertFalse(PracticeStatement.objects.exists())

    def test_a_new_qualification_sends_its_work_processes_out_of_band(self):
        self.login(self.alice)
        response = self.client.post(URL, {**form_data(), "shown_for": ""})
        self.assertContains(response, 'hx-swap-oob="true"')
        self.assertContains(response, "B1-K1-W2 Biedt persoonlijke verzorging")
        response = self.client.post(URL, {**form_data(), "shown_for": "25498"})
        self.assertNotContains(response, 'hx-swap-oob="true"')

    def test_incomplete_form(self):
        self.login(self.bob)
        response = self.client.post(URL, {"qualification": "25498"})
        self.assertContains(response, "Vul de verplichte velden")

    def test_charlie_checks_for_his_own_school(self):
        self.login(self.charlie)
        response = self.client.post(URL, form_data())
        self.assertContains(response, "voldoet aan alle regels")

    def test_anonymous_is_sent_to_login(self):
        self.assertEqual(self.client.post(URL, form_data()).status_code, 302)
