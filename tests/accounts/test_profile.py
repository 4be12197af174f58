"""The profile page /profiel/: a logged-in user's own details, nobody else's."""

from django.urls import reverse

from accounts.models import Role
from tests.base import BaseTestCase

PROFILE_URL = reverse("profile")


class ProfileTests(BaseTestCase):
    def test_anonymous_visitors_are_sent_to_the_login_page(self):
        response = self.client.get(PROFILE_URL)

        self.assertRedirects(response, f"{reverse('login')}?next={PROFILE_URL}")

    def test_alice_sees_her_own_details(self):
        self.login(self.alice)

        response = self.client.get(PROFILE_URL)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.alice.username)
        self.assertContains(response, self.alice.email)
        self.assertContains(response, f"{self.school.name}".replace("'", "&#x27;"))
        self.assertContains(response, f"({self.school.code})")
        self.assertContains(response, str(self.alice.get_role_display()))
        self.assertContains(response, reverse("password_change"))

    def test_bob_sees_his_details_not_alices(self):
        self.login(self.bob)

        response = self.client.get(PROFILE_URL)

        self.assertContains(response, self.bob.email)
        self.assertNotContains(response, self.alice.email)

    def test_charlie_sees_his_own_organisation(self):
        self.login(self.charlie)

        response = self.client.get(PROFILE_URL)

        self.assertContains(response, f"({self.other_school.code})")
        self.assertNotContains(response, f"({self.school.code})")

    def test_a_national_user_sees_their_role_and_organisation(self):
        reviewer = self.make_national_user(Role.SBB_REVIEWER)
        self.login(reviewer)

        response = self.client.get(PROFILE_URL)

        self.assertContains(response, reviewer.email)
        self.assertContains(response, f"({self.sbb.code})")
        self.assertContains(response, str(reviewer.get_role_display()))

    def test_only_get_is_allowed(self):
        self.login(self.alice)

        self.assertEqual(self.client.post(PROFILE_URL).status_code, 405)
