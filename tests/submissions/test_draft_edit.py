"""The draft editor: saving per kind gives exactly the interchange document;
a failed save keeps the input; who may open and change a draft; query counts."""

import pytest
from django.utils import timezone

from accounts.models import Role, User
from experiments.draft_forms import RegionalProgrammeEditor
from submissions.drafting import services as drafting
from submissions.models import Submission, SubmissionEvent
from tests.submissions.helpers import WHILE_OPEN, DraftTestCase, form_data

REGIONAL_MAIN = {
    "title": "Helpende zorg en welzijn — Deventer profiel",
    "region": "AM06",
    "start_date": "2021-08-01",
    "qualification": "25498",
    "section_title": "Zorg dichtbij huis",
    "section_hours": "400",
}
REGIONAL_ROWS = {
    "learning_outcomes": [{"code": "R1", "text": "Ondersteunt cliënten bij wonen in de wijk"}],
    "contributors": [
        {"name": "A. Docent", "role": "teacher", "organisation": "25PZ"},
        {"name": "B. Expert", "role": "company_expert", "organisation": "12345678"},
        {"name": "C. Meester", "role": "company_expert", "organisation_name": "Bakkerij Om"},
    ],
    "electives": [
        {"type": "national", "code": "K0123"},
        {
            "type": "regional",
            "title": "Zorgtechnologie",
            "hours": "240",
            "learning_outcomes": "E1: Werkt met domotica\nE2: Legt apparaten uit",
        },
    ],
}


def outcomes(text):
    """Learning outcomes typed one per line as "code: text"."""
    return [
        {"code": code.strip(), "text": rest.strip()}
        for code, _, rest in (line.partition(":") for line in text.splitlines())
    ]


