"""Experiment tasks on the home pages of school authors, ministry staff and administrators."""

from accounts.models import Role
from regions.models import Organisation
from tests.base import BaseTestCase, make_user

from .factories import (
    EnglishClientMixin,
    experiment,
    make_applications,
    make_schools,
    reopen_ended_experiments,
)


class HomeLinksTest(EnglishClientMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.regional = experiment("ruimte-voor-de-regio")
        cls.pilot = experiment("pilot-praktijkgerichte-programmas")

    def test_an_mbo_author_sees_the_mbo_experiments_and_their_own_status(self):
        make_applications(self.regional, [self.school], "2021/22")
        self.login(self.alice)
        response = self.client.get("/")
        self.assertContains(response, "Your school's application to Ruimte voor de regio")
        self.assertContains(response, "(applied)")
        # Cross-overs has ended: no invitation to apply, its page stays linked with the date.
        self.assertNotContains(response, "Apply to Cross-overs")
        self.assertContains(response, "/experimenten/cross-overs/")
        self.assertContains(response, "Ended on 31 July 2025")
        self.assertNotContains(response, self.pilot.name.replace("'", "&#x27;"))
        self.login(self.charlie)
        response = self.client.get("/")
        self.assertContains(response, "Apply to Ruimte voor de regio")
        self.assertNotContains(response, "(applied)")

    def test_a_vmbo_author_sees_the_pilot(self):
        vmbo = Organisation.objects.create(kind="vmbo", code="27RB", name="Vmbo")
        self.login(make_user("vmbo", vmbo))
        response = self.client.get("/")
        self.assertContains(response, "/experimenten/pilot-praktijkgerichte-programmas/")
        self.assertNotContains(response, "Apply to Ruimte voor de regio")

    def test_ministry_staff_and_administrators_see_open_applications(self):
        make_applications(self.regional, make_schools(3), "2021/22")
        for role in (Role.MINISTRY_STAFF, Role.ADMINISTRATOR):
            self.login(self.make_national_user(role))
            response = self.client.get("/")
            self.assertContains(response, "3 applications to decide")
            self.assertContains(response, "Ruimte voor de regio: 3 open applications")
            self.assertContains(response, "/experimenten/ruimte-voor-de-regio/deelnemers/")
            self.assertContains(response, "/experimenten/ruimte-voor-de-regio/voortgang/")

    def test_applications_to_an_ended_experiment_are_not_counted_as_open(self):
        cross_overs = experiment("cross-overs")
        make_applications(cross_overs, make_schools(2), "2024/25")
        make_applications(self.regional, make_schools(1, start=70), "2024/25")
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        response = self.client.get("/")
        self.assertContains(response, "1 application to decide")
        self.assertNotContains(response, "Cross-overs: 2 open applications")
        self.assertContains(response, "Ended on 31 July 2025")


class DraftInvitationTest(EnglishClientMixin, BaseTestCase):
    """The school home invites new drafts only for experiments that take them."""

    def test_no_invitation_to_draft_for_ended_experiments(self):
        experiment("cross-overs")  # ended on 31 July 2025
        self.login(self.alice)
        response = self.client.get("/")
        self.assertNotContains(response, "Draft a cross-over application")
        self.assertNotContains(response, "Draft a new submission for Cross-overs")
        self.assertNotContains(response, "/indieningen/concept/nieuw/?kind=cross_over")

    def test_an_open_experiment_is_offered_with_its_kind(self):
        reopen_ended_experiments()
        self.login(self.alice)
        response = self.client.get("/")
        self.assertContains(
            response,
            '<a href="/indieningen/concept/nieuw/?kind=cross_over">'
            "Draft a new submission for Cross-overs and check it against the rules</a>",
            html=True,
        )
        # The regionalised programme has its own button at the top, not a second link.
        self.assertNotContains(response, "Draft a new submission for Ruimte voor de regio")
