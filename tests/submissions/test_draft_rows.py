"""Adding and removing rows: htmx answers with the form (no page reload), the
same buttons work without JavaScript, and nothing typed is lost or saved."""

from tests.submissions.helpers import DraftTestCase, form_data

TYPED = {"title": "Mijn programma", "section_title": "Zorg dichtbij huis"}
CONTRIBUTORS = [
    {"name": "A. Docent", "role": "teacher", "organisation": "25PZ"},
    {"name": "B. Expert", "role": "company_expert", "organisation": "12345678"},
    {"name": "C. Derde", "role": "teacher"},
]


class DraftRowTests(DraftTestCase):
    def setUp(self):
        super().setUp()
        self.submission = self.make_draft("regional_programme")
        self.login(self.alice)

    def post(self, action, rows=None, htmx=True):
        data = form_data("regional_programme", TYPED, rows or {}, action=action)
        return self.post_editor(self.submission, data, htmx=htmx)

    def test_add_a_learning_outcome_with_htmx_returns_the_form_with_one_more_row(self):
        rows = {"learning_outcomes": [{"code": "R1", "text": "Eerste"}]}
        response = self.post("add:learning_outcomes", rows)
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "submissions/partials/draft_form.html")
        self.assertTemplateNotUsed(response, "base.html")
        content = response.content.decode()
        self.assertIn('name="learning_outcomes-TOTAL_FORMS" value="2"', content)
        self.assertIn('name="learning_outcomes-1-code"', content)
        self.assertIn('value="Eerste"', content)
        self.assertIn('value="Mijn programma"', content)
        # The new row's first field gets the focus.
        self.assertRegex(content, r'name="learning_outcomes-1-code"[^>]*autofocus')
        self.submission.refresh_from_db()
        self.assertEqual(self.submission.revision, 1, "adding a row does not save")

    def test_add_contributors_one_after_another(self):
        response = self.post("add:contributors")
        self.assertContains(response, 'name="contributors-TOTAL_FORMS" value="1"')
        response = self.post("add:contributors", {"contributors": CONTRIBUTORS[:1]})
        self.assertContains(response, 'name="contributors-TOTAL_FORMS" value="2"')
        self.assertContains(response, 'value="A. Docent"')

    def test_remove_the_middle_row_keeps_the_others_in_order(self):
        response = self.post("remove:contributors:1", {"contributors": CONTRIBUTORS})
        content = response.content.decode()
        self.assertIn('name="contributors-TOTAL_FORMS" value="2"', content)
        self.assertIn('name="contributors-0-name" value="A. Docent"', content)
        self.assertIn('name="contributors-1-name" value="C. Derde"', content)
        self.assertNotIn("B. Expert", content)

    def test_without_javascript_the_whole_page_comes_back(self):
        response = self.post("add:electives", htmx=False)
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "base.html")
        self.assertContains(response, 'name="electives-0-type"')
        self.assertContains(response, 'value="Mijn programma"')

    def test_other_kinds_have_their_own_rows(self):
        for kind, block, field in (
            ("cross_over", "parts", "qualification"),
            ("practice_programme", "partners", "kind"),
        ):
            with self.subTest(kind=kind):
                submission = self.make_draft(kind)
                data = form_data(kind, {"title": "T"}, action=f"add:{block}")
                response = self.post_editor(submission, data, htmx=True)
                self.assertContains(response, f'name="{block}-0-{field}"')

    def test_unknown_block_or_index_changes_nothing(self):
        rows = {"contributors": CONTRIBUTORS[:1]}
        for action in ("add:parts", "remove:contributors:7", "remove:contributors:x"):
            with self.subTest(action=action):
                response = self.post(action, rows)
                self.assertContains(response, 'name="contributors-TOTAL_FORMS" value="1"')

    def test_rows_are_capped(self):
        rows = {"learning_outcomes": [{"code": f"R{i}", "text": "x"} for i in range(50)]}
        response = self.post("add:learning_outcomes", rows)
        self.assertContains(response, 'name="learning_outcomes-TOTAL_FORMS" value="50"')

    def test_charlie_cannot_use_the_rows_endpoint(self):
        self.login(self.charlie)
        response = self.post("add:contributors")
        self.assertEqual(response.status_code, 404)