class EditorSavesTheInterchangeDocumentTests(DraftTestCase):
    def test_regional_programme(self):
        submission = self.make_draft("regional_programme")
        self.login(self.alice)
        response = self.post_editor(
            submission, form_data("regional_programme", REGIONAL_MAIN, REGIONAL_ROWS)
        )
        self.assertRedirects(response, self.edit_url(submission))
        rows = REGIONAL_ROWS
        regional_elective = rows["electives"][1]
        expected = {
            "format": "vet-submission/1",
            "kind": "regional_programme",
            "school": self.school.code,
            "experiment": "ruimte-voor-de-regio",
            "title": REGIONAL_MAIN["title"],
            "region": REGIONAL_MAIN["region"],
            "start_date": REGIONAL_MAIN["start_date"],
            "national_section": {"qualification": REGIONAL_MAIN["qualification"]},
            "regional_section": {
                "title": REGIONAL_MAIN["section_title"],
                "hours": int(REGIONAL_MAIN["section_hours"]),
                "learning_outcomes": rows["learning_outcomes"],
                "contributors": rows["contributors"],
            },
            "electives": [
                {"type": "national", "code": rows["electives"][0]["code"]},
                {
                    "type": "regional",
                    "title": regional_elective["title"],
                    "hours": int(regional_elective["hours"]),
                    "learning_outcomes": outcomes(regional_elective["learning_outcomes"]),
                },
            ],
        }
        submission.refresh_from_db()
        self.assertEqual(submission.draft, expected)
        self.assertEqual(submission.title, REGIONAL_MAIN["title"])
        self.assertEqual(submission.region.code, "AM06")
        self.assertEqual(submission.revision, 2)
        event = SubmissionEvent.objects.get(submission=submission, action="saved")
        self.assertEqual(event.actor, self.alice)

    def test_saved_regional_programme_meets_the_rules(self):
        """The editor's document is the interchange format the rules read: the
        example of docs/interchange.md, typed into the form, has no errors."""
        submission = self.make_draft("regional_programme")
        self.login(self.alice)
        rows = {**REGIONAL_ROWS, "contributors": REGIONAL_ROWS["contributors"][:2]}
        self.post_editor(submission, form_data("regional_programme", REGIONAL_MAIN, rows))
        submission.refresh_from_db()
        findings = drafting.check_document(submission.draft, submission)
        self.assertEqual([f for f in findings if f["severity"] == "error"], [])

    def test_cross_over(self):
        submission = self.make_draft("cross_over")
        self.login(self.alice)
        main = {
            "title": "Medewerker zorg en facilitair",
            "level": "2",
            "region": "AM25",
            "start_date": "2021-08-01",
            "end_date": "2025-07-31",
            "labour_market_need": "Zorginstellingen vragen om medewerkers die beide kunnen.",
            "inspectorate_review_needed": "on",
        }
        parts = [
            {"qualification": "25498", "core_task": "P2-K1"},
            {"qualification": "25499", "core_task": "P1-K1"},
        ]
        self.post_editor(submission, form_data("cross_over", main, {"parts": parts}))
        submission.refresh_from_db()
        self.assertEqual(
            submission.draft,
            {
                "format": "vet-submission/1",
                "kind": "cross_over",
                "school": self.school.code,
                "experiment": "cross-overs",
                "title": main["title"],
                "level": int(main["level"]),
                "region": main["region"],
                "start_date": main["start_date"],
                "end_date": main["end_date"],
                "labour_market_need": main["labour_market_need"],
                "parts": parts,
                "inspectorate_review_needed": True,
            },
        )
        self.assertTrue(submission.needs_inspectorate)
        self.assertEqual(submission.region.code, "AM25")

    def test_cross_over_without_the_flag(self):
        submission = self.make_draft("cross_over")
        self.login(self.alice)
        self.post_editor(submission, form_data("cross_over", {"title": "X"}))
        submission.refresh_from_db()
        self.assertIs(submission.draft["inspectorate_review_needed"], False)
        self.assertFalse(submission.needs_inspectorate)
        self.assertEqual(submission.draft["parts"], [])

    def test_practice_programme(self):
        submission = self.make_draft("practice_programme", user=self.alice)
        self.login(self.alice)
        main = {
            "title": "Praktijkgericht Z&W",
            "theme": "Z&W",
            "hours": "320",
            "budget_eur": "150000",
            "period_start": "2020-12-15",
            "period_end": "2024-07-31",
            "activity_plan": "Levensechte opdrachten uit de regio.",
        }
        partners = [
            {"kind": "mbo", "organisation": "25PZ"},
            {"kind": "company", "organisation": "12345678"},
            {"kind": "havo", "name": "Stedelijk havo"},
        ]
        self.post_editor(submission, form_data("practice_programme", main, {"partners": partners}))
        submission.refresh_from_db()
        self.assertEqual(
            submission.draft,
            {
                "format": "vet-submission/1",
                "kind": "practice_programme",
                "school": self.school.code,
                "theme": main["theme"],
                "hours": int(main["hours"]),
                "budget_eur": int(main["budget_eur"]),
                "period": {"start": main["period_start"], "end": main["period_end"]},
                "partners": partners,
                "activity_plan": main["activity_plan"],
            },
        )
        self.assertEqual(submission.title, main["title"])

    def test_blank_rows_are_left_out(self):
        submission = self.make_draft("cross_over")
        self.login(self.alice)
        parts = [{}, {"qualification": "25498", "core_task": "P2-K1"}, {}]
        self.post_editor(submission, form_data("cross_over", {"title": "X"}, {"parts": parts}))
        submission.refresh_from_db()
        self.assertEqual(submission.draft["parts"], [parts[1]])

    def test_the_editor_shows_the_stored_document(self):
        """Round trip: a stored (uploaded) document fills the form, and saving it
        unchanged gives the same document back."""
        submission = self.make_draft("regional_programme")
        document = self.valid("regional_programme")
        Submission.objects.filter(pk=submission.pk).update(draft=document)
        submission.refresh_from_db()
        self.login(self.alice)
        response = self.client.get(self.edit_url(submission))
        self.assertContains(response, "Ondersteunt cliënten bij wonen in de wijk")
        self.assertContains(response, 'value="B. Expert"')
        self.assertContains(response, "E1: Werkt met domotica")
        data = RegionalProgrammeEditor.data_from_document(document, submission)
        self.post_editor(submission, data)
        submission.refresh_from_db()
        self.assertEqual(submission.draft, document)


class ReferenceNamesTests(DraftTestCase):
    def test_rows_show_what_their_codes_stand_for(self):
        submission = self.make_draft("regional_programme")
        self.login(self.alice)
        self.post_editor(submission, form_data("regional_programme", REGIONAL_MAIN, REGIONAL_ROWS))
        response = self.client.get(self.edit_url(submission))
        editor = response.context["editor"]
        contributors = editor.formsets["contributors"].forms
        self.assertEqual(contributors[1].reference_label, self.ref.company.name)
        self.assertEqual(contributors[2].reference_label, "")
        self.assertEqual(
            editor.formsets["electives"].forms[0].reference_label, self.ref.elective.title
        )
        self.assertContains(
            response, f'<p class="draft-row__reference">{self.ref.company.name}</p>'
        )


