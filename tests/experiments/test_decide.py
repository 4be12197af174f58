"""Ministry staff decide on an application: admit, wait-list or decline with a reason."""

from accounts.models import Role
from experiments.models import Participation
from notifications.models import Notification
from tests.base import BaseTestCase, make_user

from .factories import EnglishClientMixin, experiment, make_applications


class DecideTest(EnglishClientMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.regional = experiment("ruimte-voor-de-regio")
        (cls.application,) = make_applications(cls.regional, [cls.school], "2020/21")
        cls.url = f"/experimenten/ruimte-voor-de-regio/deelnemers/{cls.application.pk}/besluit/"
        cls.minister = make_user("minister", cls.ministry, Role.MINISTRY_STAFF)

    def test_school_authors_and_reviewers_get_403(self):
        reviewers = [
            self.make_national_user(Role.SBB_REVIEWER),
            self.make_national_user(Role.INSPECTORATE_REVIEWER),
        ]
        for user in (self.alice, self.bob, self.charlie, *reviewers):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 403)
            response = self.client.post(self.url, {"outcome": "admitted", "reason": ""})
            self.assertEqual(response.status_code, 403)
        self.application.refresh_from_db()
        self.assertEqual(self.application.status, "applied")

    def test_ministry_staff_admit_and_the_authors_are_notified(self):
        self.login(self.minister)
        response = self.client.get(self.url)
        self.assertContains(response, "m")  # the motivation
        self.assertContains(response, 'name="outcome"')
        response = self.client.post(self.url, {"outcome": "admitted", "reason": ""})
        self.assertRedirects(response, "/experimenten/ruimte-voor-de-regio/deelnemers/")
        self.application.refresh_from_db()
        self.assertEqual(
            (self.application.status, self.application.decided_by), ("admitted", self.minister)
        )
        self.assertEqual(
            sorted(Notification.objects.values_list("recipient__username", flat=True)),
            ["alice", "bob"],
        )
        # Decided: no form any more.
        self.assertNotContains(self.client.get(self.url), 'name="outcome"')

    def test_a_reason_is_required_to_wait_list_or_decline(self):
        self.login(self.make_national_user(Role.ADMINISTRATOR))
        for outcome in ("wait_listed", "declined"):
            response = self.client.post(self.url, {"outcome": outcome, "reason": ""})
            self.assertContains(response, "Give a reason", status_code=400)
        self.application.refresh_from_db()
        self.assertEqual(self.application.status, "applied")
        response = self.client.post(self.url, {"outcome": "wait_listed", "reason": "Eerst 2021."})
        self.assertEqual(response.status_code, 302)
        self.application.refresh_from_db()
        self.assertEqual(
            (self.application.status, self.application.decision_reason),
            ("wait_listed", "Eerst 2021."),
        )

    def test_a_refused_admission_keeps_the_form_filled(self):
        self.regional.max_schools = 1
        self.regional.max_first_cohort = 1
        self.regional.save()
        make_applications(self.regional, [self.other_school], "2020/21", status="admitted")
        self.login(self.minister)
        response = self.client.post(self.url, {"outcome": "admitted", "reason": "Mijn reden"})
        self.assertContains(response, "maximum of 1 school.", status_code=400)
        self.assertContains(response, "Mijn reden", status_code=400)
        self.assertEqual(Participation.objects.get(pk=self.application.pk).status, "applied")

    def test_a_participation_of_another_experiment_is_404(self):
        self.login(self.minister)
        response = self.client.get(
            f"/experimenten/cross-overs/deelnemers/{self.application.pk}/besluit/"
        )
        self.assertEqual(response.status_code, 404)
