"""A race for RK codes: several programmes approved at the same moment, each in
its own thread and transaction, each entering a new regional keuzedeel in the
register (see tests/races.py for how a race runs on PostgreSQL and on SQLite)."""

from pathlib import Path

from tests.races import race, run_on_sqlite_file

RACERS = 6


def race_for_codes() -> dict:
    """Register RACERS new regional keuzedelen at once; the codes they got and the errors."""
    import datetime

    from django.db import transaction

    from qualifications import register_services
    from qualifications.models import ElectiveModule
    from regions.models import Organisation, Region

    region, _ = Region.objects.get_or_create(code="AM06", defaults={"name": "Stedendriehoek"})
    school, _ = Organisation.objects.get_or_create(
        code="25PZ", defaults={"kind": "mbo", "name": "Alice's ROC", "region": region}
    )

    def register(number):
        with transaction.atomic():
            register_services.register_regional_elective(
                submission_id=number,
                programme_title=f"Programma {number}",
                school=school,
                region=region,
                title=f"Regionaal keuzedeel {number}",
                hours=240,
                learning_outcomes=[{"code": "E1", "text": "Iets"}],
                registered_on=datetime.date(2026, 11, 30),
            )

    outcomes, errors = race(register, range(1, RACERS + 1), ValueError)
    codes = sorted(ElectiveModule.objects.filter(is_regional=True).values_list("code", flat=True))
    return {"outcomes": outcomes, "errors": errors, "codes": codes}


def race_in_a_sqlite_file(directory: Path) -> dict:
    """`race_for_codes` in a child process on a new, migrated SQLite file."""
    return run_on_sqlite_file(directory, "tests.experiments.register_race", "race_for_codes")
