"""The header shows the number of unread notifications, counted with one query."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Notification
from tests.base import BaseTestCase
from tests.notifications.helpers import make_notifications

TABLE = Notification._meta.db_table


def header_count(content: str) -> int:
    """The number in the header link to the notifications page."""
    href = re.escape(reverse("notifications:list"))
    link = re.search(rf'<a href="{href}"[^>]*>(.*?)</a>', content, re.S)
    return int(re.search(r"\((\d+)", link.group(1)).group(1))


class HeaderCountTests(BaseTestCase):
    def test_count_of_own_unread_notifications(self):
        make_notifications(self.alice, 4)
        make_notifications(self.alice, 2, read=True)
        make_notifications(self.bob, 7)
        for user, expected in ((self.alice, 4), (self.bob, 7), (self.charlie, 0)):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(reverse("home"))
                self.assertEqual(header_count(response.content.decode()), expected)

    def test_one_query_for_the_count_however_many_rows(self):
        self.login(self.alice)
        for rows in (1, 50):
            make_notifications(self.alice, rows)
            with CaptureQueriesContext(connection) as context:
                response = self.client.get(reverse("home"))
            self.assertEqual(response.status_code, 200)
            notification_queries = [q["sql"] for q in context.captured_queries if TABLE in q["sql"]]
            self.assertEqual(len(notification_queries), 1, notification_queries)

    def test_link_says_unread_for_screen_readers_in_both_languages(self):
        self.login(self.alice)
        dutch = self.client.get(reverse("home"))
        self.assertContains(dutch, 'Meldingen (0)<span class="visually-hidden"> ongelezen</span>')
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        english = self.client.get(reverse("home"))
        self.assertContains(
            english, 'Notifications (0)<span class="visually-hidden"> unread</span>'
        )

    def test_anonymous_has_no_count_and_no_query(self):
        with CaptureQueriesContext(connection) as context:
            response = self.client.get(reverse("home"))
        self.assertNotIn("unread_notification_count", response.context)
        self.assertFalse([q for q in context.captured_queries if TABLE in q["sql"]])
        self.assertNotContains(response, reverse("notifications:list"))
