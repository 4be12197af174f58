"""Reference data and valid documents of every kind, for the rule tests.

`build_reference_data()` creates (or reuses) regions, organisations, two
qualification files with core tasks, a keuzedeel, the admission of 25PZ to
Ruimte voor de regio and of 30AB to the pilot of practice-oriented programmes.
The document functions return a fresh document that is valid against that
data (each a copy of the example in docs/interchange.md).
"""

import copy
import datetime
import importlib
import re
from types import SimpleNamespace

from experiments.models import Experiment, Participation
from qualifications.models import CoreTask, Domain, ElectiveModule, Qualification, QualificationFile
from regions.models import Organisation, Region


def _organisation(kind, code, name, region):
    organisation, _ = Organisation.objects.get_or_create(
        code=code, defaults={"kind": kind, "name": name, "region": region}
    )
    return organisation


def _core_task(file, qualification, code, title, position):
    return CoreTask.objects.create(
        file=file,
        qualification=qualification,
        code=code,
        sbb_id=f"{file.number}{position}",
        title=title,
        normalized_title=title.lower(),
        position=position,
    )


def ensure_experiments() -> None:
    """Create the experiments of the data migration again if a transactional
    test flushed the database."""
    if Experiment.objects.exists():
        return
    from django.apps import apps

    migration = importlib.import_module("experiments.migrations.0002_experiments_from_seeds")
    migration.create_experiments(apps, None)


def build_reference_data() -> SimpleNamespace:
    """Create the reference data the valid documents refer to."""
    ensure_experiments()
    am06, _ = Region.objects.get_or_create(
        code="AM06", defaults={"name": "Stedendriehoek en Noordwest Veluwe"}
    )
    am25, _ = Region.objects.get_or_create(code="AM25", defaults={"name": "Midden-Brabant"})
    mbo = _organisation("mbo", "25PZ", "Alice's ROC", am06)
    other_mbo = _organisation("mbo", "26QA", "Charlie's ROC", am25)
    vmbo = _organisation("vmbo", "30AB", "Vmbo De Brug", am06)
    # A vmbo school that is not in the pilot of practice-oriented programmes.
    _organisation("vmbo", "31CD", "Vmbo Het Veld", am06)
    # In the CBS division, but not a labour-market region (REG-01 refuses it).
    Region.objects.get_or_create(code="AM99", defaults={"name": "Niet in te delen"})
    company = _organisation("company", "12345678", "Zorggroep Deventer", am06)
    far_company = _organisation("company", "87654321", "Tilburg Techniek", am25)

    domain = Domain.objects.create(number="4135", title="Zorg en welzijn", crebo="79140")
    care = QualificationFile.objects.create(
        number="2700",
        crebo="25490",
        title="Zorg en welzijn",
        status="Vastgesteld",
        valid_from=datetime.date(2020, 8, 1),
        domain=domain,
    )
    facility = QualificationFile.objects.create(
        number="2701",
        crebo="25491",
        title="Facilitaire dienstverlening",
        status="Vastgesteld",
        valid_from=datetime.date(2020, 8, 1),
        domain=domain,
    )
    senior = Qualification.objects.create(
        file=care,
        sbb_id="1",
        chapter=1,
        crebo="25497",
        title="Medewerker zorg",
        level=3,
        study_load_hours=4800,
    )
    helper = Qualification.objects.create(
        file=care,
        sbb_id="2",
        chapter=2,
        crebo="25498",
        title="Helpende zorg en welzijn",
        level=2,
        study_load_hours=3200,
    )
    facility_worker = Qualification.objects.create(
        file=facility,
        sbb_id="3",
        chapter=1,
        crebo="25499",
        title="Medewerker facilitair",
        level=2,
        study_load_hours=3200,
    )
    _core_task(care, None, "B1-K1", "Ondersteunt de cliënt", 1)
    _core_task(care, senior, "P1-K1", "Coördineert zorg", 2)
    _core_task(care, helper, "P2-K1", "Helpt bij huishouden", 3)
    _core_task(facility, facility_worker, "P1-K1", "Verzorgt facilitaire diensten", 1)
    elective = ElectiveModule.objects.create(
        code="K0123", title="Zorgtechnologie verkennen", level=2, study_load_hours=240
    )
    regional_experiment = Experiment.objects.get(slug="ruimte-voor-de-regio")
    Participation.objects.get_or_create(
        experiment=regional_experiment,
        school=mbo,
        defaults={"cohort": "2019/20", "status": Participation.Status.ADMITTED},
    )
    pilot = Experiment.objects.get(slug="pilot-praktijkgerichte-programmas")
    Participation.objects.get_or_create(
        experiment=pilot,
        school=vmbo,
        defaults={"cohort": "2020/21", "status": Participation.Status.ADMITTED},
    )
    return SimpleNamespace(
        am06=am06,
        am25=am25,
        mbo=mbo,
        other_mbo=other_mbo,
        vmbo=vmbo,
        company=company,
        far_company=far_company,
        care=care,
        facility=facility,
        senior=senior,
        helper=helper,
        facility_worker=facility_worker,
        elective=elective,
        regional_experiment=regional_experiment,
    )


