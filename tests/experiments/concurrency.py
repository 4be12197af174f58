"""The race of `test_services`: 20 ministry decisions at the same moment, each
in its own thread with its own database connection, for 15 free places.

Run in the test process on PostgreSQL, and in a child process on a SQLite
database file (see `race_in_a_sqlite_file`): SQLite's shared in-memory test
database fails a second writer at once ("database table is locked") where a
database file makes it wait for the lock, as in production.
"""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from django.conf import settings
from django.db import connection

RACERS = 20

CHILD = """
import json, os
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "config.test_settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.experiments.concurrency import race_for_places
print(json.dumps(race_for_places()))
"""


def race_for_places() -> dict:
    """Admit RACERS applied schools at once into Ruimte voor de regio (15 free places).

    Returns the free places before the race, each thread's outcome, the
    errors other than a refusal, and the statuses in the database afterwards.
    """
    from accounts.models import Role
    from experiments.models import Participation
    from experiments.services import AdmissionRefused, decide_participation
    from tests.base import make_user

    from .factories import experiment, make_applications, make_schools

    regional = experiment("ruimte-voor-de-regio")
    decider = make_user(
        "minister", make_schools(1, kind="ministry", start=0)[0], Role.MINISTRY_STAFF
    )
    applications = make_applications(regional, make_schools(RACERS), "2020/21")
    free_places = regional.max_schools - regional.participations.filter(status="admitted").count()
    outcomes, errors = [], []
    barrier = threading.Barrier(len(applications))

    def admit(participation):
        try:
            barrier.wait()
            decide_participation(
                participation=participation, outcome="admitted", reason="", decided_by=decider
            )
            outcomes.append("admitted")
        except AdmissionRefused:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - reported to the test
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=admit, args=(p,)) for p in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(
        Participation.objects.filter(experiment=regional).values_list("status", flat=True)
    )
    return {
        "free_places": free_places,
        "outcomes": sorted(outcomes),
        "errors": errors,
        "statuses": statuses,
    }


def race_in_a_sqlite_file(directory: Path) -> dict:
    """`race_for_places` in a child process on a new, migrated SQLite file in `directory`."""
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
