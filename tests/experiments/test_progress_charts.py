"""The progress page's charts: turnaround per month and schools per cohort, each
beside a table with the same numbers (json_script data, no inline scripts)."""

import json
import re
from datetime import UTC, datetime, timedelta

from accounts.models import Role
from experiments import selectors
from tests.base import BaseTestCase, make_user

from .factories import (
    EnglishClientMixin,
    experiment,
    make_applications,
    make_schools,
    make_submission,
)

URL = "/experimenten/ruimte-voor-de-regio/voortgang/"


def json_script(html: str, element_id: str):
    match = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, element_id
    return json.loads(match.group(1))


class ProgressChartsTest(EnglishClientMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.regional = experiment("ruimte-voor-de-regio")
        make_applications(cls.regional, [cls.school, cls.other_school], "2020/21", "admitted")
        make_applications(cls.regional, make_schools(2), "2021/22", "applied")
        make_applications(cls.regional, make_schools(1, start=60), "2021/22", "declined")
        march = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
        for school, author, submitted, days in (
            (cls.school, cls.alice, march, 2),
            (cls.school, cls.alice, march, 6),
            (cls.other_school, cls.charlie, march, 31 + 10),  # decided in April
        ):
            make_submission(
                school,
                author,
                cls.regional,
                state="approved",
                submitted_at=submitted,
                decided_at=submitted + timedelta(days=days),
            )
        make_submission(cls.school, cls.alice, cls.regional, state="under_review")
        cls.minister = make_user("minister", cls.ministry, Role.MINISTRY_STAFF)

    def test_turnaround_per_month_groups_by_month_of_the_decision(self):
        months = selectors.turnaround_per_month(selectors.tracking(self.regional).rows)
        self.assertEqual(
            [(m.month.isoformat(), m.count, m.median_days, m.longest_days) for m in months],
            [("2024-03-01", 2, 4.0, 6.0), ("2024-04-01", 1, 41.0, 41.0)],
        )

    def test_participants_per_cohort_by_status(self):
        rows = selectors.participants_per_cohort(self.regional)
        self.assertEqual(
            [(r["cohort"], r["admitted"], r["applied"], r["declined"], r["total"]) for r in rows],
            [("2020/21", 2, 0, 0, 2), ("2021/22", 0, 2, 1, 3)],
        )

    def test_the_page_hands_the_chart_data_to_the_script_and_keeps_the_tables(self):
        self.login(self.minister)
        response = self.client.get(URL)
        html = response.content.decode()
        turnaround = json_script(html, "turnaround-data")
        self.assertEqual(turnaround["type"], "line")
        self.assertEqual(turnaround["labels"], ["March 2024", "April 2024"])
        self.assertEqual(turnaround["datasets"][0]["data"], [4.0, 41.0])
        cohorts = json_script(html, "cohort-data")
        self.assertEqual(cohorts["type"], "stacked-bar")
        self.assertEqual(cohorts["labels"], ["2020/21", "2021/22"])
        by_label = {d["label"]: d["data"] for d in cohorts["datasets"]}
        self.assertEqual(by_label["Admitted"], [2, 0])
        self.assertEqual(by_label["Applied"], [0, 2])
        self.assertIn('data-chart-source="turnaround-data"', html)
        self.assertIn('data-chart-source="cohort-data"', html)
        self.assertIn("/static/vendor/chartjs/chart.umd.min.js", html)
        self.assertIn("/static/js/charts.js", html)
        # The tables with the same numbers stay beside the charts.
        self.assertIn('id="turnaround-per-month"', html)
        self.assertIn('id="participants-per-cohort"', html)
        # No inline script besides the JSON data.
        for script in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html):
            self.assertIn('type="application/json"', script)
