"""The interchange examples checked against the imported SBB samples.

The qualification structure comes from the real SBB XML (imported with
`import_sbb_file`); 25498 and 25499 are two profiles of the same file
(Dienstverlening), so the cross-over example is valid but gets CO-02's warning.
"""

from pathlib import Path

import pytest
from django.conf import settings

from qualifications.models import ElectiveModule
from qualifications.services import import_sbb_file
from rules.engine import validate_document

from .factories import ensure_experiments, valid_document

SAMPLES = sorted((Path(settings.DATA_DIR) / "sbb").glob("*.xml"))


def test_samples_are_there():
    assert len(SAMPLES) >= 3


@pytest.fixture
def imported(db):
    """The SBB samples plus organisations, a keuzedeel and the admissions of 25PZ and 30AB."""
    for path in SAMPLES:
        import_sbb_file(path)
    from experiments.models import Experiment, Participation
    from regions.models import Organisation, Region

    ensure_experiments()
    am06, _ = Region.objects.get_or_create(code="AM06", defaults={"name": "Stedendriehoek"})
    school = Organisation.objects.create(kind="mbo", code="25PZ", name="ROC", region=am06)
    vmbo = Organisation.objects.create(kind="vmbo", code="30AB", name="Vmbo", region=am06)
    Organisation.objects.create(kind="company", code="12345678", name="Zorg BV", region=am06)
    ElectiveModule.objects.create(code="K0123", title="Keuzedeel", study_load_hours=240)
    Participation.objects.create(
        experiment=Experiment.objects.get(slug="ruimte-voor-de-regio"),
        school=school,
        cohort="2019/20",
        status="admitted",
    )
    Participation.objects.create(
        experiment=Experiment.objects.get(slug="pilot-praktijkgerichte-programmas"),
        school=vmbo,
        cohort="2020/21",
        status="admitted",
    )


@pytest.mark.parametrize("kind", ["regional_programme", "continuous_pathway", "practice_programme"])
def test_examples_are_valid_without_findings(imported, kind):
    report = validate_document(valid_document(kind))
    assert [f.as_dict() for f in report.findings] == []
    assert report.valid


def test_cross_over_example_within_one_file_is_a_warning(imported):
    report = validate_document(valid_document("cross_over"))
    assert report.valid
    assert [(f.rule, f.severity, f.path) for f in report.findings] == [
        ("CO-02", "warning", "parts")
    ]


def test_profile_core_task_of_another_profile_is_refused(imported):
    document = valid_document("cross_over")
    document["parts"][0]["core_task"] = "P3-K1"  # a task of profile 3, not of 25498
    report = validate_document(document)
    assert [(f.rule, f.path) for f in report.findings if f.severity == "error"] == [
        ("CO-01", "parts[0].core_task")
    ]


def test_dossier_crebo_is_not_a_qualification(imported):
    document = valid_document("regional_programme")
    document["national_section"]["qualification"] = "23189"  # the file Dienstverlening
    report = validate_document(document)
    found = [f for f in report.findings if f.rule == "RR-01"]
    assert [f.path for f in found] == ["national_section.qualification"]
    assert "23189" in found[0].message.render()
