"""The three SBB samples in settings.DATA_DIR / "sbb", imported with the real importer,
and read independently with the standard-library ElementTree to derive expectations.
"""

import xml.etree.ElementTree as ET  # noqa: S405 - trusted reference samples, read in tests only
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings

from qualifications.services import import_sbb_file
from qualifications.text import normalize_title


def sample_paths():
    """The SBB XML samples, sorted by name."""
    return sorted((settings.DATA_DIR / "sbb").glob("*.xml"))


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
