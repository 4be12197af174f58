"""The calendar of an experiment: its phase from its dates and today, shown on
the pages, and applications and new drafts refused up front when it is not open."""

import datetime

import pytest
from django.utils import translation

from experiments import selectors
from experiments.models import Experiment, Participation, Phase
from experiments.services import ApplicationRefused, apply_for_experiment, closed_reason
from tests.base import BaseTestCase

from .factories import EnglishClientMixin, experiment, make_applications, make_schools

D = datetime.date


def make(**dates) -> Experiment:
    return Experiment(slug="x", name="Proef", kind="regional_programme", **dates)


@pytest.mark.parametrize(
    ("dates", "today", "phase"),
    [
        ({}, D(2026, 11, 29), Phase.OPEN),
        # Applications open on their opening day, not the day before.
        ({"applications_open_on": D(2026, 12, 1)}, D(2026, 11, 30), Phase.UPCOMING),
        ({"applications_open_on": D(2026, 12, 1)}, D(2026, 12, 1), Phase.OPEN),
        # Still open on the closing day; running the day after.
        ({"applications_close_on": D(2026, 11, 29)}, D(2026, 11, 29), Phase.OPEN),
        ({"applications_close_on": D(2026, 11, 29)}, D(2026, 11, 30), Phase.RUNNING),
        # The experiment runs on its end date and has ended the day after.
        ({"end_date": D(2025, 7, 31)}, D(2025, 7, 31), Phase.OPEN),
        ({"end_date": D(2025, 7, 31)}, D(2025, 8, 1), Phase.ENDED),
        (
            {"applications_close_on": D(2025, 1, 31), "end_date": D(2025, 7, 31)},
            D(2025, 7, 31),
            Phase.RUNNING,
        ),
        (
            {"applications_open_on": D(2027, 1, 1), "end_date": D(2025, 7, 31)},
            D(2026, 1, 1),
            Phase.ENDED,
        ),
    ],
)
def test_the_phase_at_its_date_boundaries(dates, today, phase):
    assert make(**dates).phase_on(today) == phase


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("dates", "today", "is_open"),
    [
        ({}, D(2026, 11, 29), True),
        ({"applications_open_on": D(2026, 12, 1)}, D(2026, 11, 30), False),
        ({"applications_open_on": D(2026, 12, 1)}, D(2026, 12, 1), True),
        ({"applications_close_on": D(2026, 11, 29)}, D(2026, 11, 29), True),
        ({"applications_close_on": D(2026, 11, 29)}, D(2026, 11, 30), False),
        ({"end_date": D(2025, 7, 31)}, D(2025, 7, 31), True),
        ({"end_date": D(2025, 7, 31)}, D(2025, 8, 1), False),
    ],
)
def test_the_database_filter_agrees_with_the_phase(dates, today, is_open):
    from experiments.models import open_on

    Experiment.objects.all().delete()
    created = Experiment.objects.create(slug="x", name="Proef", **dates)
    assert (created.phase_on(today) == Phase.OPEN) is is_open
    assert Experiment.objects.filter(open_on(today)).exists() is is_open


def test_the_reason_names_the_date_in_the_language_of_the_page():
    ended = make(end_date=D(2025, 7, 31))
    with translation.override("nl"):
        assert "31 juli 2025" in closed_reason(ended, D(2026, 11, 29))
    with translation.override("en"):
        assert closed_reason(ended, D(2026, 11, 29)) == (
            "Proef ended on 31 July 2025; it takes no new applications or drafts."
        )
        assert "open on 1 December 2026" in closed_reason(
            make(applications_open_on=D(2026, 12, 1)), D(2026, 11, 29)
        )
        assert "closed on 30 November 2026" in closed_reason(
            make(applications_close_on=D(2026, 11, 30)), D(2026, 12, 1)
        )
        assert closed_reason(make(), D(2026, 11, 29)) == ""


@pytest.mark.django_db
def test_the_service_refuses_an_application_to_an_ended_experiment():
    cross_overs = experiment("cross-overs")
    (school,) = make_schools(1)
    from tests.base import make_user

    author = make_user("a", school)
    with translation.override("en"), pytest.raises(ApplicationRefused) as refused:
        apply_for_experiment(
            experiment=cross_overs,
            school=school,
            cohort="2025/26",
            motivation="m",
            applied_by=author,
            today=D(2025, 8, 1),
        )
    assert "ended on 31 July 2025" in refused.value.messages[0]
    assert not Participation.objects.exists()
    apply_for_experiment(
        experiment=cross_overs,
        school=school,
        cohort="2024/25",
        motivation="m",
        applied_by=author,
        today=D(2025, 7, 31),
    )
    assert Participation.objects.count() == 1


class CalendarPagesTest(EnglishClientMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.cross_overs = experiment("cross-overs")
        cls.regional = experiment("ruimte-voor-de-regio")

    def test_applying_to_an_ended_experiment_is_refused_up_front_with_the_date(self):
        self.login(self.alice)
        url = "/experimenten/cross-overs/aanmelden/"
        response = self.client.get(url)
        self.assertContains(response, "Cross-overs ended on 31 July 2025")
        self.assertNotContains(response, 'name="motivation"')
        response = self.client.post(url, {"cohort": "2025/26", "motivation": "m"})
        self.assertContains(response, "ended on 31 July 2025", status_code=400)
        self.assertFalse(Participation.objects.exists())

    def test_the_ended_experiment_stays_browsable_without_an_apply_button(self):
        make_applications(self.cross_overs, [self.other_school], "2021/22", "admitted")
        self.login(self.alice)
        response = self.client.get("/experimenten/cross-overs/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ended")
        self.assertContains(response, "31 July 2025")
        self.assertNotContains(response, "/experimenten/cross-overs/aanmelden/")
        response = self.client.get("/experimenten/ruimte-voor-de-regio/")
        self.assertContains(response, "Open for applications")
        self.assertContains(response, "/experimenten/ruimte-voor-de-regio/aanmelden/")

    def test_the_list_shows_each_phase(self):
        self.login(self.alice)
        response = self.client.get("/experimenten/")
        self.assertContains(response, "badge--phase-ended", count=2)
        self.assertContains(response, "badge--phase-open", count=1)
        self.assertContains(response, "31 July 2025")

    def test_dates_read_the_same_in_dutch(self):
        self.client.cookies.clear()
        self.login(self.alice)
        response = self.client.get("/experimenten/cross-overs/")
        self.assertContains(response, "31 juli 2025")
        self.assertNotContains(response, "2025-07-31")

    def test_open_applications_count_only_open_experiments(self):
        make_applications(self.cross_overs, make_schools(2), "2024/25")
        make_applications(self.regional, make_schools(3, start=60), "2024/25")
        counts = {e.slug: e.open_count for e in selectors.experiment_list_with_open_applications()}
        self.assertEqual(counts["cross-overs"], 0)
        self.assertEqual(counts["ruimte-voor-de-regio"], 3)
        self.assertEqual(selectors.open_application_count(), 3)
        # On the last day of Cross-overs its applications still count.
        self.assertEqual(selectors.open_application_count(D(2025, 7, 31)), 5)
