"""Password guessing: django-axes locks an account, and an address, after repeated
failures; the right password is refused during the cool-off; the administrator
reads the logins and lockouts in the admin."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from tests.base import PASSWORD, BaseTestCase

LOGIN_URL = reverse("login")


class LockoutTests(BaseTestCase):
    def guess(self, username: str, times: int, address: str = "203.0.113.7", client=None):
        client = client or self.client
        responses = [
            client.post(LOGIN_URL, {"username": username, "password": "wrong"}, REMOTE_ADDR=address)
            for _ in range(times)
        ]
        return responses[-1]

    def test_sixty_wrong_passwords_then_the_right_one_is_refused(self):
        self.guess("alice", 60)

        response = self.client.post(
            LOGIN_URL, {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
        )

        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertContains(response, 'role="alert"', status_code=429)

    def test_the_limit_is_the_setting_and_the_account_is_locked_from_any_address(self):
        response = self.guess("alice", settings.AXES_FAILURE_LIMIT - 1)
        self.assertEqual(response.status_code, 200)
        self.guess("alice", 1)

        # Another address, the right password: the account itself is locked.
        other = Client()
        response = other.post(
            LOGIN_URL, {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="198.51.100.9"
        )
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", other.session)

    def test_an_address_that_guesses_many_accounts_is_locked(self):
        for name in ("x1", "x2", "x3", "x4", "x5", "x6")[: settings.AXES_FAILURE_LIMIT]:
            self.guess(name, 1)

        response = self.client.post(
            LOGIN_URL, {"username": "bob", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
        )

        self.assertEqual(response.status_code, 429)
        # Bob from his own address is not affected.
        response = Client().post(
            LOGIN_URL, {"username": "bob", "password": PASSWORD}, REMOTE_ADDR="192.0.2.1"
        )
        self.assertRedirects(response, reverse("home"))

    def test_after_the_cool_off_the_right_password_works_again(self):
        self.guess("alice", settings.AXES_FAILURE_LIMIT)
        AccessAttempt.objects.update(
            attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
        )

        response = self.client.post(
            LOGIN_URL, {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="203.0.113.7"
        )

        self.assertRedirects(response, reverse("home"))

    @override_settings(TRUSTED_PROXY_COUNT=0)
    def test_a_forged_forwarded_for_header_does_not_dodge_the_address_lock(self):
        for number in range(settings.AXES_FAILURE_LIMIT):
            self.client.post(
                LOGIN_URL,
                {"username": f"guess{number}", "password": "wrong"},
                REMOTE_ADDR="203.0.113.7",
                HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
            )

        response = self.client.post(
            LOGIN_URL,
            {"username": "bob", "password": PASSWORD},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR="10.0.0.99",
        )

        self.assertEqual(response.status_code, 429)

    def test_the_administrator_reads_logins_and_lockouts_in_the_admin(self):
        Client().post(LOGIN_URL, {"username": "bob", "password": PASSWORD}, REMOTE_ADDR="192.0.2.1")
        self.guess("alice", settings.AXES_FAILURE_LIMIT + 1)
        self.assertTrue(AccessLog.objects.filter(username="bob").exists())
        self.assertTrue(AccessFailureLog.objects.filter(username="alice", locked_out=True).exists())

        admin = Client()
        admin.force_login(self.make_national_user(Role.ADMINISTRATOR))
        for model in ("accesslog", "accessfailurelog", "accessattempt"):
            with self.subTest(model=model):
                response = admin.get(reverse(f"admin:axes_{model}_changelist"))
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "alice" if model != "accesslog" else "bob")

        # A school author cannot read them.
        self.login(self.bob)
        response = self.client.get(reverse("admin:axes_accesslog_changelist"))
        self.assertNotEqual(response.status_code, 200)
