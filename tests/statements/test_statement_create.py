"""/praktijkverklaringen/nieuw/: a school author of an mbo institution issues a statement."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from regions.models import Organisation
from statements.models import PracticeStatement
from tests.base import make_user

from .helpers import StatementTestCase, form_data

URL = reverse("statements:create")


class StatementCreateTests(StatementTestCase):
    def test_anonymous_goes_to_login(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/inloggen/", response["Location"])

    def test_form_lists_the_qualifications_work_processes_by_core_task(self):
        self.login(self.alice)
        response = self.client.get(URL)
        self.assertContains(response, "Kies eerst de kwalificatie", status_code=200)
        data = {"qualification": "25498", "learner_name": "Sanne", "action": "refresh"}
        response = self.client.post(URL, data)
        self.assertContains(response, "B1-K1 Ondersteunt de cliënt")
        self.assertContains(response, 'value="Sanne"')
        self.assertNotContains(response, "form-field__error")  # not checked yet
        self.assertContains(response, "B1-K1-W2 Biedt persoonlijke verzorging")
        self.assertContains(response, "P2-K1-W1")
        # Not the other profile's own work process.
        self.assertNotContains(response, "P1-K1-W1")
        self.assertFalse(PracticeStatement.objects.exists())

    def test_alice_issues_a_statement(self):
        self.login(self.alice)
        response = self.client.post(URL, {**form_data(), "action": "issue"})
        statement = PracticeStatement.objects.get()
        self.assertRedirects(response, reverse("statements:detail", args=[statement.pk]))
        self.assertEqual(statement.school, self.school)
        self.assertEqual(statement.learner_name, "Sanne Jansen")
        self.assertEqual(statement.work_processes, ["B1-K1-W1", "P2-K1-W1"])
        self.assertEqual(statement.issued_by, self.alice)
        self.assertEqual(len(statement.code), 16)

    def test_errors_block_issuing_and_keep_the_input(self):
        self.login(self.alice)
        data = form_data(period_end="2026-07-06", work_processes=[])
        response = self.client.post(URL, {**data, "action": "issue"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(PracticeStatement.objects.exists())
        self.assertContains(response, "PV-01")
        self.assertContains(response, "PV-03")
        self.assertContains(response, 'value="Sanne Jansen"')

    def test_bob_of_the_same_school_may_issue_too(self):
        self.login(self.bob)
        self.client.post(URL, {**form_data(), "action": "issue"})
        self.assertEqual(PracticeStatement.objects.get().issued_by, self.bob)

    def test_charlie_issues_for_his_own_school_only(self):
        self.login(self.charlie)
        self.client.post(URL, {**form_data(), "action": "issue"})
        self.assertEqual(PracticeStatement.objects.get().school.code, "26QA")

    def test_vmbo_author_and_national_roles_may_not(self):
        vmbo = Organisation.objects.get(code="30AB")
        self.login(make_user("vera", vmbo))
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        self.assertEqual(self.client.get(URL).status_code, 403)

    def test_query_count(self):
        self.login(self.alice)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.post(URL, {**form_data(), "action": "check"})
        self.assertContains(response, "voldoet aan alle regels", status_code=200)
        self.assertLessEqual(len(queries), 14)
