"""Logging out (/uitloggen/): by POST only, ends the session."""

from django.urls import reverse

from tests.base import BaseTestCase

LOGOUT_URL = reverse("logout")


class LogoutTests(BaseTestCase):
    def test_post_logs_out_and_goes_home(self):
        self.login(self.alice)

        response = self.client.post(LOGOUT_URL)

        self.assertRedirects(response, reverse("home"))
        self.assertNotIn("_auth_user_id", self.client.session)
        # Afterwards pages that need a login send the visitor to the login page.
        profile = self.client.get(reverse("profile"))
        self.assertRedirects(profile, f"{reverse('login')}?next={reverse('profile')}")

    def test_get_does_not_log_out(self):
        self.login(self.alice)

        response = self.client.get(LOGOUT_URL)

        self.assertEqual(response.status_code, 405)
        self.assertEqual(int(self.client.session["_auth_user_id"]), self.alice.pk)

    def test_the_page_offers_a_logout_button_to_logged_in_users(self):
        self.login(self.bob)

        response = self.client.get(reverse("home"))

        self.assertContains(response, f'action="{LOGOUT_URL}" method="post"')
