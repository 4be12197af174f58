"""Issue 11's rules beside the fields and rows of the draft editor ("Check
now"), for the rules the other editor tests do not place: QS-02 in the row of
the cross-over part it is about, PP-06 beside the budget and the start of the
period."""

from tests.submissions.helpers import DraftTestCase, form_data
from tests.submissions.test_draft_check import element, rules_in

CROSS_OVER = {
    "title": "Zorg en facilitair",
    "level": "2",
    "region": "AM06",
    "start_date": "2020-08-01",
    "end_date": "2025-07-31",
    "labour_market_need": "Vraag uit de regio.",
}
PARTS = [
    {"qualification": "25498", "core_task": "P2-K1"},
    {"qualification": "25499", "core_task": "P1-K1"},
]
PRACTICE = {
    "title": "Praktijk",
    "theme": "Z&W",
    "hours": "320",
    "budget_eur": "0",
    "period_start": "2021-08-01",
    "period_end": "2024-07-31",
    "activity_plan": "Plan",
}
PARTNERS = [
    {"kind": "mbo", "organisation": "25PZ"},
    {"kind": "company", "organisation": "12345678"},
    {"kind": "havo", "name": "Stedelijk havo"},
]


class CheckNowIssue11Tests(DraftTestCase):
    def check(self, submission, main, rows) -> str:
        data = form_data(submission.kind, main, rows, action="check")
        return self.post_editor(submission, data, htmx=True).content.decode()

    def test_qs02_in_the_rows_of_the_parts_not_valid_on_the_start_date(self):
        """The fixtures' qualifications are valid from 1 August 2020."""
        submission = self.make_draft("cross_over")
        self.login(self.alice)
        html = self.check(submission, {**CROSS_OVER, "start_date": "2020-07-31"}, {"parts": PARTS})
        assert "QS-02" in rules_in(element(html, "parts-row-0"))
        assert "QS-02" in rules_in(element(html, "parts-row-1"))
        assert "QS-02" not in rules_in(element(html, "field-start_date"))
        html = self.check(submission, CROSS_OVER, {"parts": PARTS})
        assert "QS-02" not in rules_in(html)

    def test_pp06_beside_the_budget_and_the_start_of_the_period(self):
        """Alice's school is not admitted to the pilot: budget 0, from 1 August 2021."""
        submission = self.make_draft("practice_programme")
        self.login(self.alice)
        main = {**PRACTICE, "budget_eur": "1", "period_start": "2021-07-31"}
        html = self.check(submission, main, {"partners": PARTNERS})
        assert "PP-06" in rules_in(element(html, "field-budget_eur"))
        assert "PP-06" in rules_in(element(html, "field-period_start"))
        html = self.check(submission, PRACTICE, {"partners": PARTNERS})
        assert "PP-06" not in rules_in(html)
