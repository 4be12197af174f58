"""Password reset: an e-mail with a link; the link sets a new password that logs in."""

import re

from django.core import mail
from django.http import HttpRequest
from django.urls import reverse

from tests.base import PASSWORD, BaseTestCase

RESET_URL = reverse("password_reset")
NEW_PASSWORD = "een-nieuw-Wachtwoord-2024"  # passes Django's password validators


def link_in(message) -> str:
    """The path of the first link to this site in an e-mail's body."""
    match = re.search(r"https?://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


class PasswordResetTests(BaseTestCase):
    def test_the_link_in_the_email_sets_a_new_password(self):
        response = self.client.post(RESET_URL, {"email": self.alice.email})

        self.assertRedirects(response, reverse("password_reset_done"))
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, [self.alice.email])
        self.assertIn(self.alice.username, message.body)

        # The e-mailed link leads (via a redirect that hides the token) to the form.
        form_page = self.client.get(link_in(message), follow=True)
        self.assertEqual(form_page.status_code, 200)
        self.assertTrue(form_page.context["validlink"])
        form_url = form_page.redirect_chain[-1][0]

        saved = self.client.post(
            form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        )
        self.assertRedirects(saved, reverse("password_reset_complete"))

        self.assertTrue(
            self.client.login(request=HttpRequest(), username="alice", password=NEW_PASSWORD)
        )
        self.client.logout()
        self.assertFalse(
            self.client.login(request=HttpRequest(), username="alice", password=PASSWORD)
        )

    def test_the_link_works_only_once(self):
        self.client.post(RESET_URL, {"email": self.bob.email})
        link = link_in(mail.outbox[0])
        form_url = self.client.get(link, follow=True).redirect_chain[-1][0]
        self.client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

        again = self.client.get(link, follow=True)

        self.assertFalse(again.context["validlink"])
        self.assertContains(again, reverse("password_reset"))

    def test_mismatched_passwords_are_refused_with_a_message(self):
        self.client.post(RESET_URL, {"email": self.alice.email})
        form_url = self.client.get(link_in(mail.outbox[0]), follow=True).redirect_chain[-1][0]

        response = self.client.post(
            form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"}
        )

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "form-field__error")
        self.assertTrue(
            self.client.login(request=HttpRequest(), username="alice", password=PASSWORD)
        )

    def test_an_unknown_address_sends_nothing_but_looks_the_same(self):
        response = self.client.post(RESET_URL, {"email": "nobody@example.org"})

        self.assertRedirects(response, reverse("password_reset_done"))
        self.assertEqual(mail.outbox, [])

    def test_a_forged_token_is_refused(self):
        self.client.post(RESET_URL, {"email": self.alice.email})
        link = link_in(mail.outbox[0])
        forged = re.sub(r"/[^/]+/$", "/abc-0123456789abcdef/", link)

        response = self.client.get(forged, follow=True)

        self.assertFalse(response.context["validlink"])
