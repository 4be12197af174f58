"""The login page /inloggen/: username and password, errors keep what was typed."""

from django.urls import reverse

from tests.base import PASSWORD, BaseTestCase

LOGIN_URL = reverse("login")


class LoginTests(BaseTestCase):
    def test_the_form_has_labelled_username_and_password_fields(self):
        response = self.client.get(LOGIN_URL)

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<label for="id_username">')
        self.assertContains(response, '<label for="id_password">')
        self.assertContains(response, 'name="username"')
        self.assertContains(response, 'type="password" name="password"')
        self.assertContains(response, "<h1>", count=1)

    def test_correct_credentials_log_in_and_go_home(self):
        response = self.client.post(LOGIN_URL, {"username": "alice", "password": PASSWORD})

        self.assertRedirects(response, reverse("home"))
        self.assertEqual(int(self.client.session["_auth_user_id"]), self.alice.pk)

    def test_a_wrong_password_shows_an_error_and_keeps_the_username(self):
        response = self.client.post(LOGIN_URL, {"username": "alice", "password": "wrong"})

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'role="alert"')
        self.assertContains(response, 'value="alice"')
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_an_unknown_user_cannot_log_in(self):
        response = self.client.post(LOGIN_URL, {"username": "mallory", "password": PASSWORD})

        self.assertEqual(response.status_code, 200)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_an_inactive_user_cannot_log_in(self):
        self.bob.is_active = False
        self.bob.save(update_fields=["is_active"])

        response = self.client.post(LOGIN_URL, {"username": "bob", "password": PASSWORD})

        self.assertEqual(response.status_code, 200)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_next_leads_back_to_the_page_asked_for(self):
        profile = reverse("profile")

        response = self.client.post(
            LOGIN_URL, {"username": "bob", "password": PASSWORD, "next": profile}
        )

        self.assertRedirects(response, profile)

    def test_next_to_another_site_is_ignored(self):
        response = self.client.post(
            LOGIN_URL,
            {"username": "bob", "password": PASSWORD, "next": "https://evil.example/"},
        )

        self.assertRedirects(response, reverse("home"))

    def test_a_logged_in_user_is_sent_on(self):
        self.login(self.charlie)

        response = self.client.get(LOGIN_URL)

        self.assertRedirects(response, reverse("home"))
