""" "Check now": the rules run on what is in the form (unsaved) and each finding
is shown beside its field, list or row, with a summary at the top."""

import re

from tests.submissions.helpers import DraftTestCase, form_data
from tests.submissions.test_draft_edit import REGIONAL_MAIN, REGIONAL_ROWS


def element(html: str, element_id: str) -> str:
    """The HTML of the fieldset or div with this id (up to its closing tag)."""
    match = re.search(rf'<(fieldset|div)[^>]* id="{re.escape(element_id)}"', html)
    assert match, f"no element {element_id}"
    tag, start, depth = match.group(1), match.start(), 0
    for found in re.finditer(rf"<(/?){tag}\b", html[start:]):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return html[start : start + found.end()]
    raise AssertionError(f"{element_id} is not closed")


def rules_in(html: str) -> set[str]:
    return set(re.findall(r'data-rule="([A-Z]+-\d+)"', html))


class CheckNowTests(DraftTestCase):
    def check(self, submission, main, rows, htmx=True):
        data = form_data(submission.kind, main, rows, action="check")
        return self.post_editor(submission, data, htmx=htmx)

    def test_regional_programme_without_a_company_expert(self):
        submission = self.make_draft("regional_programme")
        self.login(self.alice)
        teachers_only = {**REGIONAL_ROWS, "contributors": REGIONAL_ROWS["contributors"][:1]}
        response = self.check(submission, REGIONAL_MAIN, teachers_only)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        contributors = element(html, "block-contributors")
        self.assertIn("RR-04", rules_in(contributors))
        self.assertIn("company_expert", contributors)
        # Not beside other fields, and named in the summary with a link to the block.
        self.assertNotIn("RR-04", rules_in(element(html, "block-learning_outcomes")))
        self.assertIn('<a href="#block-contributors">RR-04</a>', html)
        block = response.context["editor"].formsets["contributors"]
        self.assertEqual([f["rule"] for f in block.findings], ["RR-04"])

    def test_check_does_not_save(self):
        submission = self.make_draft("regional_programme")
        before = dict(submission.draft)
        self.login(self.alice)
        self.check(submission, REGIONAL_MAIN, REGIONAL_ROWS)
        submission.refresh_from_db()
        self.assertEqual(submission.revision, 1)
        self.assertEqual(submission.draft, before)

    def test_a_valid_regional_programme_has_no_errors(self):
        submission = self.make_draft("regional_programme")
        self.login(self.alice)
        rows = {**REGIONAL_ROWS, "contributors": REGIONAL_ROWS["contributors"][:2]}
        response = self.check(submission, REGIONAL_MAIN, rows)
        errors = [f for f in response.context["findings"] if f["severity"] == "error"]
        self.assertEqual(errors, [])
        self.assertEqual(response.context["error_count"], 0)

    def test_a_finding_about_one_row_is_shown_in_that_row(self):
        """parts[1] of the document is the third row of the form when the second
        row is blank (blank rows are left out of the document)."""
        submission = self.make_draft("cross_over")
        self.login(self.alice)
        main = {
            "title": "Zorg en facilitair",
            "level": "2",
            "region": "AM06",
            "start_date": "2021-08-01",
            "end_date": "2025-07-31",
            "labour_market_need": "Vraag uit de regio.",
        }
        parts = [
            {"qualification": "25498", "core_task": "P2-K1"},
            {},
            {"qualification": "25499", "core_task": "P9-K1"},
        ]
        response = self.check(submission, main, {"parts": parts})
        html = response.content.decode()
        self.assertIn("CO-01", rules_in(element(html, "parts-row-2")))
        self.assertNotIn("CO-01", rules_in(element(html, "parts-row-0")))
        self.assertIn("P9-K1", element(html, "parts-row-2"))

    def test_a_finding_about_a_field_is_shown_beside_it(self):
        submission = self.make_draft("practice_programme")
        self.login(self.alice)
        main = {
            "title": "Praktijk",
            "theme": "Z&W",
            "hours": "300",
            "budget_eur": "170000",
            "period_start": "2020-12-15",
            "period_end": "2024-07-31",
            "activity_plan": "Plan",
        }
        partners = [{"kind": "mbo", "organisation": "25PZ"}]
        response = self.check(submission, main, {"partners": partners})
        html = response.content.decode()
        self.assertIn("PP-03", rules_in(element(html, "field-budget_eur")))
        self.assertIn("PP-02", rules_in(element(html, "field-hours")))
        self.assertIn("PP-04", rules_in(element(html, "block-partners")))
        self.assertNotIn("PP-03", rules_in(element(html, "field-hours")))

    def test_missing_fields_are_named_beside_them(self):
        submission = self.make_draft("regional_programme")
        self.login(self.alice)
        response = self.check(submission, {"title": "Nog leeg"}, {})
        html = response.content.decode()
        self.assertIn("FMT-01", rules_in(element(html, "field-start_date")))
        self.assertIn("FMT-01", rules_in(element(html, "field-qualification")))
        self.assertIn("FMT-01", rules_in(element(html, "field-section_title")))

    def test_findings_about_the_whole_draft_are_in_the_summary(self):
        """Charlie's school is not admitted to the experiment: RR-07 is about the
        school, which is no field of the form."""
        submission = self.make_draft("regional_programme", user=self.charlie)
        self.login(self.charlie)
        rows = {**REGIONAL_ROWS, "contributors": REGIONAL_ROWS["contributors"][:2]}
        response = self.check(submission, REGIONAL_MAIN, rows)
        general = response.context["editor"].general_findings
        self.assertIn("RR-07", [f["rule"] for f in general])
        summary = response.content.decode().split('class="draft-summary"')[1].split("</section>")[0]
        self.assertIn("RR-07", rules_in(summary))

    def test_without_javascript_the_page_shows_the_findings(self):
        submission = self.make_draft("regional_programme")
        self.login(self.alice)
        response = self.check(submission, {"title": "T"}, {}, htmx=False)
        self.assertTemplateUsed(response, "base.html")
        self.assertContains(response, "Result of the check")

    def test_a_value_that_cannot_be_read_is_marked_first(self):
        submission = self.make_draft("regional_programme")
        self.login(self.alice)
        response = self.check(submission, {**REGIONAL_MAIN, "section_hours": "veel"}, {})
        self.assertContains(response, "Please correct the fields marked below")
        self.assertContains(response, 'value="veel"')
        self.assertNotContains(response, "Result of the check")


