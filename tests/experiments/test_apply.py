"""Applying to an experiment on behalf of one's own school."""

from accounts.models import Role
from experiments.models import Participation
from regions.models import Organisation
from tests.base import BaseTestCase, make_user

from .factories import EnglishClientMixin, experiment, reopen_ended_experiments

APPLY_URL = "/experimenten/ruimte-voor-de-regio/aanmelden/"
PILOT_APPLY_URL = "/experimenten/pilot-praktijkgerichte-programmas/aanmelden/"


class ApplyTest(EnglishClientMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.regional = experiment("ruimte-voor-de-regio")
        cls.vmbo_school = Organisation.objects.create(kind="vmbo", code="27RB", name="Vmbo")
        cls.vmbo_author = make_user("vmbo", cls.vmbo_school)

    def test_alice_applies_for_her_school(self):
        self.login(self.alice)
        response = self.client.get(APPLY_URL)
        self.assertContains(response, 'name="motivation"')
        response = self.client.post(
            APPLY_URL, {"cohort": "2021/22", "motivation": "Met bedrijven uit de regio."}
        )
        self.assertRedirects(response, "/experimenten/ruimte-voor-de-regio/")
        participation = Participation.objects.get()
        self.assertEqual(
            (participation.school, participation.status, participation.applied_by),
            (self.school, "applied", self.alice),
        )

    def test_charlie_cannot_act_for_alices_school(self):
        """The school is always the author's own; a posted school field is ignored."""
        self.login(self.charlie)
        self.client.post(
            APPLY_URL, {"cohort": "2021/22", "motivation": "m", "school": self.school.pk}
        )
        self.assertEqual(
            list(Participation.objects.values_list("school", flat=True)), [self.other_school.pk]
        )

    def test_a_second_application_of_the_same_school_is_refused(self):
        Participation.objects.create(
            experiment=self.regional, school=self.school, cohort="2021/22", applied_by=self.alice
        )
        self.login(self.bob)
        response = self.client.get(APPLY_URL)
        self.assertContains(response, "already applied")
        self.assertNotContains(response, 'name="motivation"')
        response = self.client.post(
            APPLY_URL, {"cohort": "2022/23", "motivation": "Mijn eigen tekst"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "already applied", status_code=400)
        self.assertContains(response, "Mijn eigen tekst", status_code=400)
        self.assertEqual(Participation.objects.get().cohort, "2021/22")

    def test_the_wrong_kind_of_school_is_refused(self):
        reopen_ended_experiments()  # the pilot: about the kind of school, not the calendar
        self.login(self.vmbo_author)
        response = self.client.get(APPLY_URL)
        self.assertContains(response, "Only mbo institutions")
        response = self.client.post(APPLY_URL, {"cohort": "2021/22", "motivation": "m"})
        self.assertEqual(response.status_code, 400)
        self.login(self.alice)
        response = self.client.post(PILOT_APPLY_URL, {"cohort": "2021/22", "motivation": "m"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Participation.objects.exists())
        self.login(self.vmbo_author)
        response = self.client.post(PILOT_APPLY_URL, {"cohort": "2021/22", "motivation": "m"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Participation.objects.get().school, self.vmbo_school)

    def test_bad_input_keeps_what_was_typed(self):
        self.login(self.alice)
        response = self.client.post(
            APPLY_URL, {"cohort": "2021-2022", "motivation": "Een lange motivatie"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Een lange motivatie", status_code=400)
        self.assertContains(response, "2021-2022", status_code=400)
        response = self.client.post(APPLY_URL, {"cohort": "2017/18", "motivation": "Tekst"})
        self.assertContains(response, "2019/20", status_code=400)
        self.assertFalse(Participation.objects.exists())

    def test_only_school_authors_apply(self):
        for role in (Role.SBB_REVIEWER, Role.MINISTRY_STAFF, Role.INSPECTORATE_REVIEWER):
            self.login(self.make_national_user(role))
            self.assertEqual(self.client.get(APPLY_URL).status_code, 403)
            response = self.client.post(APPLY_URL, {"cohort": "2021/22", "motivation": "m"})
            self.assertEqual(response.status_code, 403)
        self.assertFalse(Participation.objects.exists())
