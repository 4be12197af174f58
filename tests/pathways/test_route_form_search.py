"""The route form names the partner school and the target qualification by
search (name or code), and the partner companies with checkboxes."""

from django.urls import reverse
from django.utils.html import escape

from pathways.models import Route
from regions.models import Organisation

from .helpers import PathwayTestCase

CREATE = reverse("pathways:route-create")
ORGANISATIONS = reverse("regions:organisation_options")


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

    def test_the_form_suggests_schools_of_the_partner_kind_and_ticks_companies(self):
        company = Organisation.objects.create(
            kind="company", code="11223344", name="Zorggroep Salland", region=self.region
        )
        self.login(self.alice)
        html = self.client.get(CREATE).content.decode()
        self.assertIn(f'hx-get="{ORGANISATIONS}?soort=vmbo"', html)
        self.assertIn('<datalist id="partner_school-options"></datalist>', html)
        self.assertIn('name="partners" class="utrecht-checkbox', html)
        self.assertIn(f'value="{company.pk}"', html)
        self.assertNotIn('<select name="partners"', html)

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
