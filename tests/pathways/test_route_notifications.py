"""Pathway notifications through the route's pages: the partner school hears of a
route to confirm, the sender of its confirmation or refusal, both schools of a
change in the DUO registration; every notification links to the route."""

from django.core import mail
from django.urls import reverse

from notifications.models import Notification
from pathways.models import Route

from .helpers import PathwayTestCase

S = Route.Status


class RouteNotificationTests(PathwayTestCase):
    def post(self, user, url_name, route, data=None):
        self.login(user)
        with self.captureOnCommitCallbacks(execute=True):
            url = reverse(f"pathways:{url_name}", args=[route.pk])
            response = self.client.post(url, data or {})
        self.assertEqual(response.status_code, 302)
        route.refresh_from_db()
        return route

    def recipients(self, kind):
        return {n.recipient.username for n in Notification.objects.filter(kind=kind)}

    def assert_links_and_names(self, notification, route):
        self.assertEqual(notification.url, reverse("pathways:route-detail", args=[route.pk]))
        text = f"{notification.subject} {notification.body}"
        # Names with their codes beside them, in Dutch (the default language).
        self.assertIn("Helpende zorg en welzijn (crebo 25498, niveau 2)", text)
        self.assertIn("Victor's vmbo (30AB)", text)
        self.assertIn("Alice's ROC (25PZ)", text)

    def test_the_partner_school_is_asked_to_confirm(self):
        route = self.make_route()
        self.post(self.alice, "route-submit", route)
        self.assertEqual(route.status, S.AWAITING_CONFIRMATION)
        self.assertEqual(self.recipients("pathway.submitted"), {"victor"})
        notification = Notification.objects.get(kind="pathway.submitted")
        self.assert_links_and_names(notification, route)
        self.assertIn("bevestiging", notification.body)
        # The e-mail carries the link to the route too.
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn(f"/leerroutes/{route.pk}/", mail.outbox[0].body)

    def test_the_sender_hears_of_the_confirmation(self):
        route = self.make_route(status=S.AWAITING_CONFIRMATION)  # sent by Victor's vmbo
        self.post(self.alice, "route-confirm", route)
        self.assertEqual(route.status, S.VALIDATED)
        self.assertEqual(self.recipients("pathway.confirmed"), {"victor"})
        notification = Notification.objects.get(kind="pathway.confirmed")
        self.assert_links_and_names(notification, route)
        self.assertIn("bevestigd", notification.body)

    def test_the_sender_hears_of_a_refusal_with_the_reason(self):
        route = self.make_route(status=S.AWAITING_CONFIRMATION)
        self.post(self.alice, "route-return", route, {"note": "De PTA/OER ontbreekt nog"})
        self.assertEqual(route.status, S.DRAFT)
        self.assertEqual(self.recipients("pathway.declined"), {"victor"})
        notification = Notification.objects.get(kind="pathway.declined")
        self.assert_links_and_names(notification, route)
        self.assertIn("De PTA/OER ontbreekt nog", notification.body)

    def test_withdrawing_by_the_sender_is_no_refusal(self):
        route = self.make_route(status=S.AWAITING_CONFIRMATION)
        self.post(self.victor, "route-return", route, {"note": "Nog niet"})
        self.assertEqual(route.status, S.DRAFT)
        self.assertFalse(Notification.objects.filter(kind="pathway.declined").exists())

    def test_both_schools_hear_of_a_change_in_the_duo_registration(self):
        route = self.make_route(status=S.VALIDATED)
        self.post(self.alice, "route-duo", route, {"status": "registered", "date": "2021-06-01"})
        self.assertEqual(route.status, S.ACTIVE)
        # Alice and Bob (the mbo institution's authors) and Victor; not Charlie.
        self.assertEqual(self.recipients("pathway.duo"), {"alice", "bob", "victor"})
        notification = Notification.objects.filter(kind="pathway.duo").first()
        self.assert_links_and_names(notification, route)
        self.assertIn("geregistreerd door DUO", notification.body)
        self.assertIn("1 juni 2021", notification.body)

    def test_recording_the_same_duo_status_again_notifies_nobody(self):
        route = self.make_route(status=S.VALIDATED, duo_status="submitted")
        route.duo_date = None
        route.save()
        self.post(self.alice, "route-duo", route, {"status": "submitted", "date": "2021-06-01"})
        self.assertEqual(Notification.objects.filter(kind="pathway.duo").count(), 3)
        Notification.objects.all().delete()
        self.post(self.alice, "route-duo", route, {"status": "submitted", "date": "2021-06-01"})
        self.assertFalse(Notification.objects.filter(kind="pathway.duo").exists())
