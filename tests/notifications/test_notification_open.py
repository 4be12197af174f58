"""/meldingen/<id>/: marks the notification read and goes to its page; recipient only."""

from django.urls import reverse

from notifications import services
from notifications.models import Notification
from tests.base import BaseTestCase


class NotificationOpenTests(BaseTestCase):
    def setUp(self):
        self.target = reverse("notifications:list") + "?page=1"
        self.notification = services.notify(
            [self.alice], kind="k", subject="Voor Alice", body="", url=self.target
        )[0]
        self.open_url = reverse("notifications:open", args=[self.notification.pk])

    def test_recipient_is_redirected_and_notification_is_read(self):
        self.login(self.alice)
        response = self.client.get(self.open_url)
        self.assertRedirects(response, self.target, fetch_redirect_response=False)
        self.notification.refresh_from_db()
        self.assertIsNotNone(self.notification.read_at)

    def test_others_get_404_and_nothing_changes(self):
        for user in (self.bob, self.charlie):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get(self.open_url).status_code, 404)
        self.notification.refresh_from_db()
        self.assertIsNone(self.notification.read_at)

    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(self.open_url)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("login")))
        self.notification.refresh_from_db()
        self.assertIsNone(self.notification.read_at)

    def test_without_url_goes_to_the_list(self):
        plain = services.notify([self.alice], kind="k", subject="Zonder link", body="")[0]
        self.login(self.alice)
        response = self.client.get(reverse("notifications:open", args=[plain.pk]))
        self.assertRedirects(response, reverse("notifications:list"), fetch_redirect_response=False)

    def test_unsafe_stored_url_is_not_followed(self):
        # Written around the service (which refuses it), as if stored by old code.
        Notification.objects.filter(pk=self.notification.pk).update(url="/\\evil.example/")
        self.login(self.alice)
        response = self.client.get(self.open_url)
        self.assertRedirects(response, reverse("notifications:list"), fetch_redirect_response=False)

    def test_post_is_not_allowed(self):
        self.login(self.alice)
        self.assertEqual(self.client.post(self.open_url).status_code, 405)