class FailedSaveKeepsTheInputTests(DraftTestCase):
    def test_a_date_that_does_not_exist(self):
        submission = self.make_draft("regional_programme")
        self.login(self.alice)
        main = {**REGIONAL_MAIN, "start_date": "2021-02-30"}
        response = self.post_editor(
            submission, form_data("regional_programme", main, REGIONAL_ROWS)
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'value="2021-02-30"', status_code=400)
        self.assertContains(response, "Ondersteunt cliënten bij wonen in de wijk", status_code=400)
        self.assertContains(response, 'value="B. Expert"', status_code=400)
        self.assertContains(response, "form-field--invalid", status_code=400)
        submission.refresh_from_db()
        self.assertEqual(submission.revision, 1)
        self.assertNotIn("regional_section", submission.draft)

    def test_hours_that_are_not_a_number_with_htmx(self):
        submission = self.make_draft("practice_programme")
        self.login(self.alice)
        main = {"title": "T", "hours": "veel", "activity_plan": "Mijn plan van aanpak"}
        response = self.post_editor(submission, form_data("practice_programme", main), htmx=True)
        # htmx swaps only 2xx answers; the message in the form says what is wrong.
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'value="veel"')
        self.assertContains(response, "Mijn plan van aanpak")
        self.assertContains(response, "Please correct the fields marked below")


class EditorPermissionTests(DraftTestCase):
    def test_alice_and_bob_open_and_save(self):
        submission = self.make_draft("cross_over")
        for user in (self.alice, self.bob):
            with self.subTest(user=user.username):
                submission.refresh_from_db()
                self.login(user)
                self.assertEqual(self.client.get(self.edit_url(submission)).status_code, 200)
                title = f"Door {user.username}"
                self.post_editor(submission, form_data("cross_over", {"title": title}))
                submission.refresh_from_db()
                self.assertEqual(submission.draft["title"], title)

    def test_charlie_gets_404(self):
        submission = self.make_draft("cross_over")
        self.login(self.charlie)
        self.assertEqual(self.client.get(self.edit_url(submission)).status_code, 404)
        response = self.post_editor(submission, form_data("cross_over", {"title": "Gekaapt"}))
        self.assertEqual(response.status_code, 404)
        submission.refresh_from_db()
        self.assertNotEqual(submission.title, "Gekaapt")

    def test_national_roles_read_only(self):
        submission = self.make_draft("cross_over")
        Submission.objects.filter(pk=submission.pk).update(draft=self.valid("cross_over"))
        # Never submitted: the school's own, so national roles do not even see it.
        self.login(self.make_national_user(Role.SBB_REVIEWER))
        self.assertEqual(self.client.get(self.edit_url(submission)).status_code, 404)
        # Once submitted (and returned to draft) they read it, but cannot change it.
        Submission.objects.filter(pk=submission.pk).update(submitted_at=timezone.now())
        for role in Role.values:
            if role == Role.SCHOOL_AUTHOR:
                continue
            with self.subTest(role=role):
                self.login(User.objects.filter(role=role).first() or self.make_national_user(role))
                response = self.client.get(self.edit_url(submission))
                self.assertEqual(response.status_code, 200)
                # Read as a document: names beside codes, no form to save.
                self.assertContains(response, "Helpende zorg en welzijn (crebo 25498, level 2)")
                self.assertContains(response, "Helpt bij huishouden (P2-K1)")
                self.assertContains(response, "Alice&#x27;s ROC (BRIN 25PZ)")
                self.assertContains(response, "<td>no</td>")
                self.assertNotContains(response, 'id="draft-form"')
                self.assertNotContains(response, 'value="save"')
                response = self.post_editor(submission, form_data("cross_over", {"title": "Nee"}))
                self.assertEqual(response.status_code, 403)
        submission.refresh_from_db()
        self.assertEqual(submission.revision, 1)

    def test_anonymous_is_sent_to_login(self):
        submission = self.make_draft("cross_over")
        response = self.client.get(self.edit_url(submission))
        self.assertEqual(response.status_code, 302)

    def test_states_that_are_not_editable_refuse_a_save(self):
        submission = self.make_draft("cross_over")
        self.login(self.alice)
        for state in ("submitted", "under_review", "approved", "rejected", "withdrawn"):
            with self.subTest(state=state):
                Submission.objects.filter(pk=submission.pk).update(state=state)
                submission.refresh_from_db()
                page = self.client.get(self.edit_url(submission))
                self.assertNotContains(page, 'value="save"')
                response = self.post_editor(submission, form_data("cross_over", {"title": "Laat"}))
                self.assertEqual(response.status_code, 409)
                self.assertContains(response, 'value="Laat"', status_code=409)
                submission.refresh_from_db()
                self.assertNotEqual(submission.title, "Laat")
                self.assertEqual(submission.revision, 1)

    def test_changes_requested_is_editable(self):
        submission = self.make_draft("cross_over")
        Submission.objects.filter(pk=submission.pk).update(state="changes_requested")
        submission.refresh_from_db()
        self.login(self.alice)
        self.post_editor(submission, form_data("cross_over", {"title": "Herzien"}))
        submission.refresh_from_db()
        self.assertEqual(submission.title, "Herzien")

    def test_the_service_checks_the_author_too(self):
        submission = self.make_draft("cross_over")
        with pytest.raises(drafting.DraftRefused):
            drafting.save_draft(
                submission=submission,
                user=self.charlie,
                document=submission.draft,
                title="X",
                revision=1,
            )

    def test_pathway_submissions_are_not_drafted_here(self):
        submission = Submission.objects.create(
            kind="continuous_pathway", school=self.school, title="Route", created_by=self.alice
        )
        self.login(self.alice)
        self.assertEqual(self.client.get(self.edit_url(submission)).status_code, 404)


