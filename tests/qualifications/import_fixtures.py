"""Helpers for the import tests: the SBB samples and a dump of the qualification tables."""

import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.forms.models import model_to_dict
from django.utils import translation

from qualifications.models import (
    CoreTask,
    Domain,
    ElectiveModule,
    KnowledgeSkill,
    Qualification,
    QualificationFile,
    SectorChamber,
    VetCertificate,
    WorkProcess,
)

DATA_MODELS = [
    Domain,
    SectorChamber,
    QualificationFile,
    Qualification,
    CoreTask,
    WorkProcess,
    KnowledgeSkill,
    ElectiveModule,
    VetCertificate,
]


def sample_paths() -> list[Path]:
    """The three SBB sample files in settings.DATA_DIR/sbb."""
    paths = sorted((Path(settings.DATA_DIR) / "sbb").glob("*.xml"))
    assert len(paths) == 3, paths
    return paths


def dump_tables() -> dict:
    """Every row of every qualification table (ImportRun excluded), with primary keys."""
    dump = {}
    for model in DATA_MODELS:
        rows = []
        for row in model.objects.order_by("pk"):
            values = model_to_dict(row)
            values["pk"] = row.pk
            values.update({f.attname: getattr(row, f.attname) for f in model._meta.fields})
            rows.append(values)
        dump[model.__name__] = rows
    return dump


def parse_trusted(path: Path) -> ET.ElementTree:
    """The stdlib parser, for the trusted samples and files the tests write themselves."""
    return ET.parse(path)  # noqa: S314


def sbb_date(value: str | None):
    """An SBB dd-mm-yyyy date as a date, or None when empty (read independently of the code)."""
    value = (value or "").strip()
    return datetime.strptime(value, "%d-%m-%Y").date() if value else None


def expected_from_xml(path: Path) -> dict:
    """What the importer should produce, read with the stdlib ElementTree."""
    dossier = parse_trusted(path).getroot().find("dossiers/dossier")
    crebo_element = dossier.find("dossiercrebos/dossiercrebo")
    basis = dossier.findall("basis/basistaken/basiskerntaken/kerntaak")
    expected = {
        "number": dossier.get("nr"),
        "crebo": crebo_element.text.strip(),
        "title": dossier.get("titel").strip(),
        "status": dossier.get("status"),
        "domain": dossier.get("referentiedomein"),
        "valid_from": sbb_date(crebo_element.get("Geldig_vanaf")),
        "end_of_intake": sbb_date(crebo_element.get("Datum_einde_instroom")),
        "basis": {
            f"B1-K{task.get('hoofdstuk')}": [
                f"B1-K{task.get('hoofdstuk')}-W{process.get('hoofdstuk')}"
                for process in task.findall("basiswerkprocessen/werkproces")
            ]
            for task in basis
        },
        "profiles": {},
    }
    for profile in dossier.findall("profielen/profiel"):
        number = profile.get("hoofdstuk")
        crebo = profile.find("creboinformatie/crebo")
        expected["profiles"][crebo.text.strip()] = {
            "chapter": int(number),
            "level": int(profile.get("niveau")),
            "sbu": int(profile.find("omschrijving/sbu").text),
            "kind": profile.find("omschrijving/soortopleiding").text.strip(),
            "valid_from": sbb_date(crebo.get("Geldig_vanaf")),
            "sbb_id": profile.get("nr"),
            "core_tasks": {
                f"P{number}-K{task.get('hoofdstuk')}": [
                    f"P{number}-K{task.get('hoofdstuk')}-W{process.get('hoofdstuk')}"
                    for process in task.findall("profielwerkprocessen/werkproces")
                ]
                for task in profile.findall("profielkerntaken/kerntaak")
            },
        }
    return expected


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """Write a small test file and return its path."""
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def minimal_sbb(
    *,
    crebo: str = "29999",
    domain: str = "4135",
    certificates: str = "",
    root: str = "sbb",
) -> str:
    """A small, valid SBB file (fictitious) that tests can vary."""
    crebo_element = (
        f'<dossiercrebo Geldig_vanaf="01-08-2024">{crebo}</dossiercrebo>' if crebo else ""
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<{root}>
  <domeinen><domein nr="4135" titel="Zorg en welzijn" crebo="79140" /></domeinen>
  <sectorkamers><sectorkamer nr="5674" titel="Sectorkamer zorg, welzijn en sport" /></sectorkamers>
  <dossiers>
    <dossier nr="9001" titel="Testdossier" versie="" status="Vastgesteld"
             referentiedomein="{domain}">
      <dossiercrebos>
        {crebo_element}
      </dossiercrebos>
      <kennisenvaardigheden>
        <kennisofvaardigheid nr="1" titel="kent de regels" />
      </kennisenvaardigheden>
      <basis><basistaken><basiskerntaken>
        <kerntaak nr="100" titel="Basistaak" hoofdstuk="1">
          <vakkennisenvaardigheden>
            <vakkennisenvaardigheden referentie="1" />
          </vakkennisenvaardigheden>
          <basiswerkprocessen>
            <werkproces nr="101" titel="Werkt" hoofdstuk="1" />
          </basiswerkprocessen>
        </kerntaak>
      </basiskerntaken></basistaken></basis>
      <profielen>
        <profiel nr="200" titel="Testprofiel" hoofdstuk="1" niveau="3">
          <omschrijving>
            <certificaten>{certificates}</certificaten>
            <sbu>3200</sbu><soortopleiding>vakopleiding</soortopleiding>
          </omschrijving>
          <creboinformatie><crebo Geldig_vanaf="01-08-2024">29998</crebo></creboinformatie>
          <profielkerntaken>
            <kerntaak nr="210" titel="Profieltaak" hoofdstuk="1">
              <profielwerkprocessen>
                <werkproces nr="211" titel="Doet" hoofdstuk="1" />
              </profielwerkprocessen>
            </kerntaak>
          </profielkerntaken>
        </profiel>
      </profielen>
    </dossier>
  </dossiers>
</{root}>
"""


@pytest.fixture
def in_english():
    """Run the test with English messages (the msgids), as after the language switch."""
    with translation.override("en"):
        yield
