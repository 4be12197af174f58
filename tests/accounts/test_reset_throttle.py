"""Password reset is throttled per address and per e-mail address."""

from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from tests.base import BaseTestCase

RESET_URL = reverse("password_reset")


@override_settings(PASSWORD_RESET_LIMIT_PER_HOUR=3)
class PasswordResetThrottleTests(BaseTestCase):
    def test_one_address_asking_too_often_gets_429_and_no_mail(self):
        for number in range(3):
            response = self.client.post(
                RESET_URL, {"email": f"someone{number}@example.org"}, REMOTE_ADDR="203.0.113.7"
            )
            self.assertRedirects(response, reverse("password_reset_done"))

        response = self.client.post(
            RESET_URL, {"email": self.alice.email}, REMOTE_ADDR="203.0.113.7"
        )

        self.assertEqual(response.status_code, 429)
        self.assertContains(response, 'role="alert"', status_code=429)
        self.assertEqual(len(mail.outbox), 0)

    def test_one_account_flooded_from_many_addresses_gets_no_more_mail(self):
        for number in range(5):
            response = Client().post(
                RESET_URL, {"email": self.alice.email}, REMOTE_ADDR=f"198.51.100.{number}"
            )
            # The page looks the same whatever happens, so it tells nothing.
            self.assertRedirects(response, reverse("password_reset_done"))

        self.assertEqual(len(mail.outbox), 3)

    def test_under_the_limit_the_mail_is_sent(self):
        self.client.post(RESET_URL, {"email": self.alice.email})

        self.assertEqual(len(mail.outbox), 1)
