"""The /meldingen/ page: each user sees only their own notifications."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications import services
from notifications.models import Notification
from tests.base import BaseTestCase
from tests.notifications.helpers import make_notifications


class NotificationListTests(BaseTestCase):
    url = reverse("notifications:list")

    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("login")))

    def test_each_user_sees_only_their_own(self):
        services.notify([self.alice], kind="k", subject="Voor Alice", body="")
        services.notify([self.bob], kind="k", subject="Voor Bob", body="")
        for user, mine, others in (
            (self.alice, "Voor Alice", ["Voor Bob"]),
            (self.bob, "Voor Bob", ["Voor Alice"]),
        ):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get(self.url)
                self.assertContains(response, mine)
                for subject in others:
                    self.assertNotContains(response, subject)
        self.login(self.charlie)
        response = self.client.get(self.url)
        self.assertNotContains(response, "Voor Alice")
        self.assertNotContains(response, "Voor Bob")
        self.assertContains(response, 'class="empty-state"')

    def test_newest_first_unread_marked_and_links_to_open_view(self):
        old, new = (
            services.notify([self.alice], kind="k", subject=subject, body="")[0]
            for subject in ("Oudste melding", "Nieuwste melding")
        )
        services.mark_read(self.alice, [old.pk])
        self.login(self.alice)
        response = self.client.get(self.url)
        content = response.content.decode()
        self.assertLess(content.index("Nieuwste melding"), content.index("Oudste melding"))
        self.assertEqual(content.count("notification--unread"), 1)
        self.assertContains(response, reverse("notifications:open", args=[new.pk]))
        self.assertContains(response, reverse("notifications:open", args=[old.pk]))
        self.assertContains(response, reverse("notifications:mark-all-read"))

    def test_no_mark_all_button_when_everything_is_read(self):
        services.notify([self.alice], kind="k", subject="Gelezen", body="")
        services.mark_read(self.alice)
        self.login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "Gelezen")
        self.assertNotContains(response, reverse("notifications:mark-all-read"))

    def test_paginated(self):
        make_notifications(self.alice, 30)
        self.login(self.alice)
        first = self.client.get(self.url)
        second = self.client.get(self.url, {"page": 2})
        self.assertEqual(len(first.context["page"].object_list), 25)
        self.assertEqual(len(second.context["page"].object_list), 5)
        shown = {n.pk for n in first.context["page"].object_list} | {
            n.pk for n in second.context["page"].object_list
        }
        self.assertEqual(shown, set(Notification.objects.values_list("pk", flat=True)))

    def test_query_count_does_not_grow_with_rows(self):
        self.login(self.alice)
        make_notifications(self.alice, 3)
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url)
        # Session, user, the unread count, the page count and the page itself.
        self.assertLessEqual(len(few.captured_queries), 6)
        make_notifications(self.alice, 40)
        with self.assertNumQueries(len(few.captured_queries)):
            self.client.get(self.url)
