"""Changing a certificate programme: staff of its school only; the change is audited."""

import datetime

from django.urls import reverse

from certificates.models import ProgrammeEvent
from tests.base import BaseTestCase

from .factories import CertificateProgrammeFactory


class ProgrammeEditTests(BaseTestCase):
    def setUp(self):
        self.programme = CertificateProgrammeFactory(school=self.school, name="Oude naam")
        self.url = reverse("certificates:programme-edit", args=[self.programme.pk])

    def data(self, **changes):
        data = {
            "name": "Nieuwe naam",
            "certificate": self.programme.certificate.pk,
            "region": self.region.pk,
            "starts": "1-9-2027\n1-2-2028",
            "description": "",
        }
        data.update(changes)
        return data

    def test_alice_and_bob_change_their_schools_programme_and_it_is_audited(self):
        for user, name in ((self.alice, "Van Alice"), (self.bob, "Van Bob")):
            self.login(user)
            form = self.client.get(self.url)
            self.assertContains(form, "1-9-2027")
            response = self.client.post(self.url, self.data(name=name))
            self.assertRedirects(
                response, reverse("certificates:programme-detail", args=[self.programme.pk])
            )
            self.programme.refresh_from_db()
            self.assertEqual(self.programme.name, name)
            event = self.programme.events.first()
            self.assertEqual((event.action, event.user), (ProgrammeEvent.Action.CHANGED, user))
        self.assertEqual(
            list(self.programme.starts.values_list("starts_on", flat=True)),
            [datetime.date(2027, 9, 1), datetime.date(2028, 2, 1)],
        )
        self.assertEqual(self.programme.events.first().fields, ["name"])
        detail = self.client.get(reverse("certificates:programme-detail", args=[self.programme.pk]))
        self.assertContains(detail, "(naam)")  # the changed field, as people read it

    def test_saving_without_changes_records_nothing(self):
        self.login(self.alice)
        self.client.post(self.url, self.data(name="Oude naam", starts="1-9-2027"))
        self.assertFalse(self.programme.events.exists())

    def test_charlie_and_strangers_cannot_change_it(self):
        self.login(self.charlie)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.post(self.url, self.data()).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.post(self.url, self.data()).status_code, 302)
        self.programme.refresh_from_db()
        self.assertEqual(self.programme.name, "Oude naam")

    def test_an_unknown_programme_is_a_404(self):
        self.login(self.alice)
        url = reverse("certificates:programme-edit", args=[self.programme.pk + 1])
        self.assertEqual(self.client.get(url).status_code, 404)
