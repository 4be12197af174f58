"""The "New draft" page: kind, experiment and title → a draft with a skeleton document."""

import datetime

from django.urls import reverse
from django.utils import translation

from accounts.models import Role
from experiments.models import Experiment
from submissions.models import Submission, SubmissionEvent
from tests.experiments.factories import reopen_ended_experiments
from tests.submissions.helpers import EXPERIMENTS, DraftTestCase

URL = reverse("submissions:draft-create")


class DraftCreateTests(DraftTestCase):
    def setUp(self):
        super().setUp()
        reopen_ended_experiments()

    def create(self, kind, title="Zorg in de wijk", experiment=None):
        self.login(self.alice)
        experiment = experiment or Experiment.objects.get(slug=EXPERIMENTS[kind])
        return self.client.post(URL, {"kind": kind, "experiment": experiment.pk, "title": title})

    def test_page_offers_the_three_kinds(self):
        self.login(self.alice)
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 200)
        for kind in EXPERIMENTS:
            self.assertContains(response, f'value="{kind}"')

    def test_the_kinds_are_a_group_with_a_legend(self):
        """Screen readers announce the question with each option: a fieldset and legend."""
        self.login(self.alice)
        response = self.client.get(URL)
        self.assertContains(response, "<legend>Kind of submission</legend>", html=True)
        self.assertNotContains(response, "<label>Kind of submission:</label>", html=True)
        response = self.client.post(URL, {"title": "Zorg in de wijk"})
        self.assertContains(response, 'aria-describedby="id_kind_error"', status_code=400)
        self.assertContains(response, 'value="Zorg in de wijk"', status_code=400)

    def test_regional_programme_draft_has_a_skeleton_document(self):
        response = self.create("regional_programme", title="Zorg in de wijk")
        submission = Submission.objects.get(school=self.school)
        self.assertRedirects(response, reverse("submissions:draft-edit", args=[submission.pk]))
        self.assertEqual(submission.state, Submission.State.DRAFT)
        self.assertEqual(submission.kind, "regional_programme")
        self.assertEqual(submission.title, "Zorg in de wijk")
        self.assertEqual(submission.experiment.slug, "ruimte-voor-de-regio")
        self.assertEqual(submission.region, self.school.region)
        self.assertEqual(submission.created_by, self.alice)
        self.assertEqual(
            submission.draft,
            {
                "format": "vet-submission/1",
                "kind": "regional_programme",
                "school": self.school.code,
                "experiment": "ruimte-voor-de-regio",
                "title": "Zorg in de wijk",
                "region": self.school.region.code,
            },
        )
        self.assertTrue(
            SubmissionEvent.objects.filter(
                submission=submission, action="created", actor=self.alice
            ).exists()
        )

    def test_cross_over_draft(self):
        self.create("cross_over", title="Zorg en facilitair")
        submission = Submission.objects.get(school=self.school)
        self.assertEqual(submission.kind, "cross_over")
        self.assertEqual(submission.draft["experiment"], "cross-overs")
        self.assertEqual(submission.draft["region"], self.school.region.code)
        self.assertEqual(submission.draft["title"], "Zorg en facilitair")

    def test_practice_programme_draft_names_no_experiment_or_region_in_the_document(self):
        self.create("practice_programme", title="Praktijkgericht Z&W")
        submission = Submission.objects.get(school=self.school)
        self.assertEqual(submission.experiment.slug, "pilot-praktijkgerichte-programmas")
        self.assertEqual(submission.title, "Praktijkgericht Z&W")
        self.assertEqual(
            submission.draft,
            {
                "format": "vet-submission/1",
                "kind": "practice_programme",
                "school": self.school.code,
            },
        )

    def test_experiment_of_another_kind_is_refused_and_the_title_kept(self):
        cross_overs = Experiment.objects.get(slug="cross-overs")
        response = self.create("regional_programme", title="Mijn titel", experiment=cross_overs)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Mijn titel", status_code=400)
        self.assertFalse(Submission.objects.exists())

    def test_empty_experiment_takes_the_one_of_the_kind(self):
        self.login(self.alice)
        self.client.post(URL, {"kind": "cross_over", "experiment": "", "title": "X"})
        self.assertEqual(Submission.objects.get().experiment.slug, "cross-overs")

    def test_charlie_drafts_for_his_own_school_only(self):
        self.login(self.charlie)
        self.client.post(
            URL,
            {
                "kind": "cross_over",
                "experiment": Experiment.objects.get(slug="cross-overs").pk,
                "title": "Charlie's",
                "school": self.school.pk,
            },
        )
        submission = Submission.objects.get()
        self.assertEqual(submission.school, self.other_school)
        self.assertEqual(submission.draft["school"], self.other_school.code)

    def test_national_roles_cannot_draft(self):
        for role in (Role.SBB_REVIEWER, Role.MINISTRY_STAFF, Role.INSPECTORATE_REVIEWER):
            with self.subTest(role=role):
                self.login(self.make_national_user(role))
                self.assertEqual(self.client.get(URL).status_code, 403)
                response = self.client.post(
                    URL, {"kind": "cross_over", "experiment": "", "title": "X"}
                )
                self.assertEqual(response.status_code, 403)
        self.assertFalse(Submission.objects.exists())

    def test_anonymous_is_sent_to_the_login_page(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/inloggen/", response["Location"])


class DraftCalendarTests(DraftTestCase):
    """A new draft for an experiment that is not open is refused up front, with the date."""

    def test_an_ended_experiment_is_refused_with_its_end_date(self):
        self.login(self.alice)
        cross_overs = Experiment.objects.get(slug="cross-overs")
        response = self.client.post(
            URL, {"kind": "cross_over", "experiment": cross_overs.pk, "title": "Te laat"}
        )
        self.assertContains(
            response,
            "Cross-overs ended on 31 July 2025; it takes no new applications or drafts.",
            status_code=400,
        )
        self.assertContains(response, 'value="Te laat"', status_code=400)
        self.assertFalse(Submission.objects.exists())

    def test_the_kind_without_a_chosen_experiment_is_refused_too(self):
        self.login(self.alice)
        response = self.client.post(
            URL, {"kind": "practice_programme", "experiment": "", "title": "X"}
        )
        self.assertContains(response, "ended on 31 July 2024", status_code=400)
        self.assertFalse(Submission.objects.exists())

    def test_the_service_refuses_without_the_page(self):
        from submissions.drafting import services as drafting

        cross_overs = Experiment.objects.get(slug="cross-overs")
        with (
            translation.override("en"),
            self.assertRaisesMessage(drafting.DraftRefused, "31 July 2025"),
        ):
            drafting.create_draft(
                user=self.alice,
                kind="cross_over",
                experiment=cross_overs,
                title="X",
                today=datetime.date(2025, 8, 1),
            )
        # The last day of the experiment is still open.
        drafting.create_draft(
            user=self.alice,
            kind="cross_over",
            experiment=cross_overs,
            title="X",
            today=datetime.date(2025, 7, 31),
        )
        self.assertEqual(Submission.objects.count(), 1)

    def test_the_open_experiment_is_offered_and_the_closed_ones_say_why(self):
        self.login(self.alice)
        response = self.client.get(URL)
        self.assertContains(response, "Ruimte voor de regio")
        self.assertContains(response, "31 July 2025")


class EditorShowsThePhaseTests(DraftTestCase):
    def test_the_editor_shows_the_experiment_phase_with_its_date(self):
        submission = self.make_draft("cross_over")  # made while Cross-overs was open
        self.login(self.alice)
        response = self.client.get(reverse("submissions:draft-edit", args=[submission.pk]))
        self.assertContains(response, "badge--phase-ended")
        self.assertContains(response, "Ended on 31 July 2025")
