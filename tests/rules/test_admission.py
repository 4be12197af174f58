"""experiments.services.admit_school: RR-08's cap, enforced at admission time."""

import threading

import pytest
from django.db import connection, connections

from conftest import require_service
from experiments.models import Experiment, Participation
from experiments.services import AdmissionRefused, admit_school
from regions.models import Organisation

from .factories import ensure_experiments


def make_schools(count, start=0):
    return [
        Organisation.objects.create(kind="mbo", code=f"{10 + start + i:02d}AB", name=f"ROC {i}")
        for i in range(count)
    ]


@pytest.fixture
def experiment(db):
    ensure_experiments()
    return Experiment.objects.get(slug="ruimte-voor-de-regio")


def test_the_experiments_come_from_the_data_migration(db):
    ensure_experiments()  # the same rows, if a transactional test flushed them
    regional = Experiment.objects.get(slug="ruimte-voor-de-regio")
    assert (regional.max_schools, regional.first_cohort, regional.max_first_cohort) == (
        15,
        "2019/20",
        5,
    )
    assert str(Experiment.objects.get(slug="cross-overs").end_date) == "2025-07-31"
    pilot = Experiment.objects.get(slug="pilot-praktijkgerichte-programmas")
    assert (str(pilot.start_date), str(pilot.end_date)) == ("2020-12-15", "2024-07-31")
    assert (pilot.max_budget_eur, pilot.max_programmes_per_school, pilot.programme_hours) == (
        162000,
        1,
        320,
    )


def test_admits_a_school(experiment):
    (school,) = make_schools(1)
    participation = admit_school(experiment=experiment, school=school, cohort="2019/20")
    assert participation.status == Participation.Status.ADMITTED
    assert participation.decided_at is not None


def test_first_cohort_takes_at_most_five(experiment):
    schools = make_schools(6)
    for school in schools[:5]:
        admit_school(experiment=experiment, school=school, cohort="2019/20")
    with pytest.raises(AdmissionRefused):
        admit_school(experiment=experiment, school=schools[5], cohort="2019/20")
    # The sixth school can still come in with the next cohort.
    admit_school(experiment=experiment, school=schools[5], cohort="2020/21")
    assert Participation.objects.filter(status="admitted").count() == 6


def test_at_most_fifteen_schools(experiment):
    schools = make_schools(16)
    for school in schools[:15]:
        admit_school(experiment=experiment, school=school, cohort="2020/21")
    with pytest.raises(AdmissionRefused):
        admit_school(experiment=experiment, school=schools[15], cohort="2021/22")
    assert Participation.objects.filter(status="admitted").count() == 15


def test_readmitting_the_same_school_does_not_count_twice(experiment):
    schools = make_schools(15)
    for school in schools:
        admit_school(experiment=experiment, school=school, cohort="2020/21")
    admit_school(experiment=experiment, school=schools[0], cohort="2020/21")
    assert Participation.objects.filter(experiment=experiment).count() == 15


def test_refuses_a_cohort_before_the_first_and_non_mbo_schools(experiment):
    (school,) = make_schools(1)
    with pytest.raises(AdmissionRefused):
        admit_school(experiment=experiment, school=school, cohort="2018/19")
    vmbo = Organisation.objects.create(kind="vmbo", code="31CD", name="Vmbo")
    with pytest.raises(AdmissionRefused):
        admit_school(experiment=experiment, school=vmbo, cohort="2019/20")
    assert Participation.objects.count() == 0


def test_one_participation_per_school_per_experiment(experiment):
    from django.db import IntegrityError, transaction

    (school,) = make_schools(1)
    Participation.objects.create(experiment=experiment, school=school, cohort="2019/20")
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(experiment=experiment, school=school, cohort="2020/21")


@pytest.mark.django_db(transaction=True)
def test_concurrent_admissions_do_not_exceed_the_cap():
    """Ten schools race for the last place; the row lock lets exactly one in.

    Needs PostgreSQL (SQLite has no row locks): skipped locally on SQLite,
    fails in CI when the database is not PostgreSQL."""
    require_service(connection.vendor == "postgresql", "row locks need PostgreSQL")
    ensure_experiments()
    experiment = Experiment.objects.get(slug="ruimte-voor-de-regio")
    for school in make_schools(14):
        admit_school(experiment=experiment, school=school, cohort="2020/21")
    racers = make_schools(10, start=20)
    outcomes = []
    barrier = threading.Barrier(len(racers))

    def race(school):
        try:
            barrier.wait()
            admit_school(experiment=experiment, school=school, cohort="2020/21")
            outcomes.append("admitted")
        except AdmissionRefused:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race, args=(school,)) for school in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["admitted"] + ["refused"] * 9
    assert Participation.objects.filter(experiment=experiment, status="admitted").count() == 15
