"""`manage.py generate_national` at a small scale: every table filled, reproducible."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from accounts.models import User
from experiments.models import Participation
from notifications.models import Notification
from pathways.models import Route, RouteYear
from portal.national import FIRST_FILE_CREBO, FIRST_QUALIFICATION_CREBO, Counts, brin_code
from qualifications.models import ElectiveModule, Qualification, QualificationFile
from regions.models import Network, Organisation, Region
from submissions.models import Submission, SubmissionVersion, ValidationReport

pytestmark = pytest.mark.django_db

SCALE = 0.02


def generate(seed: int = 1) -> str:
    out = StringIO()
    call_command("generate_national", scale=SCALE, seed=seed, stdout=out)
    return out.getvalue()


def test_fills_every_table_at_the_scale():
    output = generate()
    counts = Counts.at(SCALE)
    assert Region.objects.exclude(code="AM99").count() == 35
    assert Organisation.objects.filter(kind="mbo").count() == counts.mbo_institutions
    assert Organisation.objects.filter(kind="vmbo").count() == counts.vmbo_schools
    assert Organisation.objects.filter(kind="company").count() == counts.companies
    assert (
        QualificationFile.objects.filter(
            crebo__gte=str(FIRST_FILE_CREBO), crebo__lt=str(FIRST_QUALIFICATION_CREBO)
        ).count()
        == counts.dossiers
    )
    assert (
        Qualification.objects.filter(crebo__gte=str(FIRST_QUALIFICATION_CREBO)).count()
        > counts.dossiers
    )
    assert ElectiveModule.objects.count() == counts.electives
    assert Submission.objects.count() == counts.submissions
    assert SubmissionVersion.objects.count() == 3 * counts.submissions
    assert ValidationReport.objects.count() == 3 * counts.submissions
    assert Route.objects.count() == counts.pathways
    assert RouteYear.objects.count() == 5 * counts.pathways
    assert Network.objects.count() == counts.networks
    assert User.objects.count() >= counts.users
    assert Notification.objects.count() == counts.notifications
    assert "Klaar in" in output


def test_the_experiments_keep_their_caps():
    generate()
    admitted = Participation.objects.filter(status="admitted")
    assert admitted.filter(experiment__slug="ruimte-voor-de-regio").count() == 15
    assert admitted.filter(experiment__slug="ruimte-voor-de-regio", cohort="2019/20").count() == 5


def test_names_say_they_are_fictitious():
    generate()
    assert (
        not Organisation.objects.filter(code__gte=brin_code(0), code__lt="9999")
        .exclude(name__icontains="fictie")
        .exists()
    )
    assert (
        not Submission.objects.exclude(title__icontains="fictie")
        .exclude(kind="practice_programme")
        .exists()
    )


class _RollBack(Exception):
    pass


def _routes_of(seed: int) -> list[tuple]:
    """The routes a generation with the seed makes, rolled back afterwards."""
    try:
        with transaction.atomic():
            generate(seed=seed)
            routes = list(
                Route.objects.order_by("pk").values_list(
                    "vmbo_school__code", "vmbo_track", "target_qualification", "status"
                )
            )
            raise _RollBack
    except _RollBack:
        return routes


def test_the_same_seed_gives_the_same_country():
    first, again, other = _routes_of(7), _routes_of(7), _routes_of(8)
    assert first == again
    assert first != other


def test_a_second_run_is_refused():
    generate()
    with pytest.raises(CommandError, match="al een gegenereerd land"):
        generate()


def test_refuses_an_impossible_scale():
    with pytest.raises(CommandError, match="--scale"):
        call_command("generate_national", scale=0, stdout=StringIO())


def test_brin_codes_are_valid_and_distinct():
    codes = [brin_code(index) for index in range(800)]
    assert len(set(codes)) == 800
    assert all(len(code) == 4 and code[:2].isdigit() and code[2:].isalpha() for code in codes)
