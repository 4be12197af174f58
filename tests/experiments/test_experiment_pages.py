"""The experiments list and the page of one experiment (logged-in users)."""

from accounts.models import Role
from experiments.models import Participation
from tests.base import BaseTestCase

from .factories import EnglishClientMixin, experiment, make_applications

LIST_URL = "/experimenten/"
REGIONAL_URL = "/experimenten/ruimte-voor-de-regio/"


class ExperimentPagesTest(EnglishClientMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.regional = experiment("ruimte-voor-de-regio")
        cls.pilot = experiment("pilot-praktijkgerichte-programmas")

    def test_anonymous_users_are_sent_to_the_login_page(self):
        for url in (LIST_URL, REGIONAL_URL):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertIn("/inloggen/", response["Location"])

    def test_the_list_shows_every_experiment_with_its_admitted_count(self):
        make_applications(self.regional, [self.school], "2020/21", status="admitted")
        self.login(self.charlie)
        response = self.client.get(LIST_URL)
        self.assertEqual(response.status_code, 200)
        for name in ("Ruimte voor de regio", "Cross-overs", "Pilot praktijkgerichte programma"):
            self.assertContains(response, name)
        self.assertContains(response, "<td>1 / 15</td>", html=True)

    def test_the_experiment_page_shows_its_parameters(self):
        self.login(self.alice)
        response = self.client.get("/experimenten/pilot-praktijkgerichte-programmas/")
        self.assertEqual(response.status_code, 200)
        for text in ("15 December 2020", "31 July 2024", "320", "T&amp;T", "162"):
            self.assertContains(response, text)
        response = self.client.get(REGIONAL_URL)
        self.assertContains(response, "2019/20")
        self.assertContains(response, "15")

    def test_an_author_sees_their_own_schools_application_and_nobody_elses(self):
        make_applications(self.regional, [self.school], "2021/22")
        Participation.objects.filter(school=self.school).update(motivation="Geheime plannen")
        for user in (self.alice, self.bob):
            self.login(user)
            response = self.client.get(REGIONAL_URL)
            self.assertContains(response, "Geheime plannen")
            self.assertNotContains(response, "/aanmelden/")
        self.login(self.charlie)
        response = self.client.get(REGIONAL_URL)
        self.assertNotContains(response, "Geheime plannen")
        self.assertNotContains(response, self.school.name)
        self.assertContains(response, f"{REGIONAL_URL}aanmelden/")

    def test_the_apply_link_only_for_schools_of_the_right_kind(self):
        self.login(self.alice)  # an mbo institution
        response = self.client.get("/experimenten/pilot-praktijkgerichte-programmas/")
        self.assertNotContains(response, "/aanmelden/")
        response = self.client.get(REGIONAL_URL)
        self.assertContains(response, f"{REGIONAL_URL}aanmelden/")

    def test_participants_and_tracking_links_by_role(self):
        self.login(self.alice)
        self.assertNotContains(self.client.get(REGIONAL_URL), "/deelnemers/")
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        response = self.client.get(REGIONAL_URL)
        self.assertContains(response, "/deelnemers/")
        self.assertNotContains(response, "/voortgang/")
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        response = self.client.get(REGIONAL_URL)
        self.assertContains(response, "/deelnemers/")
        self.assertContains(response, "/voortgang/")

    def test_an_unknown_experiment_is_404(self):
        self.login(self.alice)
        self.assertEqual(self.client.get("/experimenten/bestaat-niet/").status_code, 404)

    def test_the_navigation_links_to_the_experiments(self):
        self.login(self.bob)
        response = self.client.get("/")
        self.assertContains(response, f'href="{LIST_URL}"')
