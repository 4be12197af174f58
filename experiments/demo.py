"""Fictitious demo participations for `make run`, between the demo schools of
the regions app and the experiments of the data migration.

Idempotent: a participation that exists (perhaps changed while trying the
demo) is left as it is. Schools that are missing are skipped.
"""

from django.db import transaction

from regions.models import Organisation

from .models import Experiment, Participation
from .services import admit_school

# (experiment slug, school code, cohort, status, motivation)
DEMO_PARTICIPATIONS = [
    (
        "ruimte-voor-de-regio",
        "99XA",
        "2020/21",
        Participation.Status.ADMITTED,
        "Met de zorginstellingen in de Stedendriehoek willen we een regionaal profiel "
        "voor zorg en welzijn aanbieden.",
    ),
    (
        "cross-overs",
        "99XD",
        "2021/22",
        Participation.Status.ADMITTED,
        "Een cross-over tussen techniek en zorg, samen met bedrijven rond Assen.",
    ),
    (
        "ruimte-voor-de-regio",
        "99XF",
        "2021/22",
        Participation.Status.APPLIED,
        "De logistieke sector in de regio Zwolle vraagt om een regionaal programma.",
    ),
    (
        "pilot-praktijkgerichte-programmas",
        "99XB",
        "2021/22",
        Participation.Status.APPLIED,
        "Een praktijkgericht programma techniek met de installatiebedrijven in Deventer.",
    ),
]


@transaction.atomic
def load_demo_participations() -> int:
    """Create the demo applications and admissions that do not exist yet; return how many."""
    experiments = Experiment.objects.in_bulk(
        {slug for slug, *_rest in DEMO_PARTICIPATIONS}, field_name="slug"
    )
    schools = Organisation.objects.in_bulk(
        {code for _slug, code, *_rest in DEMO_PARTICIPATIONS}, field_name="code"
    )
    created = 0
    for slug, code, cohort, status, motivation in DEMO_PARTICIPATIONS:
        experiment, school = experiments.get(slug), schools.get(code)
        if experiment is None or school is None:
            continue
        if Participation.objects.filter(experiment=experiment, school=school).exists():
            continue
        Participation.objects.create(
            experiment=experiment,
            school=school,
            cohort=cohort,
            motivation=motivation,
            status=Participation.Status.APPLIED,
        )
        if status == Participation.Status.ADMITTED:
            admit_school(experiment=experiment, school=school, cohort=cohort)
        created += 1
    return created
