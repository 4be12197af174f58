"""Administrators edit experiments in the admin; participations are read-only there."""

from django.utils.html import escape

from accounts.models import Role
from experiments.models import Experiment
from tests.base import BaseTestCase

from .factories import EnglishClientMixin, experiment, make_applications, make_schools


def _form_data(experiment_row: Experiment, **changes) -> dict:
    data = {
        "name": experiment_row.name,
        "slug": experiment_row.slug,
        "kind": experiment_row.kind,
        "source": experiment_row.source,
        "max_schools": experiment_row.max_schools or "",
        "first_cohort": experiment_row.first_cohort,
        "max_first_cohort": experiment_row.max_first_cohort or "",
        "start_date": experiment_row.start_date.isoformat() if experiment_row.start_date else "",
        "end_date": experiment_row.end_date.isoformat() if experiment_row.end_date else "",
        "max_budget_eur": experiment_row.max_budget_eur or "",
        "max_programmes_per_school": experiment_row.max_programmes_per_school or "",
        "programme_hours": experiment_row.programme_hours or "",
        "allowed_themes": "[]",
    }
    data.update(changes)
    return data


class ExperimentAdminTest(EnglishClientMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.regional = experiment("ruimte-voor-de-regio")
        cls.url = f"/admin/experiments/experiment/{cls.regional.pk}/change/"

    def test_an_administrator_changes_a_cap(self):
        self.login(self.make_national_user(Role.ADMINISTRATOR))
        self.assertEqual(self.client.get("/admin/experiments/experiment/").status_code, 200)
        response = self.client.post(self.url, _form_data(self.regional, max_schools=20))
        self.assertEqual(response.status_code, 302)
        self.regional.refresh_from_db()
        self.assertEqual(self.regional.max_schools, 20)

    def test_a_cap_below_the_admitted_schools_is_refused(self):
        make_applications(self.regional, make_schools(3), "2019/20", status="admitted")
        self.login(self.make_national_user(Role.ADMINISTRATOR))
        response = self.client.post(self.url, _form_data(self.regional, max_schools=2))
        self.assertContains(response, "3 schools are already admitted")
        response = self.client.post(self.url, _form_data(self.regional, max_first_cohort=2))
        self.assertContains(response, "3 schools are already admitted in cohort 2019/20")
        self.regional.refresh_from_db()
        self.assertEqual((self.regional.max_schools, self.regional.max_first_cohort), (15, 5))

    def test_a_first_cohort_cap_above_the_overall_cap_is_explained(self):
        """The database refuses it too; the administrator reads why, on the field."""
        self.login(self.make_national_user(Role.ADMINISTRATOR))
        response = self.client.post(self.url, _form_data(self.regional, max_schools=3))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["adminform"].form.errors["max_first_cohort"],
            ["The first cohort cannot take more schools (5) than the experiment (3)."],
        )
        self.regional.refresh_from_db()
        self.assertEqual(self.regional.max_schools, 15)

    def test_the_list_names_the_kind_in_words(self):
        from django.utils import translation

        from rules.registry import Kind

        self.login(self.make_national_user(Role.ADMINISTRATOR))
        response = self.client.get("/admin/experiments/experiment/")
        with translation.override("en"):  # the client asks for English
            label = str(Kind.REGIONAL_PROGRAMME.label)
        self.assertContains(response, f'<td class="field-kind_label">{label}</td>', html=True)
        self.assertNotContains(response, ">regional_programme<")
        filtered = self.client.get("/admin/experiments/experiment/", {"kind": "cross_over"})
        self.assertEqual([row.slug for row in filtered.context["cl"].result_list], ["cross-overs"])

    def test_participations_are_listed_but_not_edited(self):
        (participation,) = make_applications(self.regional, [self.school], "2020/21")
        self.login(self.make_national_user(Role.ADMINISTRATOR))
        response = self.client.get("/admin/experiments/participation/")
        self.assertContains(response, escape(self.school.name))
        response = self.client.post(
            f"/admin/experiments/participation/{participation.pk}/change/",
            {"status": "admitted"},
        )
        self.assertEqual(response.status_code, 403)
        participation.refresh_from_db()
        self.assertEqual(participation.status, "applied")

    def test_school_authors_have_no_admin(self):
        self.login(self.alice)
        response = self.client.get("/admin/experiments/experiment/")
        self.assertEqual(response.status_code, 302)
