"""The race of `test_draft_locking`: several authors save the same draft at the
same moment, each in its own thread with its own database connection, all
naming the revision they loaded (1). Exactly one save may win (see
tests/races.py for how a race runs on PostgreSQL and on SQLite).
"""

from pathlib import Path

from tests.races import race, run_on_sqlite_file

RACERS = 8


def race_to_save() -> dict:
    """RACERS authors of one school save their own title on revision 1 at once.

    Returns each thread's outcome, unexpected errors, the stored title and
    revision, and the authors of the "saved" events.
    """
    from experiments.models import Experiment
    from regions.models import Organisation
    from submissions.drafting import services as drafting
    from submissions.models import Submission, SubmissionEvent
    from tests.base import make_user
    from tests.rules.factories import ensure_experiments
    from tests.submissions.helpers import WHILE_OPEN

    ensure_experiments()
    school = Organisation.objects.create(kind="mbo", code="25PZ", name="ROC")
    authors = [make_user(f"author{n}", school) for n in range(RACERS)]
    submission = drafting.create_draft(
        user=authors[0],
        kind="cross_over",
        experiment=Experiment.objects.get(slug="cross-overs"),
        title="Begin",
        today=WHILE_OPEN,
    )

    def save(author):
        drafting.save_draft(
            submission=submission,
            user=author,
            document={**submission.draft, "title": author.username},
            title=author.username,
            revision=1,
        )

    outcomes, errors = race(save, authors, drafting.StaleDraft, done="saved")
    stored = Submission.objects.get(pk=submission.pk)
    saved_by = list(
        SubmissionEvent.objects.filter(submission=stored, action="saved").values_list(
            "actor__username", flat=True
        )
    )
    return {
        "outcomes": outcomes,
        "errors": errors,
        "title": stored.title,
        "document_title": stored.draft.get("title"),
        "revision": stored.revision,
        "saved_by": saved_by,
    }


def race_in_a_sqlite_file(directory: Path) -> dict:
    """`race_to_save` in a child process on a new, migrated SQLite file."""
    return run_on_sqlite_file(directory, "tests.submissions.races", "race_to_save")