class CheckNowRoundTwoTests(DraftTestCase):
    """Issue 11's rules in the editor: REG-01, FMT-02, QS-02, PP-04 and PP-06
    findings beside the fields and rows they are about."""

    def check(self, submission, main, rows):
        data = form_data(submission.kind, main, rows, action="check")
        return self.post_editor(submission, data, htmx=True)

    def test_cross_over_region_and_end_date(self):
        submission = self.make_draft("cross_over")
        self.login(self.alice)
        main = {
            "title": "Zorg en facilitair",
            "level": "2",
            "region": "AM77",
            "start_date": "2021-08-01",
            "end_date": "2021-07-31",
            "labour_market_need": "Vraag uit de regio.",
        }
        parts = [
            {"qualification": "25498", "core_task": "P2-K1"},
            {"qualification": "25499", "core_task": "P1-K1"},
        ]
        html = self.check(submission, main, {"parts": parts}).content.decode()
        self.assertIn("REG-01", rules_in(element(html, "field-region")))
        self.assertIn("FMT-02", rules_in(element(html, "field-end_date")))
        self.assertNotIn("FMT-02", rules_in(element(html, "field-region")))
        # The same end date as the start is possible.
        main["end_date"] = main["start_date"]
        main["region"] = "AM06"
        html = self.check(submission, main, {"parts": parts}).content.decode()
        self.assertNotIn("FMT-02", rules_in(html))
        self.assertNotIn("REG-01", rules_in(html))

    def test_practice_programme_partner_without_code(self):
        """A negative budget is refused by the form itself (a number field with
        a minimum); a partner named without its code is PP-04, in its row."""
        submission = self.make_draft("practice_programme")
        self.login(self.alice)
        main = {
            "title": "Praktijk",
            "theme": "Z&W",
            "hours": "320",
            "budget_eur": "1000",
            "period_start": "2020-12-15",
            "period_end": "2024-07-31",
            "activity_plan": "Plan",
        }
        partners = [
            {"kind": "mbo", "organisation": "25PZ"},
            {"kind": "company", "name": "Bakkerij zonder KvK"},
        ]
        html = self.check(submission, main, {"partners": partners}).content.decode()
        self.assertIn("PP-04", rules_in(element(html, "partners-row-1")))
        self.assertNotIn("PP-04", rules_in(element(html, "partners-row-0")))
        self.assertIn("Bakkerij zonder KvK", element(html, "partners-row-1"))
