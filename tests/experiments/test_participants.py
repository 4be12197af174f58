"""The participants page of an experiment and its CSV export."""

import csv
import datetime
import io

from django.utils.html import escape

from accounts.models import Role
from experiments.models import Participation
from tests.base import BaseTestCase, make_user

from .factories import EnglishClientMixin, experiment, make_applications, make_schools

URL = "/experimenten/ruimte-voor-de-regio/deelnemers/"
CSV_URL = "/experimenten/ruimte-voor-de-regio/deelnemers.csv"


class ParticipantsTest(EnglishClientMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.regional = experiment("ruimte-voor-de-regio")
        cls.alice_participation, cls.charlie_participation = make_applications(
            cls.regional, [cls.school, cls.other_school], "2020/21"
        )
        Participation.objects.filter(pk=cls.charlie_participation.pk).update(
            status="admitted", cohort="2019/20"
        )
        cls.ministry_user = make_user("minister", cls.ministry, Role.MINISTRY_STAFF)

    def test_school_authors_and_the_inspectorate_get_403(self):
        inspector = self.make_national_user(Role.INSPECTORATE_REVIEWER)
        for user in (self.alice, self.bob, self.charlie, inspector):
            self.login(user)
            self.assertEqual(self.client.get(URL).status_code, 403, user)
            self.assertEqual(self.client.get(CSV_URL).status_code, 403, user)

    def test_anonymous_users_log_in_first(self):
        for url in (URL, CSV_URL):
            self.assertIn("/inloggen/", self.client.get(url)["Location"])

    def test_ministry_administrators_and_sbb_see_all_participants(self):
        for role in (Role.MINISTRY_STAFF, Role.ADMINISTRATOR, Role.SBB_REVIEWER):
            if role == Role.MINISTRY_STAFF:
                user = self.ministry_user
            else:
                user = self.make_national_user(role)
            self.login(user)
            response = self.client.get(URL)
            self.assertEqual(response.status_code, 200)
            for school in (self.school, self.other_school):
                self.assertContains(response, escape(f"{school.name} ({school.code})"))
            self.assertContains(response, self.region.name)
            self.assertContains(response, "2019/20")
            decide_link = f"{URL}{self.alice_participation.pk}/besluit/"
            if role == Role.SBB_REVIEWER:
                self.assertNotContains(response, decide_link)
            else:
                self.assertContains(response, decide_link)

    def test_filters_by_status_cohort_region_and_name(self):
        self.login(self.ministry_user)
        cases = {
            "status=admitted": self.other_school,
            "status=applied": self.school,
            "cohort=2019/20": self.other_school,
            f"region={self.region.code}": self.school,
            "q=26QA": self.other_school,
        }
        for query, expected in cases.items():
            response = self.client.get(f"{URL}?{query}")
            shown = [p.school for p in response.context["page"].object_list]
            self.assertEqual(shown, [expected], query)

    def test_empty_state(self):
        self.login(self.ministry_user)
        response = self.client.get(f"{URL}?status=declined")
        self.assertContains(response, "No schools match")

    def test_paginated(self):
        make_applications(self.regional, make_schools(30, region=self.region), "2021/22")
        self.login(self.ministry_user)
        response = self.client.get(URL)
        self.assertEqual(len(response.context["page"].object_list), 25)
        page_two = self.client.get(f"{URL}?page=2")
        self.assertEqual(len(page_two.context["page"].object_list), 32 - 25)

    def test_csv_has_the_same_columns_a_bom_and_the_filters(self):
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        response = self.client.get(CSV_URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("attachment", response["Content-Disposition"])
        body = response.content.decode("utf-8")
        self.assertTrue(body.startswith("\ufeff"))
        rows = list(csv.reader(io.StringIO(body[1:])))
        self.assertEqual(
            rows[0],
            [
                "School",
                "BRIN code",
                "Region",
                "Region code",
                "Cohort",
                "Status",
                "Applied at",
                "Decided at",
            ],
        )
        self.assertEqual(
            sorted(tuple(row[:6]) for row in rows[1:]),
            [
                (self.school.name, "25PZ", self.region.name, "AM06", "2020/21", "applied"),
                (
                    self.other_school.name,
                    "26QA",
                    self.other_region.name,
                    "AM25",
                    "2019/20",
                    "admitted",
                ),
            ],
        )
        # Moments as ISO date and local time.
        self.assertRegex(rows[1][6], r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
        filtered = self.client.get(f"{CSV_URL}?status=admitted").content.decode("utf-8")
        self.assertEqual(len(list(csv.reader(io.StringIO(filtered[1:])))), 2)
        self.assertIn("26QA", filtered)
        self.assertNotIn("25PZ", filtered)


class ParticipantsXlsxTest(EnglishClientMixin, BaseTestCase):
    XLSX_URL = "/experimenten/ruimte-voor-de-regio/deelnemers.xlsx"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.regional = experiment("ruimte-voor-de-regio")
        make_applications(cls.regional, [cls.school], "2020/21", "applied")
        make_applications(cls.regional, [cls.other_school], "2019/20", "admitted")

    def test_the_xlsx_twin_has_the_csv_rows_with_real_dates_and_the_filters(self):
        from openpyxl import load_workbook

        self.login(self.make_national_user(Role.SBB_REVIEWER))
        response = self.client.get(self.XLSX_URL)
        self.assertEqual(response.status_code, 200)
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        csv_rows = list(
            csv.reader(io.StringIO(self.client.get(CSV_URL).content.decode("utf-8")[1:]))
        )
        self.assertEqual(rows[0], csv_rows[0])
        self.assertEqual(sorted(row[:6] for row in rows[1:]), sorted(r[:6] for r in csv_rows[1:]))
        self.assertTrue(all(isinstance(row[6], datetime.datetime) for row in rows[1:]))
        filtered = self.client.get(self.XLSX_URL, {"status": "admitted"})
        sheet = load_workbook(io.BytesIO(filtered.content)).active
        self.assertEqual([row[1].value for row in sheet.iter_rows(min_row=2)], ["26QA"])

    def test_others_are_refused(self):
        self.login(self.alice)
        self.assertEqual(self.client.get(self.XLSX_URL).status_code, 403)
