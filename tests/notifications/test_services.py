"""notify(): in-app notifications at once, e-mails only when the transaction commits."""

from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy, override

from accounts.models import Role
from notifications import selectors, services
from notifications.models import Notification
from tests.base import BaseTestCase


class NotifyTests(BaseTestCase):
    def test_creates_one_notification_per_recipient_and_emails_on_commit(self):
        url = reverse("notifications:list")
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            created = services.notify(
                [self.alice, self.bob],
                kind="submission.submitted",
                subject="Nieuwe indiening",
                body="Er staat een indiening klaar.",
                url=url,
            )
            # Inside the transaction nothing has been sent yet.
            self.assertEqual(mail.outbox, [])
        self.assertEqual(len(callbacks), 2)
        self.assertEqual(
            sorted(n.recipient_id for n in created), sorted([self.alice.pk, self.bob.pk])
        )
        stored = Notification.objects.filter(kind="submission.submitted")
        self.assertEqual(stored.count(), 2)
        self.assertTrue(all(n.read_at is None for n in stored))
        self.assertEqual(
            sorted(message.to[0] for message in mail.outbox),
            sorted([self.alice.email, self.bob.email]),
        )
        message = mail.outbox[0]
        self.assertEqual(message.subject, "Nieuwe indiening")
        self.assertIn("Er staat een indiening klaar.", message.body)
        self.assertIn(url, message.body)
        self.assertTrue(all(n.emailed_at is not None for n in stored))

    def test_rolled_back_transaction_sends_nothing_and_keeps_nothing(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            try:
                with transaction.atomic():
                    services.notify([self.alice], kind="submission.approved", subject="S", body="B")
                    raise RuntimeError("the transition failed")
            except RuntimeError:
                pass
        self.assertEqual(callbacks, [])
        self.assertEqual(mail.outbox, [])
        self.assertFalse(Notification.objects.exists())

    def test_duplicates_are_notified_once(self):
        with self.captureOnCommitCallbacks(execute=True):
            created = services.notify(
                [self.alice, self.alice, self.bob, self.alice],
                kind="k",
                subject="S",
                body="B",
            )
        self.assertEqual(len(created), 2)
        self.assertEqual(Notification.objects.filter(recipient=self.alice).count(), 1)
        self.assertEqual(len(mail.outbox), 2)

    def test_inactive_users_are_skipped(self):
        self.bob.is_active = False
        self.bob.save()
        with self.captureOnCommitCallbacks(execute=True):
            created = services.notify([self.alice, self.bob], kind="k", subject="S", body="B")
        self.assertEqual([n.recipient_id for n in created], [self.alice.pk])
        self.assertFalse(Notification.objects.filter(recipient=self.bob).exists())
        self.assertEqual([m.to for m in mail.outbox], [[self.alice.email]])

    def test_no_recipients_creates_nothing(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            created = services.notify([], kind="k", subject="S", body="B")
        self.assertEqual(created, [])
        self.assertEqual(callbacks, [])

    def test_lazy_strings_are_rendered_in_dutch_even_when_english_is_active(self):
        # "Notifications" is translated in this app's catalogue.
        with override("en"), self.captureOnCommitCallbacks(execute=True):
            services.notify(
                [self.alice],
                kind="k",
                subject=gettext_lazy("Notifications"),
                body=format_lazy("{}: {}", gettext_lazy("Notifications"), "Alice"),
            )
        with override("nl"):
            dutch = str(gettext_lazy("Notifications"))
        self.assertNotEqual(dutch, "Notifications")
        notification = Notification.objects.get(recipient=self.alice)
        self.assertEqual(notification.subject, dutch)
        self.assertEqual(notification.body, f"{dutch}: Alice")
        self.assertEqual(mail.outbox[0].subject, dutch)

    def test_params_are_filled_in_after_translation(self):
        with self.captureOnCommitCallbacks(execute=True):
            services.notify(
                [self.alice],
                kind="k",
                subject="Indiening %(title)s",
                body="Door %(author)s",
                params={"title": "Zorg & techniek", "author": "Bob"},
            )
        notification = Notification.objects.get(recipient=self.alice)
        self.assertEqual(notification.subject, "Indiening Zorg & techniek")
        self.assertEqual(notification.body, "Door Bob")

    def test_subject_is_one_line(self):
        with self.captureOnCommitCallbacks(execute=True):
            services.notify([self.alice], kind="k", subject="Twee\nregels", body="B")
        self.assertEqual(mail.outbox[0].subject, "Twee regels")

    def test_url_must_be_a_local_path(self):
        for url in ("https://evil.example/", "//evil.example/", "indieningen/1/"):
            with self.subTest(url=url), self.assertRaises(ValueError):
                services.notify([self.alice], kind="k", subject="S", body="B", url=url)
        self.assertFalse(Notification.objects.exists())

    @override_settings(SITE_URL="https://regio-mbo.example")
    def test_email_link_uses_site_url(self):
        with self.captureOnCommitCallbacks(execute=True):
            services.notify([self.alice], kind="k", subject="S", body="B", url="/indieningen/7/")
        self.assertIn("https://regio-mbo.example/indieningen/7/", mail.outbox[0].body)

    def test_email_is_sent_once_per_notification(self):
        with self.captureOnCommitCallbacks(execute=True):
            (notification,) = services.notify([self.alice], kind="k", subject="S", body="B")
        self.assertEqual(len(mail.outbox), 1)
        # A redelivered task finds the notification already e-mailed.
        self.assertFalse(services.send_notification_email(notification.pk))
        self.assertEqual(len(mail.outbox), 1)

    @override_settings(EMAIL_BACKEND="tests.notifications.helpers.FailingEmailBackend")
    def test_failing_mail_server_does_not_undo_the_action(self):
        from tests.notifications.helpers import FailingEmailBackend

        FailingEmailBackend.attempts = 0
        with self.assertLogs(level="ERROR"), self.captureOnCommitCallbacks(execute=True):
            services.notify([self.alice], kind="k", subject="S", body="B")
        notification = Notification.objects.get(recipient=self.alice)
        # The send was tried and failed (a real worker retries it later); the
        # in-app notification stays and is not marked as e-mailed.
        self.assertGreaterEqual(FailingEmailBackend.attempts, 1)
        self.assertIsNone(notification.emailed_at)
        self.assertEqual(selectors.unread_count(self.alice), 1)


class MarkReadTests(BaseTestCase):
    def setUp(self):
        self.mine = services.notify([self.alice], kind="k", subject="Een", body="")[0]
        self.mine_too = services.notify([self.alice], kind="k", subject="Twee", body="")[0]
        self.bobs = services.notify([self.bob], kind="k", subject="Van Bob", body="")[0]

    def test_mark_given_ones(self):
        self.assertEqual(services.mark_read(self.alice, [self.mine.pk]), 1)
        self.assertEqual(selectors.unread_count(self.alice), 1)
        self.mine.refresh_from_db()
        self.assertIsNotNone(self.mine.read_at)

    def test_mark_all(self):
        self.assertEqual(services.mark_read(self.alice), 2)
        self.assertEqual(selectors.unread_count(self.alice), 0)
        self.assertEqual(selectors.unread_count(self.bob), 1)

    def test_other_users_notifications_are_not_touched(self):
        self.assertEqual(services.mark_read(self.alice, [self.bobs.pk]), 0)
        self.bobs.refresh_from_db()
        self.assertIsNone(self.bobs.read_at)


class RecipientSelectorTests(BaseTestCase):
    def test_recipients_for_role(self):
        reviewer = self.make_national_user(Role.SBB_REVIEWER)
        self.make_national_user(Role.MINISTRY_STAFF)
        self.assertEqual(list(selectors.recipients_for_role(Role.SBB_REVIEWER)), [reviewer])
        reviewer.is_active = False
        reviewer.save()
        self.assertEqual(list(selectors.recipients_for_role(Role.SBB_REVIEWER)), [])

    def test_recipients_in_organisation(self):
        self.assertEqual(
            list(selectors.recipients_in_organisation(self.school)), [self.alice, self.bob]
        )
        self.assertEqual(
            list(selectors.recipients_in_organisation(self.other_school.pk)), [self.charlie]
        )
        self.assertEqual(
            list(selectors.recipients_in_organisation(self.school, role=Role.SBB_REVIEWER)), []
        )
