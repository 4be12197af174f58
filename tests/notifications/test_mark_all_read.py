"""POST /meldingen/alles-gelezen/: marks only the user's own notifications read."""

from django.urls import reverse

from notifications import selectors
from tests.base import BaseTestCase
from tests.notifications.helpers import make_notifications


class MarkAllReadTests(BaseTestCase):
    url = reverse("notifications:mark-all-read")

    def setUp(self):
        make_notifications(self.alice, 3)
        make_notifications(self.bob, 2)

    def test_marks_all_of_the_users_own(self):
        self.login(self.alice)
        response = self.client.post(self.url, follow=True)
        self.assertRedirects(response, reverse("notifications:list"))
        self.assertEqual(selectors.unread_count(self.alice), 0)
        self.assertEqual(selectors.unread_count(self.bob), 2)
        self.assertNotContains(response, "notification--unread")

    def test_get_is_not_allowed(self):
        self.login(self.alice)
        self.assertEqual(self.client.get(self.url).status_code, 405)
        self.assertEqual(selectors.unread_count(self.alice), 3)

    def test_anonymous_is_sent_to_login(self):
        response = self.client.post(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("login")))
        self.assertEqual(selectors.unread_count(self.alice), 3)
