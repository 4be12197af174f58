"""factory_boy factories for the national qualification structure.

Normalised titles are filled with the same `normalize_title` the importer uses.

Helpers for the import tests: the SBB samples and a dump of the qualification tables.

The three SBB samples in settings.DATA_DIR / "sbb", imported with the real importer,
and read independently with the standard-library ElementTree to derive expectations.
"""

import datetime
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import factory
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
from qualifications.services import import_sbb_file
from qualifications.text import normalize_title


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: str(5000 + n))
    title = factory.Sequence(lambda n: f"Domein {n}")


class QualificationFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualificationFile

    number = factory.Sequence(lambda n: str(3000 + n))
    crebo = factory.Sequence(lambda n: f"{23000 + n:05d}")
    title = factory.Sequence(lambda n: f"Dossier {n}")
    normalized_title = factory.LazyAttribute(lambda o: normalize_title(o.title))
    status = "Vastgesteld"
    valid_from = datetime.date(2015, 8, 1)
    domain = factory.SubFactory(DomainFactory)


class QualificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Qualification

    file = factory.SubFactory(QualificationFileFactory)
    sbb_id = factory.Sequence(lambda n: str(900000 + n))
    chapter = factory.Sequence(lambda n: n + 1)
    crebo = factory.Sequence(lambda n: f"{25000 + n:05d}")
    title = factory.Sequence(lambda n: f"Kwalificatie {n}")
    normalized_title = factory.LazyAttribute(lambda o: normalize_title(o.title))
    level = 3
    study_load_hours = 4800
    programme_kind = "vakopleiding"
    valid_from = datetime.date(2015, 8, 1)


class CoreTaskFactory(factory.django.DjangoModelFactory):
    """A basis core task unless `qualification` is given (then its file is taken from it)."""

    class Meta:
        model = CoreTask

    qualification = None
    file = factory.LazyAttribute(
        lambda o: o.qualification.file if o.qualification else QualificationFileFactory()
    )
    position = factory.Sequence(lambda n: n + 1)
    code = factory.LazyAttribute(
        lambda o: (
            f"P{o.qualification.chapter}-K{o.position}" if o.qualification else f"B1-K{o.position}"
        )
    )
    sbb_id = factory.Sequence(lambda n: str(700000 + n))
    title = factory.Sequence(lambda n: f"Kerntaak {n}")
    normalized_title = factory.LazyAttribute(lambda o: normalize_title(o.title))


class WorkProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkProcess

    core_task = factory.SubFactory(CoreTaskFactory)
    position = factory.Sequence(lambda n: n + 1)
    code = factory.LazyAttribute(lambda o: f"{o.core_task.code}-W{o.position}")
    sbb_id = factory.Sequence(lambda n: str(800000 + n))
    title = factory.Sequence(lambda n: f"Werkproces {n}")
    normalized_title = factory.LazyAttribute(lambda o: normalize_title(o.title))


class ElectiveModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElectiveModule

    code = factory.Sequence(lambda n: f"K{1000 + n:04d}")
    title = factory.Sequence(lambda n: f"Keuzedeel {n}")
    normalized_title = factory.LazyAttribute(lambda o: normalize_title(o.title))
    level = 3
    study_load_hours = 240
    has_certificate = False


class VetCertificateFactory(factory.django.DjangoModelFactory):
    """A certificate on a profile core task (give `core_task`) or on a keuzedeel (`elective`)."""

    class Meta:
        model = VetCertificate

    title = factory.Sequence(lambda n: f"Certificaat {n}")
    core_task = None
    elective = None
    qualification = factory.LazyAttribute(
        lambda o: o.core_task.qualification if o.core_task is not None else None
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
    return datetime.datetime.strptime(value, "%d-%m-%Y").date() if value else None


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


def import_samples() -> None:
    """Import every sample with the importer the application uses."""
    for path in sample_paths():
        import_sbb_file(path)


@dataclass
class XmlProfile:
    """One profile as written in the XML: its crebo, title, level, SBU, and parts."""

    crebo: str
    title: str
    level: int
    sbu: int | None
    dossier_crebo: str
    dossier_title: str
    # (code, title) of basis and profile core tasks / work processes
    core_tasks: list[tuple[str, str]] = field(default_factory=list)
    work_processes: list[tuple[str, str]] = field(default_factory=list)


def read_profiles() -> dict[str, XmlProfile]:
    """Every profile of every sample keyed by crebo, with its basis and profile parts."""
    profiles = {}
    for path in sample_paths():
        dossier = ET.parse(path).getroot().find("dossiers/dossier")  # noqa: S314
        dossier_crebo = dossier.findtext("dossiercrebos/dossiercrebo").strip()
        basis_tasks, basis_processes = [], []
        for task in dossier.findall("basis/basistaken/basiskerntaken/kerntaak"):
            code = f"B1-K{task.get('hoofdstuk')}"
            basis_tasks.append((code, task.get("titel").strip()))
            for process in task.findall("basiswerkprocessen/werkproces"):
                basis_processes.append(
                    (f"{code}-W{process.get('hoofdstuk')}", process.get("titel").strip())
                )
        for profile in dossier.findall("profielen/profiel"):
            chapter = profile.get("hoofdstuk")
            sbu = profile.findtext("omschrijving/sbu")
            result = XmlProfile(
                crebo=profile.findtext("creboinformatie/crebo").strip(),
                title=profile.get("titel").strip(),
                level=int(profile.get("niveau")),
                sbu=int(sbu) if sbu else None,
                dossier_crebo=dossier_crebo,
                dossier_title=dossier.get("titel").strip(),
                core_tasks=list(basis_tasks),
                work_processes=list(basis_processes),
            )
            for task in profile.findall("profielkerntaken/kerntaak"):
                code = f"P{chapter}-K{task.get('hoofdstuk')}"
                result.core_tasks.append((code, task.get("titel").strip()))
                for process in task.findall("profielwerkprocessen/werkproces"):
                    result.work_processes.append(
                        (f"{code}-W{process.get('hoofdstuk')}", process.get("titel").strip())
                    )
            profiles[result.crebo] = result
    return profiles


def crebos_with_core_task_title(profiles: dict[str, XmlProfile]) -> dict[str, set[str]]:
    """For each normalised core-task title: the crebos of the profiles that contain it."""
    found = defaultdict(set)
    for profile in profiles.values():
        for _code, title in profile.core_tasks:
            found[normalize_title(title)].add(profile.crebo)
    return found


def crebos_with_work_process_title(profiles: dict[str, XmlProfile]) -> dict[str, set[str]]:
    """For each normalised work-process title: the crebos of the profiles that contain it."""
    found = defaultdict(set)
    for profile in profiles.values():
        for _code, title in profile.work_processes:
            found[normalize_title(title)].add(profile.crebo)
    return found