REGIONAL_PROGRAMME = {
    "format": "vet-submission/1",
    "kind": "regional_programme",
    "school": "25PZ",
    "experiment": "ruimte-voor-de-regio",
    "title": "Helpende zorg en welzijn — Deventer profiel",
    "region": "AM06",
    "start_date": "2021-08-01",
    "submitted_on": "2021-03-01",
    "national_section": {"qualification": "25498"},
    "regional_section": {
        "title": "Zorg dichtbij huis",
        "hours": 400,
        "learning_outcomes": [{"code": "R1", "text": "Ondersteunt cliënten bij wonen in de wijk"}],
        "contributors": [
            {"name": "A. Docent", "role": "teacher", "organisation": "25PZ"},
            {"name": "B. Expert", "role": "company_expert", "organisation": "12345678"},
        ],
    },
    "electives": [
        {"type": "national", "code": "K0123"},
        {
            "type": "regional",
            "title": "Zorgtechnologie",
            "hours": 240,
            "learning_outcomes": [{"code": "E1", "text": "Werkt met domotica"}],
        },
    ],
}

CROSS_OVER = {
    "format": "vet-submission/1",
    "kind": "cross_over",
    "school": "25PZ",
    "experiment": "cross-overs",
    "title": "Medewerker zorg en facilitair",
    "level": 2,
    "region": "AM06",
    "submitted_on": "2021-03-01",
    "start_date": "2021-08-01",
    "end_date": "2025-07-31",
    "labour_market_need": "Zorginstellingen in de regio vragen om medewerkers die beide kunnen.",
    "parts": [
        {"qualification": "25498", "core_task": "P2-K1"},
        {"qualification": "25499", "core_task": "P1-K1"},
    ],
    "inspectorate_review_needed": False,
}

CONTINUOUS_PATHWAY = {
    "format": "vet-submission/1",
    "kind": "continuous_pathway",
    "basis": "law",
    "vmbo_school": "30AB",
    "mbo_institution": "25PZ",
    "region": "AM06",
    "route_type": "integrated",
    "vmbo_track": "bb",
    "target_qualification": "25498",
    "location": "vmbo",
    "start_date": "2021-08-01",
    "exam_responsible": "mbo",
    "agreement": {
        "signed_on": "2021-05-01",
        "switch_arrangement": "Leerlingen die de route verlaten, maken het vmbo af.",
        "financial_arrangements": "Bekostiging wordt verdeeld naar rato.",
        "fallback_destinations": ["vmbo-bb", "mbo-2"],
    },
    "combined_pta_oer": True,
    "duo_registration": {"status": "registered", "date": "2021-06-01"},
}

PRACTICE_PROGRAMME = {
    "format": "vet-submission/1",
    "kind": "practice_programme",
    "school": "30AB",
    "theme": "Z&W",
    "hours": 320,
    "budget_eur": 150000,
    "period": {"start": "2020-12-15", "end": "2024-07-31"},
    "partners": [
        {"kind": "mbo", "organisation": "25PZ"},
        {"kind": "company", "organisation": "12345678"},
        {"kind": "havo", "name": "Stedelijk havo"},
    ],
    "activity_plan": "Levensechte opdrachten uit de regio.",
}

VALID_DOCUMENTS = {
    "regional_programme": REGIONAL_PROGRAMME,
    "cross_over": CROSS_OVER,
    "continuous_pathway": CONTINUOUS_PATHWAY,
    "practice_programme": PRACTICE_PROGRAMME,
}


def valid_document(kind: str) -> dict:
    """A fresh, valid document of `kind`."""
    return copy.deepcopy(VALID_DOCUMENTS[kind])


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list:
    return [name if name else int(index) for name, index in _STEP.findall(path)]


def set_value(document: dict, path: str, value) -> dict:
    """Set the value at `path` (e.g. "parts[1].core_task") and return the document."""
    *parents, last = _steps(path)
    target = document
    for step in parents:
        target = target[step]
    target[last] = value
    return document


def remove_value(document: dict, path: str) -> dict:
    """Remove the field or list item at `path` and return the document."""
    *parents, last = _steps(path)
    target = document
    for step in parents:
        target = target[step]
    del target[last]
    return document
