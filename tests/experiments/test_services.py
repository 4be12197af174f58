"""experiments.services: applying, deciding, and the caps under concurrent admissions."""

import pytest
from django.db import connection
from django.utils import translation

from accounts.models import Role
from experiments.models import Participation
from experiments.services import (
    AdmissionRefused,
    ApplicationRefused,
    DecisionRefused,
    apply_for_experiment,
    decide_participation,
)
from notifications.models import Notification
from tests.base import make_user

from .factories import WHILE_OPEN, experiment, make_applications, make_schools
from .races import race_for_places, race_in_a_sqlite_file

REGIONAL = "ruimte-voor-de-regio"
CROSS_OVERS = "cross-overs"
PILOT = "pilot-praktijkgerichte-programmas"


@pytest.fixture
def minister(personas):
    return personas.national(Role.MINISTRY_STAFF)


def test_a_school_author_applies_for_their_own_mbo_school(personas, minister):
    school, author = personas.school, personas.alice
    participation = apply_for_experiment(
        experiment=experiment(REGIONAL),
        school=school,
        cohort="2021/22",
        motivation="  Samen met de regio.  ",
        applied_by=author,
    )
    participation.refresh_from_db()
    assert (participation.status, participation.cohort, participation.motivation) == (
        "applied",
        "2021/22",
        "Samen met de regio.",
    )
    assert participation.applied_by == author
    # Ministry staff hear of the new application.
    assert list(Notification.objects.values_list("recipient", "kind")) == [
        (minister.pk, "experiment.applied")
    ]


def test_no_application_for_another_school(personas):
    charlie = personas.charlie
    with pytest.raises(ApplicationRefused):
        apply_for_experiment(
            experiment=experiment(REGIONAL),
            school=personas.school,
            cohort="2021/22",
            motivation="m",
            applied_by=charlie,
        )
    assert not Participation.objects.exists()


def test_a_cohort_that_ends_before_the_experiment_starts_is_refused(db):
    """The pilot starts on 15 December 2020: cohort 2019/20 has ended by then,
    cohort 2020/21 is still running and may take part."""
    pilot = experiment(PILOT)
    (school,) = make_schools(1, kind="vmbo")
    author = make_user("a", school)
    with translation.override("en"), pytest.raises(ApplicationRefused) as refused:
        apply_for_experiment(
            experiment=pilot,
            school=school,
            cohort="2019/20",
            motivation="m",
            applied_by=author,
            today=WHILE_OPEN,
        )
    assert "15 December 2020" in refused.value.messages[0]
    assert not Participation.objects.exists()
    apply_for_experiment(
        experiment=pilot,
        school=school,
        cohort="2020/21",
        motivation="m",
        applied_by=author,
        today=WHILE_OPEN,
    )
    assert Participation.objects.get().cohort == "2020/21"


def test_the_school_kind_must_fit_the_experiment(db):
    (mbo,) = make_schools(1)
    (vmbo,) = make_schools(1, kind="vmbo", start=50)
    mbo_author, vmbo_author = make_user("mbo", mbo), make_user("vmbo", vmbo)
    with pytest.raises(ApplicationRefused):
        apply_for_experiment(
            experiment=experiment(PILOT),
            school=mbo,
            cohort="2021/22",
            motivation="m",
            applied_by=mbo_author,
        )
    for slug in (REGIONAL, CROSS_OVERS):
        with pytest.raises(ApplicationRefused):
            apply_for_experiment(
                experiment=experiment(slug),
                school=vmbo,
                cohort="2021/22",
                motivation="m",
                applied_by=vmbo_author,
            )
    apply_for_experiment(
        experiment=experiment(PILOT),
        school=vmbo,
        cohort="2021/22",
        motivation="m",
        applied_by=vmbo_author,
        today=WHILE_OPEN,
    )
    assert list(Participation.objects.values_list("school__code", "experiment__slug")) == [
        (vmbo.code, PILOT)
    ]


def test_applying_twice_is_refused_with_the_current_status(personas):
    school, author, colleague = personas.school, personas.alice, personas.bob
    regional = experiment(REGIONAL)
    apply_for_experiment(
        experiment=regional, school=school, cohort="2021/22", motivation="m", applied_by=author
    )
    with pytest.raises(ApplicationRefused) as refused, translation.override("en"):
        apply_for_experiment(
            experiment=regional,
            school=school,
            cohort="2022/23",
            motivation="again",
            applied_by=colleague,
        )
    assert "already applied" in refused.value.messages[0]
    assert Participation.objects.get().cohort == "2021/22"


def test_cohorts_before_the_first_or_after_the_end_are_refused(personas):
    school, author = personas.school, personas.alice
    for slug, cohort in ((REGIONAL, "2018/19"), (CROSS_OVERS, "2025/26"), (REGIONAL, "21/22")):
        with pytest.raises(ApplicationRefused):
            apply_for_experiment(
                experiment=experiment(slug),
                school=school,
                cohort=cohort,
                motivation="m",
                applied_by=author,
            )
    assert not Participation.objects.exists()


