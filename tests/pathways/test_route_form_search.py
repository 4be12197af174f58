"""The route form names the partner school and the target qualification by
search (name or code), and the partner companies with checkboxes."""

from django.urls import reverse
from django.utils.html import escape

from pathways.models import Route
from regions.models import Organisation

from .helpers import PathwayTestCase

CREATE = reverse("pathways:route-create")
ORGANISATIONS = reverse("regions:organisation_options")
COMPANIES = reverse("regions:company_choices")


class RouteFormSearchTests(PathwayTestCase):
    def test_partner_school_and_qualification_by_name(self):
        self.login(self.alice)
        data = self.form_data(
            partner_school=self.vmbo_school.name.upper(), target_qualification="helpende"
        )
        self.client.post(CREATE, data)
        route = Route.objects.get()
        self.assertEqual(route.vmbo_school, self.vmbo_school)
        self.assertEqual(route.target_qualification_id, "25498")

    def test_a_school_of_the_own_kind_is_not_a_partner(self):
        self.login(self.alice)
        response = self.client.post(CREATE, self.form_data(partner_school=self.school.code))
        self.assertFalse(Route.objects.exists())
        self.assertIn(self.school.code, response.context["form"].errors["partner_school"][0])

    def test_the_form_suggests_schools_of_the_partner_kind_and_searches_companies(self):
        self.login(self.alice)
        html = self.client.get(CREATE).content.decode()
        self.assertIn(f'hx-get="{ORGANISATIONS}?soort=vmbo"', html)
        self.assertIn('<input type="search" name="partner_school"', html)
        self.assertIn('<datalist id="partner_school-options"></datalist>', html)
        self.assertIn(f'hx-get="{COMPANIES}"', html)
        self.assertNotIn('name="partners"', html)  # none chosen yet, none listed
        self.assertNotIn("<select multiple", html)

    def test_companies_found_by_name_or_kvk_are_ticked_and_kept(self):
        salland = Organisation.objects.create(
            kind="company", code="11223344", name="Zorggroep Salland", region=self.region
        )
        found = self.client.get(COMPANIES, {"partner_search": "salland"}).content.decode()
        self.assertIn(f'name="partners" value="{salland.pk}"', found)
        self.assertIn("Zorggroep Salland (11223344)", found)
        self.assertNotIn(f'value="{self.company.pk}"', found)
        by_kvk = self.client.get(COMPANIES, {"partner_search": self.company.code})
        self.assertIn(f'value="{self.company.pk}"', by_kvk.content.decode())

        self.login(self.alice)
        self.client.post(CREATE, {**self.form_data(), "partners": [salland.pk]})
        route = Route.objects.get()
        self.assertEqual(list(route.partners.all()), [salland])
        html = self.client.get(reverse("pathways:route-edit", args=[route.pk])).content.decode()
        self.assertRegex(html, rf'name="partners"[^>]*value="{salland.pk}"[^>]*checked')
        self.assertIn("Zorggroep Salland (11223344)", html)

    def test_without_javascript_the_search_button_lists_companies_and_saves_nothing(self):
        self.login(self.alice)
        data = {**self.form_data(), "partner_search": "zorggroep", "action": "search_partners"}
        response = self.client.post(CREATE, data)
        self.assertFalse(Route.objects.exists())
        html = response.content.decode()
        self.assertIn(f'name="partners" value="{self.company.pk}"', html)
        # What was typed is kept, and no error is shown for a search.
        self.assertIn('value="zorggroep"', html)
        self.assertIn(f'value="{self.vmbo_school.code}"', html)
        self.assertNotIn("form-field--invalid", html)

    def test_organisation_suggestions_by_name_or_code_with_the_code_beside(self):
        options = self.client.get(
            ORGANISATIONS, {"soort": "vmbo", "partner_school": self.vmbo_school.name[:5]}
        ).content.decode()
        self.assertIn(
            f'<option value="{self.vmbo_school.code}">'
            f"{escape(self.vmbo_school.name)} ({self.vmbo_school.code})</option>",
            options,
        )
        self.assertNotIn(self.school.code, options)
        by_code = self.client.get(
            ORGANISATIONS, {"soort": "mbo", "q": self.school.code}
        ).content.decode()
        self.assertIn(f'value="{self.school.code}"', by_code)
