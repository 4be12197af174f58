"""The race of `test_services`: 20 ministry decisions at the same moment, each
in its own thread with its own database connection, for 15 free places
(see tests/races.py for how a race runs on PostgreSQL and on SQLite).
"""

from pathlib import Path

from tests.races import race, run_on_sqlite_file

RACERS = 20


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

    def admit(participation):
        decide_participation(
            participation=participation, outcome="admitted", reason="", decided_by=decider
        )

    outcomes, errors = race(admit, applications, AdmissionRefused, done="admitted")
    statuses = sorted(
        Participation.objects.filter(experiment=regional).values_list("status", flat=True)
    )
    return {
        "free_places": free_places,
        "outcomes": outcomes,
        "errors": errors,
        "statuses": statuses,
    }


def race_in_a_sqlite_file(directory: Path) -> dict:
    """`race_for_places` in a child process on a new, migrated SQLite file."""
    return run_on_sqlite_file(directory, "tests.experiments.races", "race_for_places")


def race_two_imports() -> dict:
    """Two participants files at once, each admitting 8 other schools into Ruimte
    voor de regio (15 places): together they would admit 16."""
    from experiments.models import Participation
    from experiments.participation_import import import_participations
    from regions.services import InputError

    from .factories import experiment, make_schools

    regional = experiment("ruimte-voor-de-regio")
    schools = make_schools(16)
    header = "experiment,school,cohort,status,decided_on\n"
    files = [
        header
        + "".join(
            f"ruimte-voor-de-regio,{school.code},2020/21,admitted,2020-06-01\n" for school in half
        )
        for half in (schools[:8], schools[8:])
    ]
    outcomes, errors = race(
        lambda text: import_participations(text, "deelnemers.csv"), files, InputError
    )
    return {
        "outcomes": outcomes,
        "errors": errors,
        "admitted": Participation.objects.filter(experiment=regional, status="admitted").count(),
    }


def two_imports_in_a_sqlite_file(directory: Path) -> dict:
    """`race_two_imports` in a child process on a new, migrated SQLite file."""
    return run_on_sqlite_file(directory, "tests.experiments.races", "race_two_imports")