def test_decisions_are_for_ministry_staff_only(personas, minister):
    (application,) = make_applications(experiment(REGIONAL), [personas.school], "2021/22")
    others = [
        personas.alice,
        personas.national(Role.SBB_REVIEWER),
        personas.national(Role.INSPECTORATE_REVIEWER),
    ]
    for user in others:
        with pytest.raises(DecisionRefused):
            decide_participation(
                participation=application, outcome="admitted", reason="", decided_by=user
            )
    application.refresh_from_db()
    assert application.status == "applied"
    admin = personas.national(Role.ADMINISTRATOR)
    decide_participation(participation=application, outcome="admitted", reason="", decided_by=admin)
    application.refresh_from_db()
    assert (application.status, application.decided_by) == ("admitted", admin)


def test_wait_listing_and_declining_need_a_reason(minister):
    schools = make_schools(2)
    applications = make_applications(experiment(REGIONAL), schools, "2021/22")
    for application, outcome in zip(applications, ("wait_listed", "declined"), strict=True):
        with pytest.raises(DecisionRefused):
            decide_participation(
                participation=application, outcome=outcome, reason="  ", decided_by=minister
            )
        decide_participation(
            participation=application, outcome=outcome, reason="Vol.", decided_by=minister
        )
        application.refresh_from_db()
        assert (application.status, application.decision_reason) == (outcome, "Vol.")
        assert application.decided_at is not None


def test_the_school_authors_are_notified_of_the_decision(minister):
    (school,) = make_schools(1)
    authors = [make_user("a", school), make_user("b", school)]
    (application,) = make_applications(experiment(REGIONAL), [school], "2021/22")
    decide_participation(
        participation=application,
        outcome="declined",
        reason="Te weinig bedrijven betrokken.",
        decided_by=minister,
    )
    notifications = Notification.objects.order_by("recipient_id")
    assert [n.recipient_id for n in notifications] == [a.pk for a in authors]
    assert all(n.kind == "experiment.declined" for n in notifications)
    assert "Te weinig bedrijven betrokken." in notifications[0].body
    assert notifications[0].url == f"/experimenten/{REGIONAL}/"


def test_an_admitted_or_declined_school_is_not_decided_again(minister):
    schools = make_schools(2)
    admitted, declined = make_applications(experiment(REGIONAL), schools, "2021/22")
    decide_participation(participation=admitted, outcome="admitted", reason="", decided_by=minister)
    decide_participation(
        participation=declined, outcome="declined", reason="r", decided_by=minister
    )
    for participation, outcome in ((admitted, "declined"), (declined, "admitted")):
        with pytest.raises(DecisionRefused):
            decide_participation(
                participation=participation, outcome=outcome, reason="r", decided_by=minister
            )
    assert sorted(Participation.objects.values_list("status", flat=True)) == [
        "admitted",
        "declined",
    ]


def test_a_wait_listed_school_can_be_admitted_later(minister):
    (school,) = make_schools(1)
    (application,) = make_applications(
        experiment(REGIONAL), [school], "2021/22", status="wait_listed"
    )
    decide_participation(
        participation=application, outcome="admitted", reason="Plaats vrij.", decided_by=minister
    )
    application.refresh_from_db()
    assert (application.status, application.decision_reason) == ("admitted", "Plaats vrij.")


def test_the_first_cohort_takes_at_most_five_schools(minister):
    regional = experiment(REGIONAL)
    applications = make_applications(regional, make_schools(6), regional.first_cohort)
    for application in applications[:5]:
        decide_participation(
            participation=application, outcome="admitted", reason="", decided_by=minister
        )
    with pytest.raises(AdmissionRefused):
        decide_participation(
            participation=applications[5], outcome="admitted", reason="", decided_by=minister
        )
    applications[5].refresh_from_db()
    assert applications[5].status == "applied"
    assert regional.participations.filter(status="admitted").count() == regional.max_first_cohort


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_admissions_for_fifteen_places_admit_exactly_fifteen(tmp_path):
    """Each thread has its own connection; the experiment's row lock (PostgreSQL)
    or the write lock taken at BEGIN IMMEDIATE (SQLite) serialises count and write."""
    on_sqlite = connection.vendor == "sqlite"
    result = race_in_a_sqlite_file(tmp_path) if on_sqlite else race_for_places()
    assert result["free_places"] == 15
    assert result["errors"] == []
    assert result["outcomes"] == ["admitted"] * 15 + ["refused"] * 5
    assert result["statuses"] == ["admitted"] * 15 + ["applied"] * 5


def test_the_audit_log_records_the_application_and_each_decision(minister):
    (school,) = make_schools(1)
    author = make_user("author", school)
    participation = apply_for_experiment(
        experiment=experiment(REGIONAL),
        school=school,
        cohort="2021/22",
        motivation="Samen met de regio.",
        applied_by=author,
    )
    decide_participation(
        participation=participation, outcome="wait_listed", reason="Vol.", decided_by=minister
    )
    decide_participation(
        participation=participation, outcome="admitted", reason="", decided_by=minister
    )
    with pytest.raises(DecisionRefused):
        decide_participation(
            participation=participation, outcome="declined", reason="r", decided_by=minister
        )
    events = participation.events.order_by("at", "pk")
    assert list(events.values_list("action", "actor", "from_state", "to_state", "note")) == [
        ("applied", author.pk, "", "applied", ""),
        ("wait_listed", minister.pk, "applied", "wait_listed", "Vol."),
        ("admitted", minister.pk, "wait_listed", "admitted", ""),
    ]
