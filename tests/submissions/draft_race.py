"""The race of `test_draft_locking`: several authors save the same draft at the
same moment, each in its own thread with its own database connection, all
naming the revision they loaded (1). Exactly one save may win.

Runs in the test process on PostgreSQL, and in a child process on a SQLite
database file (SQLite's shared in-memory test database fails a second writer
at once, where a database file makes it wait for the lock, as in production).
"""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from django.conf import settings
from django.db import connection

RACERS = 8

CHILD = """
import json, os
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "config.test_settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.submissions.draft_race import race_to_save
print(json.dumps(race_to_save()))
"""


def race_to_save() -> dict:
    """RACERS authors of one school save their own title on revision 1 at once.

    Returns each thread's outcome, unexpected errors, the stored title and
    revision, and the authors of the "saved" events.
    """
    from experiments.models import Experiment
    from regions.models import Organisation
    from submissions import drafting
    from submissions.models import Submission, SubmissionEvent
    from tests.base import make_user
    from tests.rules.fixtures import ensure_experiments

    ensure_experiments()
    school = Organisation.objects.create(kind="mbo", code="25PZ", name="ROC")
    authors = [make_user(f"author{n}", school) for n in range(RACERS)]
    submission = drafting.create_draft(
        user=authors[0],
        kind="cross_over",
        experiment=Experiment.objects.get(slug="cross-overs"),
        title="Begin",
    )
    outcomes, errors = [], []
    barrier = threading.Barrier(RACERS)

    def save(author):
        try:
            barrier.wait()
            drafting.save_draft(
                submission=submission,
                user=author,
                document={**submission.draft, "title": author.username},
                title=author.username,
                revision=1,
            )
            outcomes.append("saved")
        except drafting.StaleDraft:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - reported to the test
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(author,)) for author in authors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = Submission.objects.get(pk=submission.pk)
    saved_by = list(
        SubmissionEvent.objects.filter(submission=stored, action="saved").values_list(
            "actor__username", flat=True
        )
    )
    return {
        "outcomes": sorted(outcomes),
        "errors": errors,
        "title": stored.title,
        "document_title": stored.draft.get("title"),
        "revision": stored.revision,
        "saved_by": saved_by,
    }


def race_in_a_sqlite_file(directory: Path) -> dict:
    """`race_to_save` in a child process on a new, migrated SQLite file in `directory`."""
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{directory / 'race.sqlite3'}"}
    completed = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])
