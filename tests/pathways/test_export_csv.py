"""The CSV download for ministry staff (view export_csv)."""

import csv
import io

from django.urls import reverse

from accounts.models import Role
from pathways.documents import CSV_COLUMNS
from pathways.models import Route

from .helpers import PathwayTestCase

URL = reverse("pathways:export-csv")


class ExportCsvTests(PathwayTestCase):
    def test_ministry_staff_download_every_route(self):
        active = self.make_route(status=Route.Status.ACTIVE)
        self.make_route(status=Route.Status.AWAITING_CONFIRMATION, vmbo_track="kb")
        self.make_route(vmbo_track="gl")  # a draft never sent: not exported
        self.login(self.make_national_user(Role.MINISTRY_STAFF))
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        self.assertEqual(list(rows[0]), CSV_COLUMNS)
        self.assertEqual(sorted(row["vmbo_track"] for row in rows), ["bb", "kb"])
        only_active = self.client.get(URL, {"status": "active"}).content.decode()
        rows = list(csv.DictReader(io.StringIO(only_active)))
        self.assertEqual([row["duo_registration.status"] for row in rows], [active.duo_status])
        self.assertEqual(rows[0]["agreement.fallback_destinations"], "vmbo-bb;mbo-2")

    def test_others_are_refused(self):
        self.assertEqual(self.client.get(URL).status_code, 302)
        for user in (self.alice, self.victor, self.make_national_user(Role.SBB_REVIEWER)):
            self.login(user)
            self.assertEqual(self.client.get(URL).status_code, 403)