class EditorQueryCountTests(DraftTestCase):
    def count_queries(self, submission, rows):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.post_editor(submission, form_data(submission.kind, {"title": "T"}, rows))
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(self.edit_url(submission))
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_queries_do_not_grow_with_rows(self):
        self.login(self.alice)
        regional = self.make_draft("regional_programme")
        one = {key: value[:1] for key, value in REGIONAL_ROWS.items()}
        many = {key: value * 8 for key, value in REGIONAL_ROWS.items()}
        crossover = self.make_draft("cross_over", title="C")
        parts_one = {"parts": [{"qualification": "25498", "core_task": "P2-K1"}]}
        parts_many = {
            "parts": [
                {"qualification": crebo, "core_task": "P1-K1"} for crebo in ("25497", "25499")
            ]
            * 6
        }
        for submission, few, lots in ((regional, one, many), (crossover, parts_one, parts_many)):
            with self.subTest(kind=submission.kind):
                few_count = self.count_queries(submission, few)
                submission.refresh_from_db()
                lots_count = self.count_queries(submission, lots)
                self.assertEqual(few_count, lots_count)
                self.assertLessEqual(lots_count, 12)


@pytest.mark.django_db
def test_editor_query_count_is_bounded(client, django_assert_max_num_queries):
    """The editor of a draft with many rows stays within a fixed number of queries."""
    from experiments.models import Experiment
    from regions.models import Organisation, Region
    from tests.base import make_user
    from tests.rules.factories import ensure_experiments

    ensure_experiments()
    region = Region.objects.create(code="AM06", name="Stedendriehoek")
    school = Organisation.objects.create(kind="mbo", code="25PZ", name="ROC", region=region)
    alice = make_user("alice", school)
    submission = drafting.create_draft(
        user=alice,
        kind="cross_over",
        experiment=Experiment.objects.get(slug="cross-overs"),
        title="Veel onderdelen",
        today=WHILE_OPEN,
    )
    parts = [{"qualification": f"{25400 + n}", "core_task": "B1-K1"} for n in range(30)]
    Submission.objects.filter(pk=submission.pk).update(draft={**submission.draft, "parts": parts})
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        response = client.get(f"/indieningen/concept/{submission.pk}/")
    assert response.status_code == 200
    assert response.content.decode().count('name="parts-') >= 60


class SessionEndedTests(DraftTestCase):
    def test_an_htmx_save_after_the_session_ended_keeps_the_form(self):
        submission = self.make_draft("cross_over")
        data = form_data("cross_over", {"title": "Mijn tekst"})
        response = self.post_editor(submission, data, htmx=True)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["HX-Retarget"], ".draft-form__messages")
        self.assertContains(response, "You are no longer logged in")
        submission.refresh_from_db()
        self.assertEqual(submission.revision, 1)

    def test_without_htmx_the_login_page_follows(self):
        submission = self.make_draft("cross_over")
        response = self.post_editor(submission, form_data("cross_over", {"title": "T"}))
        self.assertEqual(response.status_code, 302)
        self.assertIn("/inloggen/", response["Location"])
