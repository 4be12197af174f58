"""The editor's htmx endpoints: qualification search (radio buttons), suggestions
for qualifications, organisations and keuzedelen, and the core tasks of a
qualification for the dependent select."""

from django.conf import settings
from django.urls import reverse

from tests.submissions.helpers import DraftTestCase


class DraftSearchTests(DraftTestCase):
    def setUp(self):
        super().setUp()
        self.login(self.alice)

    def test_qualification_choices_by_title_and_crebo(self):
        url = reverse("submissions:draft-qualification-choices")
        response = self.client.get(url, {"qualification_search": "helpende"})
        self.assertContains(response, 'type="radio" name="qualification" value="25498"')
        self.assertNotContains(response, 'value="25499"')
        response = self.client.get(url, {"qualification_search": "25499"})
        self.assertContains(response, 'value="25499"')
        self.assertNotContains(response, 'value="25498"')
        response = self.client.get(url, {"qualification_search": "bestaat niet"})
        self.assertContains(response, "No qualification matches your search.")

    def test_search_without_javascript_shows_the_choices_in_the_editor(self):
        from tests.submissions.helpers import form_data

        submission = self.make_draft("regional_programme")
        data = form_data(
            "regional_programme",
            {"title": "Mijn titel", "qualification_search": "facilitair"},
            action="search",
        )
        response = self.post_editor(submission, data)
        self.assertContains(response, 'name="qualification" value="25499"')
        self.assertContains(response, 'value="Mijn titel"')

    def test_qualification_options_for_a_part(self):
        response = self.client.get(
            reverse("submissions:draft-qualifications"), {"parts-3-qualification": "zorg"}
        )
        self.assertContains(response, '<option value="25498">')
        self.assertContains(response, '<option value="25497">')

    def test_organisation_options_by_name_or_code(self):
        url = reverse("submissions:draft-organisations")
        response = self.client.get(url, {"contributors-0-organisation": "zorggroep"})
        self.assertContains(response, '<option value="12345678">')
        response = self.client.get(url, {"partners-1-organisation": "8765"})
        self.assertContains(response, '<option value="87654321">')
        self.assertNotContains(response, "12345678")
        # Public bodies are no contributors or partners.
        response = self.client.get(url, {"contributors-0-organisation": "SBB"})
        self.assertNotContains(response, "<option")

    def test_elective_options(self):
        response = self.client.get(
            reverse("submissions:draft-electives"), {"electives-0-code": "zorgtechnologie"}
        )
        self.assertContains(response, '<option value="K0123">')

    def test_suggestions_read_in_dutch_by_default(self):
        """The unit words in the suggestions are in the catalogue (an f-string hid them)."""
        self.client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
        response = self.client.get(
            reverse("submissions:draft-electives"),
            {"electives-0-code": "zorgtechnologie"},
            headers={"accept-language": "nl"},
        )
        self.assertContains(response, " uur)")
        self.assertNotContains(response, "hours")
        response = self.client.get(
            reverse("submissions:draft-qualifications"),
            {"parts-0-qualification": "25498"},
            headers={"accept-language": "nl"},
        )
        self.assertContains(response, "niveau 2")

    def test_core_tasks_of_a_qualification(self):
        url = reverse("submissions:draft-core-tasks")
        response = self.client.get(
            url, {"parts-0-qualification": "25498", "parts-0-core_task": "P2-K1"}
        )
        content = response.content.decode()
        # The basis of its file and its own profile, not another profile's.
        self.assertIn('value="B1-K1"', content)
        self.assertIn('value="P2-K1" selected', content)
        self.assertNotIn("Coördineert zorg", content)
        response = self.client.get(url, {"parts-0-qualification": ""})
        self.assertContains(response, "choose a qualification first")

    def test_the_editor_offers_the_core_tasks_of_each_part(self):
        from tests.submissions.helpers import form_data

        submission = self.make_draft("cross_over")
        parts = [{"qualification": "25497", "core_task": "P1-K1"}]
        data = form_data("cross_over", {"title": "T"}, {"parts": parts}, action="add:parts")
        response = self.post_editor(submission, data)
        self.assertContains(response, '<option value="P1-K1" selected>P1-K1 Coördineert zorg')
        self.assertContains(response, 'hx-trigger="change from:#id_parts-0-qualification"')

    def test_endpoints_need_a_login(self):
        self.client.logout()
        for name in (
            "draft-qualification-choices",
            "draft-qualifications",
            "draft-organisations",
            "draft-electives",
            "draft-core-tasks",
        ):
            with self.subTest(name=name):
                self.assertEqual(self.client.get(reverse(f"submissions:{name}")).status_code, 302)
