"""Ministry tracking: admitted schools, their submissions and turnaround times."""

import csv
import io
import statistics
from datetime import UTC, datetime, timedelta

from accounts.models import Role
from tests.base import BaseTestCase, make_user

from .factories import EnglishClientMixin, experiment, make_applications, make_submission

URL = "/experimenten/ruimte-voor-de-regio/voortgang/"
CSV_URL = "/experimenten/ruimte-voor-de-regio/voortgang.csv"
START = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


class TrackingTest(EnglishClientMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.regional = experiment("ruimte-voor-de-regio")
        cross_overs = experiment("cross-overs")
        make_applications(cls.regional, [cls.school, cls.other_school], "2020/21", "admitted")
        cls.turnaround_days = [3, 10, 4.5]
        cls.decided = [
            make_submission(
                cls.school,
                cls.alice,
                cls.regional,
                state=state,
                submitted_at=START,
                decided_at=START + timedelta(days=days),
                title=f"Programma {i}",
            )
            for i, (state, days) in enumerate(
                zip(("approved", "rejected", "approved"), cls.turnaround_days, strict=True)
            )
        ]
        # Open, or only sent back for changes: no final decision, not counted.
        make_submission(
            cls.school, cls.alice, cls.regional, state="under_review", submitted_at=START
        )
        make_submission(
            cls.other_school,
            cls.charlie,
            cls.regional,
            state="changes_requested",
            submitted_at=START,
            decided_at=START + timedelta(days=30),
            title="Charlie's programma",
        )
        # Another experiment's submission is not part of this overview.
        make_submission(
            cls.school,
            cls.alice,
            cross_overs,
            state="approved",
            submitted_at=START,
            decided_at=START + timedelta(days=99),
            title="Cross-over",
        )
        cls.minister = make_user("minister", cls.ministry, Role.MINISTRY_STAFF)

    def test_only_ministry_staff_and_administrators(self):
        others = [
            self.make_national_user(Role.SBB_REVIEWER),
            self.make_national_user(Role.INSPECTORATE_REVIEWER),
        ]
        for user in (self.alice, self.bob, self.charlie, *others):
            self.login(user)
            self.assertEqual(self.client.get(URL).status_code, 403)
            self.assertEqual(self.client.get(CSV_URL).status_code, 403)
        self.login(self.make_national_user(Role.ADMINISTRATOR))
        self.assertEqual(self.client.get(URL).status_code, 200)

    def test_median_and_longest_turnaround_over_final_decisions(self):
        self.login(self.minister)
        response = self.client.get(URL)
        overview = response.context["overview"]
        expected = [timedelta(days=d) for d in self.turnaround_days]
        self.assertEqual(overview.median_turnaround, statistics.median(expected))
        self.assertEqual(overview.longest_turnaround, max(expected))
        self.assertEqual(overview.decided_count, len(expected))
        self.assertEqual((overview.school_count, overview.submission_count), (2, 5))
        self.assertContains(response, f"{statistics.median(self.turnaround_days):.1f} days")
        self.assertContains(response, f"{max(self.turnaround_days):.1f} days")
        self.assertContains(response, "Charlie&#x27;s programma")
        self.assertNotContains(response, "Cross-over")
        # The school's region reads by name with its code beside it.
        region = self.school.region
        self.assertContains(response, f"<td>{region.name} ({region.code})</td>", html=True)

    def test_a_school_without_submissions_is_listed(self):
        admitted_only = experiment("cross-overs")
        make_applications(admitted_only, [self.other_school], "2021/22", "admitted")
        self.login(self.minister)
        response = self.client.get("/experimenten/cross-overs/voortgang/")
        overview = response.context["overview"]
        self.assertEqual(overview.school_count, 1)  # Charlie's school, not Alice's (not admitted)
        self.assertEqual(overview.submission_count, 0)
        self.assertIsNone(overview.median_turnaround)
        self.assertContains(response, "No submission yet")

    def test_csv(self):
        self.login(self.minister)
        response = self.client.get(CSV_URL)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        body = response.content.decode("utf-8")
        self.assertTrue(body.startswith("\ufeff"))
        rows = list(csv.reader(io.StringIO(body[1:])))
        self.assertEqual(rows[0][-1], "Days to decision")
        days = sorted(float(row[-1]) for row in rows[1:] if row[-1])
        self.assertEqual(days, sorted(self.turnaround_days))
        self.assertEqual(len(rows) - 1, 5)
        states = sorted(row[7] for row in rows[1:])
        self.assertEqual(
            states,
            sorted(["approved", "rejected", "approved", "under review", "changes requested"]),
        )


class TrackingPaginationTest(EnglishClientMixin, BaseTestCase):
    def test_the_rows_are_split_over_pages(self):
        from experiments.views import PAGE_SIZE

        from .factories import make_schools

        regional = experiment("ruimte-voor-de-regio")
        schools = make_schools(PAGE_SIZE + 3)
        make_applications(regional, schools, "2020/21", "admitted")
        for school in schools:
            make_submission(school, self.alice, regional, state="draft")
        self.login(make_user("minister", self.ministry, Role.MINISTRY_STAFF))
        first = self.client.get(URL)
        self.assertEqual(len(first.context["page"].object_list), PAGE_SIZE)
        self.assertContains(first, "Page 1 of 2")
        self.assertContains(first, 'href="?page=2"')
        second = self.client.get(URL, {"page": 2})
        self.assertEqual(len(second.context["page"].object_list), 3)
        shown = {row.school_code for page in (first, second) for row in page.context["page"]}
        self.assertEqual(shown, {school.code for school in schools})


class TrackingExportTest(EnglishClientMixin, BaseTestCase):
    """The XLSX twin of the progress CSV, and text a school typed that looks like a formula."""

    XLSX_URL = "/experimenten/ruimte-voor-de-regio/voortgang.xlsx"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.regional = experiment("ruimte-voor-de-regio")
        make_applications(cls.regional, [cls.school], "2020/21", "admitted")
        for title in ("=cmd|' /C calc'!A0", "@SUM(1+1)", '=HYPERLINK("http://x.example")'):
            make_submission(
                cls.school,
                cls.alice,
                cls.regional,
                state="approved",
                submitted_at=START,
                decided_at=START + timedelta(days=2),
                title=title,
            )
        cls.minister = make_user("minister", cls.ministry, Role.MINISTRY_STAFF)

    def test_formulas_typed_by_a_school_come_out_as_text_in_the_csv(self):
        self.login(self.minister)
        body = self.client.get(CSV_URL).content.decode("utf-8")
        titles = sorted(row[5] for row in csv.reader(io.StringIO(body[1:])) if row)[:-1]
        self.assertEqual(
            titles,
            sorted(["'=cmd|' /C calc'!A0", "'@SUM(1+1)", """'=HYPERLINK("http://x.example")"""]),
        )

    def test_xlsx_has_names_codes_real_dates_and_numbers(self):
        from openpyxl import load_workbook

        self.login(self.minister)
        response = self.client.get(self.XLSX_URL)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response["Content-Type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        self.assertIn("voortgang-ruimte-voor-de-regio.xlsx", response["Content-Disposition"])
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        self.assertEqual(rows[0][:4], ["School", "BRIN code", "Region", "Region code"])
        self.assertEqual(
            {tuple(row[:4]) for row in rows[1:]},
            {(self.school.name, "25PZ", self.region.name, "AM06")},
        )
        self.assertTrue(all(isinstance(row[8], datetime) for row in rows[1:]))
        self.assertEqual([row[10] for row in rows[1:]], [2.0, 2.0, 2.0])
        for row in sheet.iter_rows(min_row=2):
            self.assertEqual(row[5].data_type, "s")
            self.assertTrue(row[5].value.startswith("'"))

    def test_xlsx_only_for_ministry_staff(self):
        self.login(self.alice)
        self.assertEqual(self.client.get(self.XLSX_URL).status_code, 403)
