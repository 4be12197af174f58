"""The live rule check beside the form (route_check, requested by htmx)."""

from django.urls import reverse

from accounts.models import Role
from pathways.models import Route

from .helpers import PathwayTestCase

URL = reverse("pathways:route-check")


class RouteCheckTests(PathwayTestCase):
    def test_findings_for_unsaved_values_and_nothing_is_saved(self):
        self.login(self.alice)
        response = self.client.post(URL, self.form_data(target_qualification="25499"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            [f.rule for f in response.context["findings"] if f.severity == "error"], ["DL-03"]
        )
        self.assertContains(response, "DL-03")
        response = self.client.post(URL, self.form_data())
        self.assertFalse(response.context["findings_have_errors"])
        self.assertFalse(Route.objects.exists())

    def test_changing_a_draft_checks_the_new_values_only(self):
        route = self.make_route()
        self.login(self.victor)
        data = {**self.form_data(partner=self.school, combined_pta_oer=None), "route": route.pk}
        response = self.client.post(URL, data)
        self.assertIn("DL-08", [f.rule for f in response.context["findings"]])
        route.refresh_from_db()
        self.assertTrue(route.combined_pta_oer)
        self.assertFalse(route.events.exists())

    def test_incomplete_form(self):
        self.login(self.alice)
        response = self.client.post(URL, self.form_data(target_qualification=""))
        self.assertTrue(response.context["incomplete"])
        self.assertNotIn("findings", response.context)

    def test_others_are_refused(self):
        route = self.make_route()
        self.login(self.charlie)
        self.assertEqual(
            self.client.post(URL, {**self.form_data(), "route": route.pk}).status_code, 404
        )
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        self.assertEqual(self.client.post(URL, self.form_data()).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.post(URL, self.form_data()).status_code, 302)

    def test_findings_name_the_field_by_its_label_not_its_code(self):
        self.login(self.alice)
        response = self.client.post(URL, self.form_data(vmbo_track="gl", agreement_signed_on=None))
        rules = {(f.rule, f.path) for f in response.context["findings"]}
        self.assertLessEqual({("DL-03", "vmbo_track"), ("DL-06", "agreement.signed_on")}, rules)
        self.assertContains(response, "Veld: Leerweg vmbo")
        self.assertContains(response, "Veld: Overeenkomst getekend op")
        self.assertNotContains(response, "agreement.signed_on")
        self.assertNotContains(response, "Veld: vmbo_track")
