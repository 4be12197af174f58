"""Test data for the experiments tests."""

import datetime
import importlib

from django.utils import timezone

from experiments.models import Experiment, Participation
from regions.models import Organisation


def ensure_experiments() -> None:
    """The experiments of the data migration, again if a transactional test flushed them."""
    if Experiment.objects.exists():
        return
    from django.apps import apps

    migration = importlib.import_module("experiments.migrations.0002_experiments_from_seeds")
    migration.create_experiments(apps, None)


def experiment(slug: str) -> Experiment:
    ensure_experiments()
    return Experiment.objects.get(slug=slug)


def make_schools(count: int, *, kind: str = "mbo", start: int = 40, region=None):
    """`count` schools with BRIN codes 40AA, 41AA, ... (two digits, two letters)."""
    return [
        Organisation.objects.create(
            kind=kind, code=f"{start + i:02d}AA", name=f"School {start + i}", region=region
        )
        for i in range(count)
    ]


def make_applications(experiment: Experiment, schools, cohort: str, status="applied"):
    return [
        Participation.objects.create(
            experiment=experiment, school=school, cohort=cohort, status=status, motivation="m"
        )
        for school in schools
    ]


def make_submission(
    school, author, experiment, *, state, submitted_at=None, decided_at=None, title=""
):
    """A submission of `school` for `experiment`, with the workflow's timestamps set directly."""
    from submissions.models import Submission

    return Submission.objects.create(
        kind=experiment.kind,
        school=school,
        title=title or f"Programma {school.code}",
        state=state,
        experiment=experiment,
        submitted_at=submitted_at,
        decided_at=decided_at,
        created_by=author,
    )


class EnglishClientMixin:
    """Requests in English, so that assertions read the msgids, not the Dutch catalogue."""

    def setUp(self):
        super().setUp()
        from django.conf import settings

        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


# A day on which every seeded experiment was open (Cross-overs and the pilot have ended since).
WHILE_OPEN = datetime.date(2021, 1, 10)


def reopen_ended_experiments() -> None:
    """Let the ended experiments run another year, as they did when they were open:
    for tests about something other than the calendar (test_calendar.py covers it)."""
    ensure_experiments()
    Experiment.objects.filter(end_date__isnull=False).update(
        end_date=timezone.localdate() + datetime.timedelta(days=365)
    )
